// Headless Chromium: an affiliate opens the personal link from its reminder email (as
// SES local stored it), fills in the form and sees the result; a rejected report shows
// every reason on the page.

import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_REPORT, samples } from '../fixtures/language-samples.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { affiliateStatus, createAffiliate, REPORTS_PAGE, reportLinkIn } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let meta: FakeMediaWiki;
let browser: BrowserContext;
let chromium: TestBrowser;

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    startAt: new Date('2025-07-02T00:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '500' },
  });
  await createAffiliate(stack, 'browse');
  await stack.advanceTo('2026-07-01T06:00:00Z');
  chromium = await launchBrowser();
  browser = chromium.context;
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  await meta?.stop();
});

async function reminderLink(): Promise<string> {
  const mails = (await stack.emailsTo('browse@groups.example.org')).filter((m) =>
    /report\?token=/.test(m.body.text ?? ''),
  );
  expect(mails.length).toBeGreaterThan(0);
  return reportLinkIn(mails.at(-1)!);
}

describe('the report form in a browser', () => {
  it('shows every reason a report is refused, keeping what was typed', async () => {
    const page = await browser.newPage();
    await page.goto(await reminderLink());
    await expect(page.locator('#affiliate').textContent()).resolves.toContain('Wikimedia browse User Group');
    await page.fill('#periodStart', '2025-09-01');
    await page.fill('#metaUrl', 'https://meta.wikimedia.org.example.com/wiki/Report');
    // The pasted text is optional and judged only from meta-wiki later: not a reason here.
    const pasted = samples.find((s) => s.name.startsWith('Urdu in Latin'))!.text;
    await page.fill('#text', pasted);
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    const reasons = await page.locator('#problems li').allTextContents();
    expect(reasons).toHaveLength(2);
    expect(reasons.join(' ')).toMatch(/whole agreement period[\s\S]*meta\.wikimedia\.org exactly/);
    expect(await page.inputValue('#metaUrl')).toBe('https://meta.wikimedia.org.example.com/wiki/Report');
    expect(await page.inputValue('#text')).toBe(pasted);
    expect((await affiliateStatus(stack, 'browse')).status).toBe('report_due');
    await page.close();
  });

  it('refuses a title meta-wiki would read as syntax, saying which character', async () => {
    const page = await browser.newPage();
    await page.goto(await reminderLink());
    await page.fill('#metaUrl', 'https://meta.wikimedia.org/wiki/Wikimedia_browse/Reports%7C2026');
    await page.fill('#text', ENGLISH_REPORT);
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    const reasons = await page.locator('#problems li').allTextContents();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('|');
    await page.close();
  });

  it('shows what meta-wiki does not show yet, with the link to fix it, when the page is not listed', async () => {
    meta.pages.set('Wikimedia browse/Reports/2026', { linkedFrom: [] });
    const page = await browser.newPage();
    await page.goto(await reminderLink());
    await page.fill('#metaUrl', 'https://meta.wikimedia.org/wiki/Wikimedia_browse/Reports/2026');
    await page.fill('#text', ENGLISH_REPORT);
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toBe('Report received');
    const todo = page.locator('#missing li');
    expect(await todo.count()).toBe(1);
    expect(await todo.getAttribute('data-code')).toBe('not_listed');
    expect(await todo.locator('a').first().getAttribute('href')).toBe(
      'https://meta.wikimedia.org/wiki/Wikimedia_Affiliates_Data_Portal/Reports',
    );
    await page.close();
  });

  it('after a refused report: each reason beside its field, the language switch works, nothing scrolls sideways', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(await reminderLink());
    await page.fill('#periodStart', '2025-09-01');
    await page.fill('#text', ENGLISH_REPORT);
    await page.fill(
      '#metaUrl',
      `https://meta.wikimedia.org/wiki/Wikimedia_browse/${'Long_title_'.repeat(12)}`,
    );
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    // Beside the field, announced with it, and in the summary as a link to it.
    expect(await page.locator('#periodStart').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#periodStart-error').textContent()).toContain('whole agreement period');
    expect(await page.locator('#problems a[href="#periodStart"]').count()).toBe(1);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    // Switching language is a GET of the link's page: the form in Urdu, not an error.
    const response = await Promise.all([page.waitForURL(/\/report\?/), page.click('a[hreflang="ur"]')]).then(
      () => page.locator('html').getAttribute('lang'),
    );
    expect(response).toBe('ur');
    // The report form once (the document uploads below it are forms of their own).
    expect(await page.locator('form[action$="/reports"]').count()).toBe(1);
    // The reasons are in the page's language too.
    await page.fill('#periodStart', '2025-09-01');
    await page.fill('#metaUrl', 'https://meta.wikimedia.org/wiki/Wikimedia_browse/Reports/2026');
    await page.fill('#text', ENGLISH_REPORT);
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    expect(await page.locator('#periodStart-error').textContent()).toContain('رپورٹ کو معاہدے کی پوری مدت');
    await page.close();
  });

  it('goes from the reminder email to an accepted report', async () => {
    meta.pages.set('Wikimedia browse/Reports/2025-26', { linkedFrom: [REPORTS_PAGE] });
    const page = await browser.newPage();
    await page.goto(await reminderLink());
    await page.fill('#metaUrl', 'https://meta.wikimedia.org/wiki/Wikimedia_browse/Reports/2025-26');
    await page.fill('#text', ENGLISH_REPORT);
    await Promise.all([page.waitForURL(/\/reports$/), page.click('button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toBe('Report accepted');
    expect(await page.locator('#outcome').getAttribute('data-status')).toBe('accepted');
    expect((await affiliateStatus(stack, 'browse')).status).toBe('active');
    // Reopening the link shows the report's status, not an empty form.
    await page.goto(await reminderLink());
    expect(await page.locator('h1').textContent()).toBe('Report accepted');
    expect(await page.locator('form[action$="/reports"]').count()).toBe(0);
    // Documents (a financial statement) can still be uploaded for the period.
    expect(await page.locator('#documents form.upload').count()).toBe(2);
    await page.close();
  });
});
