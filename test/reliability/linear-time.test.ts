// Every input is handled in time proportional to its length. The worst patterns for
// backtracking regular expressions and markup scanners (openers without closers, runs
// without the character a pattern waits for), at the largest size each route accepts,
// sent to every public route of the route table: each reply within 1 s, and /health,
// asked all along, within 200 ms, so one such request cannot stall the others.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { signReportToken } from '../../shared/report-link.ts';
import { MAX_TEXT_BYTES } from '../../shared/reports/rules.ts';
import { type RouteDef, routes } from '../../shared/routes/index.ts';
import { AGREEMENT, createAffiliate, PERIOD } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const WORST = ['[[', '[[a|', '[http://', '<', '<ref>', '{{', "''", 'a@', 'a', '\u202e', 'ی', '\t'];
const APPLICATION_BODY_LIMIT = 64 * 1024;
/** API Gateway refuses request lines and headers over 10 KB; stay under with the path. */
const URL_PART_BYTES = 4 * 1024;
const AFFILIATE = 'linear';

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-07-01T00:00:00Z') });
  await createAffiliate(stack, AFFILIATE);
  token = await signReportToken({
    affiliateId: AFFILIATE,
    period: PERIOD,
    expiresAt: new Date('2026-12-31T00:00:00Z'),
  });
});
afterAll(() => stack?.stop());

/** `unit` repeated to about `bytes` bytes of UTF-8. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));

/** The requests that take a pattern to the deepest code of a route, at its largest. */
function requestsFor(route: RouteDef, unit: string): { url: string; init: RequestInit }[] {
  const inUrl = encodeURIComponent(fill(unit, URL_PART_BYTES / 3));
  // Headers carry Latin-1 only: other patterns go percent-encoded, as a browser would.
  const inHeader = /^[\x20-\x7e]+$/.test(unit) ? fill(unit, URL_PART_BYTES) : inUrl;
  const path = route.path.replace(/\{id\}/, route.path.includes('report') ? AFFILIATE : inUrl);
  if (route.method === 'GET')
    return [
      { url: `${path}?token=${inUrl}&lang=${inUrl}`, init: { headers: { accept: 'text/html' } } },
      { url: `${path}?token=${token}`, init: { headers: { 'accept-language': inHeader } } },
    ];
  if (route.path === '/applications') {
    const room = APPLICATION_BODY_LIMIT - 1024;
    const big = (field: string) => ({ ...applicationBody('linear', 1), [field]: fill(unit, room / 2) });
    return ['name', 'statement', 'email', 'cnic'].map((field) => ({
      url: path,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(big(field)),
      },
    }));
  }
  if (route.path === '/affiliates/{id}/reports') {
    const report = {
      periodStart: AGREEMENT.start,
      periodEnd: AGREEMENT.end,
      metaUrl: `https://meta.wikimedia.org/wiki/${encodeURIComponent(fill(unit, 600))}`,
      text: fill(unit, MAX_TEXT_BYTES - 16),
    };
    return [
      {
        url: path,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(report),
        },
      },
      {
        url: path,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          body: new URLSearchParams({ ...report, token }).toString(),
        },
      },
    ];
  }
  // Any other public POST: a body of the pattern itself.
  return [
    {
      url: path,
      init: {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: fill(unit, APPLICATION_BODY_LIMIT - 16),
      },
    },
  ];
}

describe('linear time on every public route', () => {
  it('answers each worst-case request within 1 s, with /health within 200 ms meanwhile', async () => {
    const health: number[] = [];
    let running = true;
    const watch = (async () => {
      while (running) {
        const t = performance.now();
        const res = await stack.api('/health');
        await res.arrayBuffer();
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const slow: string[] = [];
    const statuses = new Map<string, Set<number>>();
    let sent = 0;
    try {
      for (const route of routes.filter((r) => r.access === 'public' && r.path !== '/health')) {
        for (const unit of WORST) {
          for (const { url, init } of requestsFor(route, unit)) {
            const t = performance.now();
            const res = await stack.api(url, init);
            await res.arrayBuffer();
            const ms = performance.now() - t;
            sent++;
            const key = `${route.method} ${route.path}`;
            statuses.set(key, (statuses.get(key) ?? new Set()).add(res.status));
            expect(res.status, `${key} with ${JSON.stringify(unit)}`).toBeLessThan(500);
            if (ms > 1000) slow.push(`${key} with ${JSON.stringify(unit)}: ${ms.toFixed(0)} ms`);
          }
        }
      }
    } finally {
      running = false;
      await watch;
    }
    expect(slow).toEqual([]);
    expect(sent).toBeGreaterThan(100);
    // The report form was really judged (422 with the rules), not turned away at the door.
    expect(statuses.get('POST /affiliates/{id}/reports')).toContain(422);
    expect(health.length).toBeGreaterThan(20);
    expect(
      Math.max(...health),
      `health latencies: ${health.map((h) => h.toFixed(0)).join(' ')}`,
    ).toBeLessThan(200);
  }, 120_000);
});
