// Time travel through a whole year on the local stack (DynamoDB Local, SES local, the
// scheduler stand-in): one affiliate with no report, and one with its report accepted
// in each window. Statuses, emails, recipients, subjects and dates are asserted exactly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_AFFILIATE_ID, seedLocalData } from '../../scripts/local/seed.ts';
import { DEFAULT_ADMIN_EMAIL } from '../../scripts/local/stack.ts';
import { config } from '../../shared/config.ts';
import { getAffiliate, recordReportAccepted, reinstateAffiliate } from '../../shared/lifecycle/service.ts';
import { type StoredEmail, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const AGREEMENT = { start: '2025-03-01', end: '2026-02-28' };
const PERIOD = '2025-03-01_2026-02-28';
// A user group: due 30 March 2026. First reminder 28 February, second 23 March, expiry
// notice 31 March, final reminder 23 April, removal 30 April; schedules fire 09:00 PKT.
const IDS = ['none', 'before-due', 'reminded', 'expired', 'removed', 'paused'] as const;
const contact = (id: string) => `${id}@groups.example.org`;

interface Timeline {
  at: string;
  what: string;
  why?: string;
  who: string;
  data?: Record<string, unknown>;
}

async function register(id: string) {
  const res = await stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id,
      name: `Group ${id}`,
      type: 'user_group',
      country: 'Pakistan',
      contactEmails: [contact(id)],
      languages: ['en', 'ur'],
      metaPage: `https://meta.wikimedia.org/wiki/Group_${id}`,
      logoUrl: `https://upload.wikimedia.org/${id}.svg`,
      agreement: AGREEMENT,
    },
  });
  expect(res.status).toBe(201);
}

async function detail(id: string) {
  const res = await stack.api(`/admin/affiliates/${id}`, { admin: true });
  expect(res.status).toBe(200);
  return (
    (await res.json()) as {
      affiliate: { status: string; timeline: Timeline[]; nextDeadline?: { day: string } };
    }
  ).affiliate;
}

const statusesOf = async (id: string) =>
  (await detail(id)).timeline.flatMap((e) => (e.data?.status ? [[e.at.slice(0, 10), e.data.status]] : []));

const summary = (mails: StoredEmail[]) => mails.map((m) => [m.destination.to.join(','), m.subject]);

const accept = (id: string) =>
  recordReportAccepted({ affiliateId: id, period: PERIOD, reportId: `r-${id}`, actor: 'arn:test:organizer' });

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-01-01T00:00:00Z') });
  for (const id of IDS) await register(id);
});
afterAll(() => stack?.stop());

