// Chromium, headless, with a fresh profile, for the browser tests: Debian's when it is
// installed (CI installs it), otherwise the one shipped inside the @sparticuz/chromium npm
// package, so `npm install && npm test` passes on a new machine with nothing else. A
// browser that cannot start fails the test rather than skipping it.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, or the npm package's (unpacked into the temp directory; the global
 * setup does it once before the test files run, so parallel files never unpack it twice).
 */
export async function chromiumPath(): Promise<string> {
  if (existsSync(CHROMIUM) && process.env.TEST_BROWSER !== 'npm') return CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<TestBrowser> {
  const executablePath = await chromiumPath();
  const profile = await mkdtemp(join(tmpdir(), 'chromium-'));
  // Playwright takes the profile directory as the persistent context, not as an argument.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
