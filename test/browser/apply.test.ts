// Headless Chromium: a person opens /apply, fills in the individual form, sends it and
// sees the result page; a wrong field shows its error beside it; the Urdu page reads
// right to left. No JavaScript on our side: this is the plain HTML form at work.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

const CHROMIUM = '/usr/bin/chromium';

let stack: TestStack;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  // Under CI=true, and anywhere else, a missing browser fails the test rather than skipping it.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  stack = await startTestStack({ startAt: new Date('2026-07-15T07:00:00Z') });
  profile = await mkdtemp(join(tmpdir(), 'chromium-apply-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: false,
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
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('the membership form in a browser', () => {
  it('sends an individual application and shows the result page; then shows an error beside a wrong field', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.apiUrl}/apply`);
    await page.getByLabel('Full name').fill('Ayesha Khan');
    await page.getByLabel('Email address').fill('browser.applicant@example.org');
    await page.getByLabel('Date of birth').fill('1994-03-21');
    await page.getByLabel('Citizenship').selectOption('PK');
    await page.getByLabel('CNIC number').fill('35202-7654321-9');
    await page.getByLabel('City').fill('Lahore');
    await page.getByRole('button', { name: 'Send application' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
    expect(await stack.emailsTo('browser.applicant@example.org')).toHaveLength(1);

    await page.goto(`${stack.apiUrl}/apply`);
    await page.getByLabel('Full name').fill('Bilal Ahmed');
    await page.getByLabel('Email address').fill('bilal.browser@example.org');
    await page.getByLabel('Date of birth').fill('1990-01-01');
    await page.getByLabel('CNIC number').fill('1234-5678');
    await page.getByRole('button', { name: 'Send application' }).click();
    const cnic = page.locator('#f-cnic');
    await expect.poll(() => cnic.getAttribute('aria-invalid')).toBe('true');
    // The message sits in the CNIC field's own block and is announced with the input.
    const error = page.locator('.field.invalid').filter({ has: cnic }).locator('.error-text');
    expect(await error.textContent()).toContain('Enter the 13 digits of the CNIC');
    expect(await cnic.getAttribute('aria-describedby')).toContain('f-cnic-error');
    // What was typed is still there.
    expect(await page.getByLabel('Full name').inputValue()).toBe('Bilal Ahmed');
    expect(await cnic.inputValue()).toBe('1234-5678');
    expect(await page.getByRole('alert').textContent()).toContain('CNIC number');
    await page.close();
  });

  it('renders the Urdu page right to left, with a link back to English', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.apiUrl}/apply?lang=ur`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    const direction = await page.locator('h1').evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe('rtl');
    // The heading sits at the right edge of the page, as Urdu readers expect.
    const box = await page.locator('h1').boundingBox();
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    const textRight = await page.locator('h1').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect().right;
    });
    expect(box).not.toBeNull();
    expect(textRight).toBeGreaterThan(width / 2);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await page.close();
  });
});