describe('a year of the lifecycle', () => {
  it('a report accepted before any reminder renews quietly', async () => {
    await stack.advanceTo('2026-02-01T06:00:00Z');
    const pause = (body: unknown) => stack.api('/admin/affiliates/paused/pause', { admin: true, json: body });
    expect((await pause({})).status).toBe(400);
    expect((await pause({ reason: 'renewal being negotiated' })).status).toBe(200);
    expect(await accept('before-due')).toEqual({ status: 'active' });
    expect(await accept('before-due')).toEqual({ status: 'active' });
    const a = await getAffiliate('before-due');
    expect(a?.agreement).toEqual({ start: '2026-03-01', end: '2027-02-28' });
    expect(a?.nextDeadline?.day).toBe('2027-02-28');
  });

  it('a report accepted during the reminders renews after one reminder', async () => {
    await stack.advanceTo('2026-03-01T00:00:00Z');
    expect((await getAffiliate('reminded'))?.status).toBe('report_due');
    expect(await accept('reminded')).toEqual({ status: 'active' });
    expect(summary(await stack.emailsTo(contact('reminded')))).toEqual([
      [contact('reminded'), 'Group reminded: annual report due on 30 March 2026'],
    ]);
  });

  it('a report accepted after expiry cancels the removal and goes to review', async () => {
    await stack.advanceTo('2026-04-05T00:00:00Z');
    const before = await getAffiliate('expired');
    expect(before?.status).toBe('expired');
    expect(before?.removalDate).toBe('2026-04-30');
    expect(await accept('expired')).toEqual({ status: 'reinstatement_review' });
    expect((await getAffiliate('expired'))?.nextDeadline).toBeUndefined();
  });

  it('a paused affiliate gets nothing; on resume what fell due happens at once, overtaken reminders skipped', async () => {
    expect(await stack.emailsTo(contact('paused'))).toEqual([]);
    expect((await getAffiliate('paused'))?.status).toBe('active');
    const res = await stack.api('/admin/affiliates/paused/resume', {
      admin: true,
      json: { reason: 'talks failed' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { affiliate: { status: string } }).affiliate.status).toBe('expired');
    const mails = await stack.emailsTo(contact('paused'));
    expect(mails.map((m) => m.subject.split(' / ')[0])).toEqual([
      'Group paused: annual report past due, agreement expired',
    ]);
    const timeline = (await detail('paused')).timeline.map((e) => [e.what, e.why, e.who]);
    expect(timeline).toContainEqual(['Automation paused', 'renewal being negotiated', DEFAULT_ADMIN_EMAIL]);
    expect(timeline).toContainEqual(['Automation resumed', 'talks failed', DEFAULT_ADMIN_EMAIL]);
  });

  it('a report accepted after removal goes to review', async () => {
    await stack.advanceTo('2026-05-05T00:00:00Z');
    expect((await getAffiliate('removed'))?.status).toBe('formerly_active');
    expect(await accept('removed')).toEqual({ status: 'reinstatement_review' });
  });

  it('with no report: every step, every email, once each, on the right dates', async () => {
    await stack.advanceTo('2027-01-01T00:00:00Z');

    expect(await statusesOf('none')).toEqual([
      ['2026-02-28', 'report_due'],
      ['2026-03-23', 'report_due'],
      ['2026-03-31', 'expired'],
      ['2026-04-23', 'expired'],
      ['2026-04-30', 'formerly_active'],
    ]);
    const mails = await stack.emailsTo(contact('none'));
    expect(mails.map((m) => m.subject.split(' / ')[0])).toEqual([
      'Group none: annual report due on 30 March 2026',
      'Group none: one week left for your annual report (due 30 March 2026)',
      'Group none: annual report past due, agreement expired',
      'Group none: 7 days left before removal on 30 April 2026',
      'Group none has been moved to Formerly Active Affiliates',
    ]);
    for (const m of mails) expect(m.destination.to).toEqual([contact('none')]);

    const [first, , notice] = mails;
    expect(first?.body.text).toMatch(/\/affiliates\/none\/report\?token=[\w-]+\.[\w-]+/);
    expect(first?.body.html).toContain('<a href="http');
    // The expiry notice fills in every date and gives the three steps.
    const text = notice?.body.text ?? '';
    expect(text).toContain('It was due on 30 March 2026, so it has been past due since 31 March 2026');
    expect(text).toContain('If no report arrives by 30 April 2026');
    expect(text).toMatch(
      /1\. Post the annual report on Meta-Wiki[\s\S]*2\. Update your group page[\s\S]*3\. Email the Wikimedia-l/,
    );
    expect(text).not.toMatch(/\{\w+\}/);
    // English first, then Urdu.
    expect(text.indexOf('Dear Group none')).toBeLessThan(text.indexOf('30 اپریل، 2026'));
    // In the Urdu section of the HTML, dates and addresses keep their left-to-right order.
    expect(notice?.body.html).toMatch(/<div lang="ur" dir="rtl">[\s\S]*<bdi dir="ltr">[^<]*2026[^<]*<\/bdi>/);

    const wikimediaL = await stack.emailsTo(config().mail.wikimediaL);
    // 'removed' on 30 April before its report came; 'none' and 'paused' on 30 April too,
    // by schedules at the same instant (their relative order is not defined).
    expect(wikimediaL.map((m) => m.subject).sort()).toEqual([
      'Group none is now a Formerly Active Affiliate',
      'Group paused is now a Formerly Active Affiliate',
      'Group removed is now a Formerly Active Affiliate',
    ]);
    for (const m of wikimediaL) expect(m.body.text).toContain('As of 30 April 2026');

    // Nothing more for the others: renewed, reminded once, or in review.
    expect(await stack.emailsTo(contact('before-due'))).toEqual([]);
    expect(summary(await stack.emailsTo(contact('expired'))).map((s) => s[1]!.split(' / ')[0])).toEqual([
      'Group expired: annual report due on 30 March 2026',
      'Group expired: one week left for your annual report (due 30 March 2026)',
      'Group expired: annual report past due, agreement expired',
    ]);
    expect(await statusesOf('expired')).toEqual([
      ['2026-02-28', 'report_due'],
      ['2026-03-23', 'report_due'],
      ['2026-03-31', 'expired'],
    ]);
    // The renewed one got its next period's first reminder? Not yet: it is due 28 February 2027.
    expect((await getAffiliate('reminded'))?.nextDeadline?.day).toBe('2027-02-28');
  });

  it('lists: removed affiliates leave GET /affiliates and stay in formerly-active until reinstated', async () => {
    const current = (await (await stack.api('/affiliates')).json()) as { affiliates: { id: string }[] };
    // 'removed' filed its report after removal: it is in review, but only an organizer's
    // reinstatement brings it back to the affiliates page.
    expect(current.affiliates.map((a) => a.id)).toEqual(['before-due', 'expired', 'reminded']);
    const former = (await (await stack.api('/affiliates/formerly-active')).json()) as {
      affiliates: { id: string; formerlyActiveOn: string }[];
    };
    expect(former.affiliates).toEqual([
      expect.objectContaining({ id: 'none', formerlyActiveOn: '2026-04-30' }),
      expect.objectContaining({ id: 'paused', formerlyActiveOn: '2026-04-30' }),
      expect.objectContaining({ id: 'removed', formerlyActiveOn: '2026-04-30' }),
    ]);
    expect((await stack.api('/admin/affiliates/nobody', { admin: true })).status).toBe(404);
    const byStatus = (await (
      await stack.api('/admin/affiliates?status=reinstatement_review', { admin: true })
    ).json()) as {
      affiliates: { id: string }[];
    };
    expect(byStatus.affiliates.map((a) => a.id)).toEqual(['expired', 'removed']);
    expect((await stack.api('/admin/affiliates?status=bogus', { admin: true })).status).toBe(400);
    expect((await stack.api('/admin/affiliates')).status).toBe(401);
  });

  it('reinstatement makes it active with a new agreement and announces the return once', async () => {
    const result = await reinstateAffiliate({ affiliateId: 'removed', actor: 'arn:test:organizer' });
    expect(result.status).toBe('active');
    expect(result.agreement).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    await expect(
      reinstateAffiliate({ affiliateId: 'removed', actor: 'arn:test:organizer' }),
    ).rejects.toMatchObject({
      statusCode: 409,
    });
    const back = (await stack.emailsTo(config().mail.wikimediaL)).filter((m) =>
      /active affiliate again/.test(m.subject),
    );
    expect(back.map((m) => m.subject)).toEqual(['Group removed is an active affiliate again']);
    expect(back[0]?.body.text).toContain('from 1 January 2027 to 31 December 2027');
    const timeline = (await detail('removed')).timeline.map((e) => [e.what, e.who]);
    expect(timeline).toContainEqual(['Reinstated', 'arn:test:organizer']);
    expect(timeline).toContainEqual(['Report accepted: reinstatement review', 'arn:test:organizer']);
  });

  it('the local seed registers Wikimedia Community User Group Pakistan once, with a current agreement', async () => {
    const [line] = await seedLocalData();
    expect(line).toContain('Wikimedia Community User Group Pakistan: active');
    const again = await seedLocalData();
    expect(again).toEqual([line]);
    const wmpk = await detail(EXAMPLE_AFFILIATE_ID);
    expect(wmpk.status).toBe('active');
    expect(wmpk.timeline.filter((e) => e.what === 'Affiliate registered')).toHaveLength(1);
    // Started 60 days ago (2 November 2026): due 1 December 2027, first reminder 30 days before.
    expect(wmpk.nextDeadline?.day).toBe('2027-11-01');
  });
});
