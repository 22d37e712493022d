// Headless Chromium with JavaScript off and our Content-Security-Policy enforced: the
// contact picks a PDF on the report page, the plain form posts it to S3 (s3rver), S3
// sends the browser back, and the page says it is recorded; a file that is not a PDF is
// refused with the reason. The documents section passes axe-core in English and Urdu.

import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signReportToken } from '../../shared/report-link.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { createAffiliate, PERIOD } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let stack: TestStack;
let plain: TestBrowser;
let token: string;

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-06-01T00:00:00Z') });
  await createAffiliate(stack, 'paper');
  token = await signReportToken({ affiliateId: 'paper', period: PERIOD, expiresAt: new Date('2026-12-31') });
  plain = await launchBrowser({ javaScriptEnabled: false });
});
afterAll(async () => {
  await plain?.close();
  await stack?.stop();
});

const reportPage = (lang = 'en') => `${stack.apiUrl}/affiliates/paper/report?token=${token}&lang=${lang}`;

async function upload(page: Page, kind: string, file: { name: string; buffer: Buffer }) {
  await page.setInputFiles(`#upload-${kind}`, { ...file, mimeType: 'application/pdf' });
  await Promise.all([
    page.waitForURL(/\/complete\?/),
    page.click(`form[data-kind=${kind}] button[type=submit]`),
  ]);
}

describe('uploading a document from the report page, without JavaScript', () => {
  it('records a PDF and says so, then shows it on the report page', async () => {
    const page = await plain.context.newPage();
    await page.goto(reportPage());
    await expect(page.locator('#upload-financial_statement-status').textContent()).resolves.toBe(
      'Nothing uploaded yet.',
    );
    await upload(page, 'financial_statement', {
      name: 'statement.pdf',
      buffer: Buffer.from('%PDF-1.7\n% a statement\n%%EOF\n'),
    });
    await expect(page.locator('#outcome').textContent()).resolves.toMatch(
      /Recorded .*: Financial statement, \d+ byte/,
    );
    await Promise.all([page.waitForURL(/\/report\?/), page.click('#back')]);
    await expect(page.locator('#upload-financial_statement-status').textContent()).resolves.toMatch(
      /^On record: uploaded 1 June 2026/,
    );
    await page.close();
  });

  it('refuses a file that is not a PDF, saying why', async () => {
    const page = await plain.context.newPage();
    await page.goto(reportPage());
    await upload(page, 'activity_report', { name: 'report.pdf', buffer: Buffer.from('just some text') });
    const alert = page.locator('[role=alert] #outcome');
    await expect(alert.getAttribute('data-status')).resolves.toBe('upload_not_pdf');
    await expect(alert.textContent()).resolves.toContain('The file is not a PDF');
    await page.goto(reportPage());
    await expect(page.locator('#upload-activity_report-status').getAttribute('data-uploaded')).resolves.toBe(
      'no',
    );
    await page.close();
  });
});

describe('the documents section', () => {
  it.each(['en', 'ur'])('has no accessibility violations (%s)', async (lang) => {
    // axe-core is injected as a script, which the page's CSP rightly forbids.
    const checked = await launchBrowser({ bypassCSP: true });
    try {
      const page = await checked.context.newPage();
      await page.goto(reportPage(lang));
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: (context: string) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
          }
        ).axe.run('#documents');
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await checked.close();
    }
  });
});
