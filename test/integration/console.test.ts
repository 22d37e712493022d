// The console on the local stack, over plain HTTP: the shells and the script (no inline
// script, the site's CSP, a year-long cache for a script named by its content), the
// admin routes the screens need (queue counts, the board's owed notices and bouncing
// addresses, the cycle of an affiliate, checking a report again), and organizer emails
// that link to the console.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppress } from '../../shared/mail/suppression.ts';
import { confirmedApplication } from '../support/console.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { AGREEMENT, createAffiliate, goodReport, REPORTS_PAGE } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let meta: FakeMediaWiki;

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    startAt: new Date('2026-07-15T07:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '2000' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

describe('console pages', () => {
  it('serves a shell per screen with the CSP and an external script, and the script by its hash', async () => {
    const res = await stack.api('/console/affiliates/wm-pk%22%3E/reports');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const page = await res.text();
    expect(page).toContain('data-screen="reports"');
    // The id is text in an attribute, never markup.
    expect(page).toContain('data-id="wm-pk&quot;&gt;"');
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const src = /<script type="module" src="(\/console\/assets\/console\.[0-9a-f]{16}\.js)">/.exec(page)?.[1];
    expect(src).toBeDefined();
    const script = await stack.api(src!);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect((await stack.api('/console/assets/console.0000000000000000.js')).status).toBe(404);

    for (const [path, screen] of [
      ['/console', 'applications'],
      ['/console/members', 'members'],
      ['/console/affiliates/new', 'affiliate-form'],
      ['/console/affiliates/wm-pk', 'affiliate'],
    ]) {
      const shell = await (await stack.api(path!)).text();
      expect(shell, path).toContain(`data-screen="${screen}"`);
    }
  });
});

describe('admin routes for the console', () => {
  it('counts applications by status', async () => {
    const before = (await (await stack.api('/admin/applications/counts', { admin: true })).json()) as {
      counts: Record<string, number>;
    };
    const { id } = await confirmedApplication(stack, 'Counted Person');
    const waiting = await stack.api('/applications', {
      json: {
        kind: 'institution',
        name: 'Unconfirmed Library',
        email: `library.${Date.now()}@example.org`,
        registrationNumber: `KHI-${Date.now()}`,
        registrationAuthority: 'Sindh Societies Registration',
        registeredIn: 'PK',
        contactName: 'Bilal Ahmed',
      },
    });
    expect(waiting.status).toBe(202);
    await stack.api(`/admin/applications/${id}/decision`, { admin: true, json: { decision: 'approve' } });
    const after = (await (await stack.api('/admin/applications/counts', { admin: true })).json()) as {
      counts: Record<string, number>;
    };
    expect(after.counts).toEqual({
      ...before.counts,
      pending_confirmation: before.counts.pending_confirmation! + 1,
      approved: before.counts.approved! + 1,
    });
    expect((await stack.api('/admin/applications/counts')).status).toBe(401);
  });

  it('lists affiliates with their owed notices and bouncing addresses, and gives the cycle of one', async () => {
    await createAffiliate(stack, 'board', { start: '2025-06-01', end: '2026-05-31' });
    await suppress('board@groups.example.org', {
      reason: 'bounce',
      detail: 'Permanent/General',
      at: stack.clock.now(),
    });
    const board = (await (await stack.api('/admin/affiliates', { admin: true })).json()) as {
      affiliates: { id: string; bouncing: string[]; owedNotices: string[] }[];
    };
    const row = board.affiliates.find((a) => a.id === 'board');
    expect(row?.bouncing).toEqual(['board@groups.example.org']);
    expect(row?.owedNotices).toEqual([]);

    const detail = (await (await stack.api('/admin/affiliates/board', { admin: true })).json()) as {
      affiliate: { cycle: { step: string; day: string; done: boolean; next: boolean }[] };
    };
    // Due 30 June (30 days after 31 May): reminders on 31 May and 23 June, both sent at
    // registration on 15 July; the expiry notice (1 July) too; next the final reminder.
    expect(detail.affiliate.cycle.map((c) => [c.step, c.day, c.done, c.next])).toEqual([
      ['agreement_start', '2025-06-01', true, false],
      ['first_reminder', '2026-05-31', true, false],
      ['second_reminder', '2026-06-23', true, false],
      ['due', '2026-06-30', true, false],
      ['expire', '2026-07-01', true, false],
      ['final_reminder', '2026-07-24', false, true],
      ['remove', '2026-07-31', false, false],
    ]);
  });

  it('checks a received report on meta-wiki again and accepts it once the page is there', async () => {
    await createAffiliate(stack, 'fixed', AGREEMENT);
    meta.mode = 'ok';
    const title = 'Wikimedia fixed/Reports/2026';
    const sent = await stack.api('/admin/affiliates/fixed/reports', { admin: true, json: goodReport(title) });
    expect(sent.status).toBe(201);
    const { report } = (await sent.json()) as { report: { reportId: string; status: string } };
    expect(report.status).toBe('received');

    meta.pages.set(title, { linkedFrom: [REPORTS_PAGE] });
    const again = await stack.api(`/admin/affiliates/fixed/reports/${report.reportId}/recheck`, {
      admin: true,
      method: 'POST',
    });
    expect(again.status).toBe(200);
    const checked = (await again.json()) as { report: { status: string; verification: { state: string } } };
    expect(checked.report.status).toBe('accepted');
    expect(checked.report.verification.state).toBe('verified');
    expect(
      (await stack.api('/admin/affiliates/fixed/reports/nope/recheck', { admin: true, method: 'POST' }))
        .status,
    ).toBe(404);
  });
});

describe('organizer emails', () => {
  it('link a confirmed application to its console page', async () => {
    const { id } = await confirmedApplication(stack, 'Linked Person');
    const told = (await stack.emailsTo('organizers@')).filter((m) => m.subject.includes('Linked Person'));
    expect(told.at(-1)?.body.text).toContain(`${stack.apiUrl}/console/applications/${id}`);
  });
});
