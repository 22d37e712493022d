// Onboarding existing groups, the first thing a new organizer does: registering 50
// affiliates whose agreements are spread over the last three years sends nothing to
// anyone, places each group where it stands today, and a second run changes nothing.
// A batch with one bad row is refused whole.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
// 25 November 2026, 05:00 in Pakistan: the steps of today (09:00) have not happened yet.
const NOW = new Date('2026-11-25T00:00:00Z');
const TODAY = '2026-11-25';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** A user group's agreement starting `start`, twelve months long. */
function agreementFrom(start: string) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return { start, end: d.toISOString().slice(0, 10) };
}

/** Where the seed's rules put a user group today, worked out here independently. */
function expectedStatus(agreement: { end: string }): string {
  const due = addDays(agreement.end, 30);
  const passed = (day: string) => day < TODAY;
  if (passed(addDays(due, 31))) return 'removal_held';
  if (passed(addDays(due, 1))) return 'expired';
  if (passed(addDays(due, -30))) return 'report_due';
  return 'active';
}

const row = (id: string, start: string) => ({
  id,
  name: `Onboarded ${id}`,
  type: 'user_group',
  country: 'Pakistan',
  contactEmails: [`${id}@groups.example.org`],
  languages: ['en', 'ur'],
  metaPage: `https://meta.wikimedia.org/wiki/Onboarded_${id}`,
  logoUrl: `https://upload.wikimedia.org/${id}.svg`,
  agreement: agreementFrom(start),
});

// Agreements starting every 22 days from three years ago: some not yet due, some due
// soon, some expired, many long past their removal date.
const GROUPS = Array.from({ length: 50 }, (_, i) =>
  row(`g${String(i).padStart(2, '0')}`, addDays('2023-11-25', i * 22)),
);

const importList = (body: unknown, query = '') =>
  stack.api(`/admin/affiliates/import${query}`, { admin: true, json: body });

interface ImportReply {
  dryRun: boolean;
  results: { id: string; outcome: string; status: string; notices?: { kind: string; at: string }[] }[];
}

beforeAll(async () => {
  stack = await startTestStack({ startAt: NOW });
});
afterAll(async () => {
  await stack?.stop();
});

