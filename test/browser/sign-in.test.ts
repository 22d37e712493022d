// Signing in to the console in Chromium, as a person would: the link, the local
// identity provider's page, back to the console; then the page's own script gets a token
// from /console/auth/token (the HttpOnly session cookie goes with it, the script cannot
// read it), calls an admin route with it, and signs out with a form.

import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let chromium: TestBrowser;
let browser: BrowserContext;

beforeAll(async () => {
  stack = await startTestStack();
  chromium = await launchBrowser();
  browser = chromium.context;
}, 60_000);
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

describe('console sign-in in a browser', () => {
  it('signs in on the local page, lands on `next`, gets a token only its script can use, and signs out', async () => {
    const page = await browser.newPage();
    // The signed-out page stands in for a console page (the console's pages are not here).
    await page.goto(
      `${stack.apiUrl}/console/sign-in?next=${encodeURIComponent('/console/auth/signed-out?from=test')}`,
    );
    expect(new URL(page.url()).pathname).toBe('/_local/idp/oauth2/authorize');
    await page.getByLabel('Email').fill('farah@example.org');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.apiUrl}/console/auth/signed-out?from=test`);

    // The session cookie is there, HttpOnly and Strict, but no script can read it.
    const cookies = await browser.cookies(`${stack.apiUrl}/console/auth/token`);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([
      ['console_session', true, 'Strict', '/console/auth'],
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const result = await page.evaluate(async () => {
      const res = await fetch('/console/auth/token', { method: 'POST' });
      const { token, email, organizer } = (await res.json()) as {
        token: string;
        email: string;
        organizer: boolean;
      };
      const admin = await fetch('/admin/affiliates', { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, email, organizer, admin: admin.status };
    });
    expect(result).toEqual({ status: 200, email: 'farah@example.org', organizer: true, admin: 200 });

    // Sign out with a form on a page of ours, as the console will: the whole trip ends on
    // the signed-out page, and the refresh token is revoked, not just forgotten.
    const session = cookies[0]!.value;
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/console/sign-out';
      const button = document.createElement('button');
      button.textContent = 'Sign out';
      form.append(button);
      document.body.append(form);
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.apiUrl}/console/auth/signed-out`);
    await expect(page.getByRole('heading', { name: 'You have signed out' }).isVisible()).resolves.toBe(true);
    expect(await browser.cookies(`${stack.apiUrl}/console/auth/token`)).toEqual([]);
    const after = await page.evaluate(
      async () => (await fetch('/console/auth/token', { method: 'POST' })).status,
    );
    expect(after).toBe(401);
    const stolen = await fetch(`${stack.apiUrl}/console/auth/token`, {
      method: 'POST',
      headers: { cookie: `console_session=${session}` },
    });
    expect(stolen.status).toBe(401);
  });
});
