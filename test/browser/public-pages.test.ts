// The public affiliates pages and the Urdu typography, in Chromium on a phone (360 and
// 390 px) and a desktop, in English and Urdu: each group's name and logo, the Formerly
// Active page with its date, no sideways scrolling, the self-hosted Nastaliq font loaded,
// Urdu lines that do not overlap, examples that keep their left-to-right order, and no
// accessibility violations found by axe-core.

import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let chromium: TestBrowser;
let browser: BrowserContext;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function register(id: string, name: string, agreement: { start: string; end: string }) {
  const res = await stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id,
      name,
      type: id === 'karachi' ? 'thematic_organization' : 'user_group',
      country: 'Pakistan',
      contactEmails: [`${id}@groups.example.org`],
      languages: ['en', 'ur'],
      metaPage: `https://meta.wikimedia.org/wiki/${name.replaceAll(' ', '_')}_with_a_rather_long_page_title_for_phones`,
      logoUrl: `https://upload.wikimedia.org/wikipedia/commons/${id}.svg`,
      agreement,
    },
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-01-10T00:00:00Z') });
  await register('lahore', 'Wikimedians of Lahore', { start: '2026-01-01', end: '2026-12-31' });
  await register('karachi', 'Karachi Open Knowledge', { start: '2025-12-01', end: '2026-11-30' });
  // Due 31 January 2026: removed on 2 March 2026 without a report.
  await register('quetta', 'Quetta Wiki Circle', { start: '2025-01-01', end: '2025-12-31' });
  await stack.advanceTo('2026-03-03T00:00:00Z');
  // axe-core is injected as a script; our pages' CSP (rightly) forbids that, so the test
  // browser is told to let it in.
  chromium = await launchBrowser({ bypassCSP: true });
  browser = chromium.context;
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

async function open(path: string, width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 800 });
  const res = await page.goto(`${stack.apiUrl}${path}`);
  expect(res?.status()).toBe(200);
  return page;
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

describe('the affiliates page', () => {
  it('shows each current group with its logo, type and meta page; programs still get JSON', async () => {
    const page = await open('/affiliates', 1280);
    const cards = page.locator('.affiliates li');
    expect(await cards.count()).toBe(2);
    const logo = page.getByRole('img', { name: 'Logo of Wikimedians of Lahore' });
    expect(await logo.getAttribute('src')).toBe('https://upload.wikimedia.org/wikipedia/commons/lahore.svg');
    expect(await logo.getAttribute('width')).toBe('64');
    expect(await logo.getAttribute('loading')).toBe('lazy');
    expect(await page.locator('#affiliate-karachi').textContent()).toContain('Thematic organization');
    expect(await page.locator('#affiliate-quetta').count()).toBe(0);
    // Every page says whom to write to.
    expect(await page.locator('footer a').getAttribute('href')).toBe(
      'mailto:organizers@wikimedia.pk.example',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const asJson = await stack.api('/affiliates');
    expect(asJson.headers.get('content-type')).toContain('application/json');
    const etag = asJson.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(asJson.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await stack.api('/affiliates', { headers: { 'if-none-match': etag! } })).status).toBe(304);
  });

  it('the Formerly Active page names the group and the day it moved, without its logo', async () => {
    const page = await open('/affiliates/formerly-active', 1280);
    const card = page.locator('#affiliate-quetta');
    expect(await card.textContent()).toContain('Formerly active since 2 March 2026');
    expect(await card.locator('img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('on a phone and in Urdu', () => {
  const pages = ['/affiliates', '/affiliates/formerly-active', '/apply'];

  it('no page scrolls sideways at 360 or 390 px, in English or Urdu', async () => {
    for (const width of [360, 390])
      for (const path of pages)
        for (const lang of ['en', 'ur']) {
          const page = await open(`${path}?lang=${lang}`, width);
          expect(await noSidewaysScroll(page), `${path} ${lang} ${width}px`).toBe(true);
          await page.close();
        }
  });

  it('Urdu pages load the self-hosted Nastaliq font, and its lines do not overlap', async () => {
    const page = await open('/apply?lang=ur', 390);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Nastaliq Urdu"', 'اردو'))).toBe(true);
    const family = await page.locator('h1').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family.startsWith('"Noto Nastaliq Urdu"')).toBe(true);
    // The intro paragraph wraps onto several lines on a phone. Nastaliq's ink reaches far
    // above and below its nominal box, so compare ink, not boxes: each line's lowest ink
    // (measured on its own text in the page's font) ends above the next line's highest.
    const lines = await page
      .locator('main p')
      .first()
      .evaluate((el) => {
        const text = el.firstChild as Text;
        const content = text.textContent ?? '';
        const style = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        const byTop = new Map<number, { top: number; text: string }>();
        for (let i = 0; i < content.length; i++) {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const rect = range.getBoundingClientRect();
          if (!rect.height) continue;
          const key = Math.round(rect.top);
          const line = byTop.get(key) ?? { top: rect.top, text: '' };
          line.text += content[i];
          byTop.set(key, line);
        }
        return [...byTop.values()]
          .sort((x, y) => x.top - y.top)
          .map((line) => {
            const m = ctx.measureText(line.text);
            const baseline = line.top + m.fontBoundingBoxAscent;
            return {
              inkTop: baseline - m.actualBoundingBoxAscent,
              inkBottom: baseline + m.actualBoundingBoxDescent,
            };
          });
      });
    expect(lines.length).toBeGreaterThan(1);
    for (let i = 1; i < lines.length; i++)
      expect(lines[i]!.inkTop, `line ${i + 1}`).toBeGreaterThanOrEqual(lines[i - 1]!.inkBottom - 1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the CNIC example keeps its left-to-right order inside Urdu text', async () => {
    const page = await open('/apply?lang=ur', 390);
    for (const example of ['12345-1234567-1']) {
      const order = await page
        .locator('bdi', { hasText: example })
        .first()
        .evaluate((el) => {
          const text = el.firstChild as Text;
          const at = (i: number) => {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            return range.getBoundingClientRect().left;
          };
          return { first: at(0), last: at((text.textContent ?? '').length - 1) };
        });
      // Left to right: the first character is drawn left of the last one.
      expect(order.first, example).toBeLessThan(order.last);
    }
    await page.close();
  });
});