describe('importing existing affiliates', () => {
  it('a dry run shows where each would stand and what it would be sent, and stores nothing', async () => {
    const res = await importList({ affiliates: GROUPS }, '?dryRun=true');
    expect(res.status).toBe(200);
    const reply = (await res.json()) as ImportReply;
    expect(reply.results.map((r) => r.outcome)).toEqual(GROUPS.map(() => 'would_create'));
    expect(reply.results.map((r) => r.status)).toEqual(GROUPS.map((g) => expectedStatus(g.agreement)));
    // Only future steps are planned, and never a public one for a group already past removal.
    for (const r of reply.results) {
      for (const n of r.notices ?? []) expect(n.at >= NOW.toISOString()).toBe(true);
      if (r.status === 'removal_held') expect(r.notices).toEqual([]);
    }
    const listed = (await (await stack.api('/admin/affiliates', { admin: true })).json()) as {
      affiliates: unknown[];
    };
    expect(listed.affiliates).toEqual([]);
    expect(await stack.emails()).toEqual([]);
  });

  it('registers all 50 without sending anything, each where it stands today', async () => {
    const res = await importList({ affiliates: GROUPS });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as ImportReply;
    expect(reply.results.map((r) => r.outcome)).toEqual(GROUPS.map(() => 'created'));
    const statuses = new Map(reply.results.map((r) => [r.id, r.status]));
    for (const g of GROUPS) expect(statuses.get(g.id), g.id).toBe(expectedStatus(g.agreement));
    // Every kind of place is represented, so the check above means something.
    expect(new Set(statuses.values())).toEqual(new Set(['active', 'report_due', 'expired', 'removal_held']));

    // Let every schedule of the moment fire: still nothing to contacts or Wikimedia-l.
    await stack.advanceTo(new Date(NOW.getTime() + 60_000));
    const sent = await stack.emails();
    expect(sent.filter((m) => !m.destination.to.every((to) => to.startsWith('organizers@')))).toEqual([]);

    // A group past removal is never removed or announced by its registration.
    const public_ = (await (await stack.api('/affiliates')).json()) as { affiliates: { id: string }[] };
    expect(public_.affiliates).toHaveLength(50);
    const held = GROUPS.find((g) => expectedStatus(g.agreement) === 'removal_held')!;
    const detail = (await (await stack.api(`/admin/affiliates/${held.id}`, { admin: true })).json()) as {
      affiliate: { status: string; holdReason: string; timeline: { what: string }[] };
    };
    expect(detail.affiliate.holdReason).toBe('registered_past_removal');
    expect(detail.affiliate.timeline.map((e) => e.what)).toEqual([
      'Affiliate registered',
      'Registered past due',
      'Removal held: an organizer decides',
    ]);
  });

  it('a second run of the same list changes nothing', async () => {
    const timelineOf = async (id: string) =>
      (
        (await (await stack.api(`/admin/affiliates/${id}`, { admin: true })).json()) as {
          affiliate: { timeline: unknown[] };
        }
      ).affiliate.timeline.length;
    const before = await timelineOf('g25');
    const res = await importList({ affiliates: GROUPS });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ImportReply).results.map((r) => r.outcome)).toEqual(
      GROUPS.map(() => 'unchanged'),
    );
    expect(await timelineOf('g25')).toBe(before);
    // One registration of unchanged data is a no-op too.
    const one = await stack.api('/admin/affiliates', { admin: true, json: GROUPS[25] });
    expect(one.status).toBe(200);
    expect(await timelineOf('g25')).toBe(before);
  });

  it('a batch with bad rows is refused whole, each problem named by row', async () => {
    const batch = [
      row('fresh-1', '2026-06-01'),
      { ...row('fresh-2', '2026-06-01'), contactEmails: ['not an email'] },
      row('fresh-3', '2026-06-01'),
      row('fresh-1', '2026-07-01'),
    ];
    const res = await importList({ affiliates: batch });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; rows: { row: number; field: string }[] } };
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.rows).toEqual([
      expect.objectContaining({ row: 2, field: 'contactEmails.0' }),
      expect.objectContaining({ row: 4, field: 'id' }),
    ]);
    for (const id of ['fresh-1', 'fresh-3'])
      expect((await stack.api(`/admin/affiliates/${id}`, { admin: true })).status).toBe(404);
    expect((await importList({ affiliates: [] })).status).toBe(400);
  });

  it('takes the same list as CSV', async () => {
    const csv = [
      'id,name,type,country,contactEmails,languages,metaPage,logoUrl,agreementStart,agreementEnd',
      'csv-one,"Wikimedia ""CSV"" Group, Lahore",user_group,Pakistan,a@groups.example.org;b@groups.example.org,en;ur,https://meta.wikimedia.org/wiki/Csv_one,https://upload.wikimedia.org/one.svg,2026-03-01,2027-02-28',
    ].join('\r\n');
    const res = await stack.api('/admin/affiliates/import', {
      admin: true,
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const one = (await (await stack.api('/admin/affiliates/csv-one', { admin: true })).json()) as {
      affiliate: { name: string; contactEmails: string[]; status: string };
    };
    expect(one.affiliate).toMatchObject({
      name: 'Wikimedia "CSV" Group, Lahore',
      contactEmails: ['a@groups.example.org', 'b@groups.example.org'],
      status: 'active',
    });
  });

  it('the preview of a registration before saving shows its state and notices, and saves nothing', async () => {
    const draft = row('draft', '2025-10-01');
    const res = await stack.api('/admin/affiliates/preview', { admin: true, json: draft });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      exists: boolean;
      affiliate: { status: string };
      preview: {
        notices: { kind: string; at: string; recipients: string[]; subject: string; text: string }[];
      };
    };
    expect(body.exists).toBe(false);
    // Due 30 October 2026, expiry notice 31 October: past, recorded and not sent.
    expect(body.affiliate.status).toBe('expired');
    // The final reminder (23 November) is past too; the removal (30 November) is ahead and
    // shown, public step included, before anything is saved.
    expect(body.preview.notices.map((n) => [n.kind, n.at.slice(0, 10)])).toEqual([
      ['formerly_active', '2026-11-30'],
      ['formerly_active_announcement', '2026-11-30'],
    ]);
    expect(body.preview.notices[1]!.text).toContain('did not file its annual activity report');
    expect((await stack.api('/admin/affiliates/draft', { admin: true })).status).toBe(404);
  });
});
