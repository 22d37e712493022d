// Headless Chromium: a person opens /apply, fills in the individual form, sends it and
// sees the result page; a wrong field shows its error beside it; the Urdu page reads
// right to left. No JavaScript on our side: this is the plain HTML form at work.

import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let browser: BrowserContext;
let chromium: TestBrowser;

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-07-15T07:00:00Z') });
  chromium = await launchBrowser({ javaScriptEnabled: false });
  browser = chromium.context;
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

describe('the membership form in a browser', () => {
  it('sends an individual application and shows the result page; then shows an error beside a wrong field', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.apiUrl}/apply`);
    await page.getByLabel('Full name').fill('Ayesha Khan');
    await page.getByLabel('Email address').fill('browser.applicant@example.org');
    // Day, month by name and year: what is typed is what is seen, whatever the browser.
    await page.getByLabel('Day').fill('21');
    await page.getByLabel('Month').selectOption({ label: 'March' });
    await page.getByLabel('Year').fill('1994');
    await page.getByLabel('Citizenship').selectOption('PK');
    await page.getByLabel('CNIC number').fill('35202-7654321-9');
    await page.getByLabel('City').fill('Lahore');
    await page.getByRole('button', { name: 'Send application' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
    // The page names the address used and where a missing email may be.
    const notice = await page.locator('.notice').textContent();
    expect(notice).toContain('We sent it to browser.applicant@example.org');
    expect(notice).toContain('spam or junk folder');
    // Lost it? One click sends the link again.
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Link sent again');
    expect(await stack.emailsTo('browser.applicant@example.org')).toHaveLength(2);

    await page.goto(`${stack.apiUrl}/apply`);
    await page.getByLabel('Full name').fill('Bilal Ahmed');
    await page.getByLabel('Email address').fill('bilal.browser@example.org');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').selectOption({ label: 'January' });
    await page.getByLabel('Year').fill('1990');
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

  it('asks for the date of birth as day, month and year, and keeps them when the date is not real', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.apiUrl}/apply`);
    await page.getByLabel('Full name').fill('Sana Malik');
    await page.getByLabel('Email address').fill('sana.browser@example.org');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').selectOption({ label: 'February' });
    await page.getByLabel('Year').fill('1992');
    await page.getByLabel('CNIC number').fill('35202-1111111-3');
    await page.getByRole('button', { name: 'Send application' }).click();
    await expect.poll(() => page.locator('#f-dateOfBirth-error').count()).toBe(1);
    expect(await page.getByLabel('Day').inputValue()).toBe('31');
    expect(await page.getByLabel('Month').inputValue()).toBe('2');
    expect(await page.getByLabel('Year').inputValue()).toBe('1992');
    expect(await stack.emailsTo('sana.browser@example.org')).toHaveLength(0);
    // The Urdu form names the months in Urdu.
    await page.goto(`${stack.apiUrl}/apply?lang=ur`);
    expect(await page.locator('#f-dateOfBirth-month option[value="3"]').textContent()).toBe('مارچ');
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
