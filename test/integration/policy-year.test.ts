// A year of time travel for chapters and a thematic organisation on the local stack
// (DynamoDB Local, SES local, the scheduler stand-in, meta-wiki played by a local fake):
// fiscal-year due dates, both reports required, escalation with the organizers told,
// suspension and never a removal or a Wikimedia-l notice; a deferral moving every later
// step; the policy visible through the API; staff notes on a report.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../shared/config.ts';
import { ENGLISH_REPORT, samples } from '../fixtures/language-samples.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { REPORTS_PAGE, reportLinkIn, tokenOf } from '../support/reports.ts';
import { type StoredEmail, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let meta: FakeMediaWiki;
// Calendar-year chapters: the 2025 reports are due 30 April 2026. Reminders 31 December
// (passed on registration), 31 March and 23 April; past due 1 May; escalations 30 May,
// 29 June (organizers told) and 29 July (organizers told, suspended). 09:00 PKT.
const FY2025 = { start: '2025-01-01', end: '2025-12-31' };
const URDU = samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text;
const contact = (id: string) => `${id}@chapters.example.org`;

interface Timeline {
  at: string;
  what: string;
  why?: string;
  data?: Record<string, unknown>;
}
interface Detail {
  status: string;
  agreement: { start: string; end: string };
  registeredAgreement?: { start: string; end: string };
  dueDate: string;
  removalDate?: string;
  deferredTo?: string;
  nextDeadline?: { action: string; day: string };
  policy: { label: string; requiredReports: string[] };
  reports: { required: string[]; missing: string[] };
  timeline: Timeline[];
}

async function register(id: string, type: string, extra: Record<string, unknown> = {}) {
  return stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id,
      name: `Wikimedia ${id}`,
      type,
      country: 'Example',
      contactEmails: [contact(id)],
      languages: ['en'],
      metaPage: `https://meta.wikimedia.org/wiki/Wikimedia_${id}`,
      logoUrl: `https://upload.wikimedia.org/${id}.svg`,
      agreement: { start: '2019-01-01', end: '2030-12-31' },
      ...extra,
    },
  });
}

async function detail(id: string): Promise<Detail> {
  const res = await stack.api(`/admin/affiliates/${id}`, { admin: true });
  expect(res.status).toBe(200);
  return ((await res.json()) as { affiliate: Detail }).affiliate;
}

const statusesOf = async (id: string) =>
  (await detail(id)).timeline.flatMap((e) => (e.data?.status ? [[e.at.slice(0, 10), e.data.status]] : []));
const subjects = (mails: StoredEmail[]) => mails.map((m) => m.subject.split(' / ')[0]);

async function linkFor(id: string): Promise<string> {
  const mails = (await stack.emailsTo(contact(id))).filter((m) => /report\?token=/.test(m.body.text ?? ''));
  expect(mails.length, `a reminder with a link to ${id}`).toBeGreaterThan(0);
  return tokenOf(reportLinkIn(mails.at(-1)!));
}

const submit = (id: string, token: string, body: unknown) =>
  stack.api(`/affiliates/${id}/reports`, { json: body, headers: { authorization: `Bearer ${token}` } });

function activityReport(id: string) {
  const title = `Wikimedia ${id}/Reports/2025`;
  meta.pages.set(title, { linkedFrom: [REPORTS_PAGE, `Wikimedia ${id}`] });
  return {
    periodStart: FY2025.start,
    periodEnd: FY2025.end,
    metaUrl: `https://meta.wikimedia.org/wiki/${title.replaceAll(' ', '_')}`,
    text: ENGLISH_REPORT,
  };
}

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    startAt: new Date('2026-01-05T00:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '2000' },
  });
  for (const id of ['silent', 'activity-only', 'both', 'deferred'])
    expect((await register(id, 'chapter')).status).toBe(201);
  expect((await register('thorg', 'thematic_organization', { fiscalYearEnd: '06-30' })).status).toBe(201);
});
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

describe('registration and the policy', () => {
  it('a calendar-year chapter reports on 2025, due 30 April; a 30 June year is due 31 October', async () => {
    const chapter = await detail('silent');
    expect(chapter).toMatchObject({
      status: 'report_due',
      agreement: FY2025,
      registeredAgreement: { start: '2019-01-01', end: '2030-12-31' },
      dueDate: '2026-04-30',
      nextDeadline: { action: 'first_reminder', day: '2026-03-31' },
      policy: { label: 'Chapter', requiredReports: ['activity', 'financial'] },
      reports: { required: ['activity', 'financial'], missing: ['activity', 'financial'] },
    });
    expect(chapter.removalDate).toBeUndefined();
    const thorg = await detail('thorg');
    expect(thorg).toMatchObject({
      agreement: { start: '2025-07-01', end: '2026-06-30' },
      dueDate: '2026-10-31',
    });
    // Re-registering the same data later changes nothing.
    expect((await register('thorg', 'thematic_organization', { fiscalYearEnd: '06-30' })).status).toBe(200);
    expect((await detail('thorg')).agreement).toEqual({ start: '2025-07-01', end: '2026-06-30' });
  });

  it('refuses bad new fields with a 400 naming them, and stores nothing', async () => {
    const bad = await register('bad-year', 'chapter', { fiscalYearEnd: '06-31' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields).toEqual([
      expect.objectContaining({ field: 'fiscalYearEnd' }),
    ]);
    expect((await register('ug-year', 'user_group', { fiscalYearEnd: '06-30' })).status).toBe(400);
    expect((await register('ug-flag', 'user_group', { incorporated: 'yes' })).status).toBe(400);
    for (const id of ['bad-year', 'ug-year', 'ug-flag'])
      expect((await stack.api(`/admin/affiliates/${id}`, { admin: true })).status).toBe(404);
  });

  it('import and preview take the new fields; a bad row refuses the batch, naming the field', async () => {
    const header =
      'id,name,type,country,contactEmails,languages,metaPage,logoUrl,agreementStart,agreementEnd,fiscalYearEnd,incorporated';
    const row = (id: string, type: string, fye: string, inc: string) =>
      `${id},Wikimedia ${id},${type},Example,${contact(id)},en,https://meta.wikimedia.org/wiki/W_${id},https://upload.wikimedia.org/${id}.svg,2019-01-01,2030-12-31,${fye},${inc}`;
    const csv = (rows: string[]) =>
      stack.api('/admin/affiliates/import?dryRun=true', {
        admin: true,
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: [header, ...rows].join('\n'),
      });
    const ok = await csv([
      row('csv-chapter', 'chapter', '03-31', ''),
      row('csv-ug', 'user_group', '', 'yes'),
    ]);
    expect(ok.status).toBe(200);
    const { results } = (await ok.json()) as { results: { id: string; nextDeadline: { day: string } }[] };
    // Fiscal year to 31 March: the year ending 31 March 2026 is due 31 July; reminded 120 days before.
    expect(results[0]).toMatchObject({ id: 'csv-chapter', nextDeadline: { day: '2026-04-02' } });
    const bad = await csv([
      row('csv-chapter', 'chapter', '03-32', ''),
      row('csv-ug', 'user_group', '06-30', ''),
    ]);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { rows: { row: number; field: string }[] } }).error.rows).toEqual([
      expect.objectContaining({ row: 1, field: 'fiscalYearEnd' }),
      expect.objectContaining({ row: 2, field: 'fiscalYearEnd' }),
    ]);
    const preview = await stack.api('/admin/affiliates/preview', {
      admin: true,
      json: {
        id: 'preview-ug',
        name: 'Wikimedia preview',
        type: 'user_group',
        incorporated: true,
        country: 'Example',
        contactEmails: [contact('preview-ug')],
        languages: ['en'],
        metaPage: 'https://meta.wikimedia.org/wiki/W_preview',
        logoUrl: 'https://upload.wikimedia.org/p.svg',
        agreement: { start: '2025-03-01', end: '2026-02-28' },
      },
    });
    expect(preview.status).toBe(200);
    const planned = (await preview.json()) as { preview: { notices: { kind: string; text: string }[] } };
    // An incorporated user group reads the user groups' notices, with the financial report named.
    expect(planned.preview.notices[0]?.kind).toBe('first_reminder');
    expect(planned.preview.notices[0]?.text).toContain(
      'files a financial report as well as the activity report. Still missing: the activity report and the financial report.',
    );
    expect((await stack.api('/admin/affiliates/csv-chapter', { admin: true })).status).toBe(404);
  });

  it('organizers read every policy, with its sources', async () => {
    // No token: the (local) JWT authorizer refuses before the function runs.
    expect((await stack.api('/admin/policies')).status).toBe(401);
    const res = await stack.api('/admin/policies', { admin: true });
    expect(res.status).toBe(200);
    const { policies } = (await res.json()) as {
      policies: { label: string; due: string; pastDue: { kind: string }; sources: unknown[] }[];
    };
    expect(policies.map((p) => [p.label, p.due, p.pastDue.kind])).toEqual([
      ['User group', '30 days after the end of the agreement period', 'expiry_and_removal'],
      ['User group (incorporated)', '30 days after the end of the agreement period', 'expiry_and_removal'],
      ['Chapter', '4 months after the end of the fiscal year', 'escalation_and_suspension'],
      ['Thematic organisation', '4 months after the end of the fiscal year', 'escalation_and_suspension'],
    ]);
  });
});

describe('a year of the chapters', () => {
  it('31 March: the first reminder carries the personal link and names both reports', async () => {
    await stack.advanceTo('2026-04-01T00:00:00Z');
    const [first] = await stack.emailsTo(contact('silent'));
    expect(first?.subject).toBe('Wikimedia silent: annual reports due on 30 April 2026');
    expect(first?.body.text).toContain('Still to send: the activity report and the financial report.');
    expect(first?.body.text).not.toMatch(/\{\w+\}/);
  });

  it('an activity report alone is accepted but leaves the chapter due; the financial report completes it', async () => {
    const token = await linkFor('activity-only');
    const res = await submit('activity-only', token, activityReport('activity-only'));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { report: { status: string } }).report.status).toBe('accepted');
    expect(await detail('activity-only')).toMatchObject({
      status: 'report_due',
      agreement: FY2025,
      reports: { missing: ['financial'] },
    });
    // The personal link's page now offers the financial report only; a chapter with
    // nothing accepted gets both forms.
    const page = async (id: string, t: string) =>
      (await stack.api(`/affiliates/${id}/report?token=${encodeURIComponent(t)}`)).text();
    const own = await page('activity-only', token);
    expect(own).toContain('id="financial-form"');
    expect(own).not.toContain('id="activity-form"');
    const fresh = await page('silent', await linkFor('silent'));
    expect(fresh).toContain('id="activity-form"');
    expect(fresh).toContain('id="financial-form"');
    expect(fresh).toContain('id="financial-url"');

    const both = await linkFor('both');
    expect((await submit('both', both, activityReport('both'))).status).toBe(201);
    const financial = await submit('both', both, {
      kind: 'financial',
      periodStart: FY2025.start,
      periodEnd: FY2025.end,
      url: 'https://both.example.org/reports/2025-accounts.pdf',
    });
    expect(financial.status).toBe(201);
    const fin = (await financial.json()) as {
      report: { reportId: string; status: string; verification: { state: string } };
    };
    // Not on meta-wiki: an organizer checks it by hand.
    expect(fin.report).toMatchObject({ status: 'received', verification: { state: 'awaiting_organizer' } });
    const received = (await stack.emailsTo(contact('both'))).at(-1);
    expect(received?.body.text).toContain('it is not on meta-wiki, so an organizer checks it by hand');
    const verified = await stack.api(`/admin/affiliates/both/reports/${fin.report.reportId}/verify`, {
      admin: true,
      method: 'POST',
    });
    expect(verified.status).toBe(200);
    expect(await detail('both')).toMatchObject({
      status: 'active',
      agreement: { start: '2026-01-01', end: '2026-12-31' },
      dueDate: '2027-04-30',
    });

    // A financial report's address is https; nothing is stored otherwise.
    const refused = await submit('activity-only', token, {
      kind: 'financial',
      periodStart: FY2025.start,
      periodEnd: '2025-11-30',
      url: 'http://example.org/a.pdf',
    });
    expect(refused.status).toBe(400);
  });

  it('a report in another language is accepted with its English version, and flagged', async () => {
    const title = 'Wikimedia thorg/Reports/2025-26';
    meta.pages.set(title, { linkedFrom: [REPORTS_PAGE, 'Wikimedia thorg'] });
    const body = {
      periodStart: '2025-07-01',
      periodEnd: '2026-06-30',
      metaUrl: `https://meta.wikimedia.org/wiki/${title.replaceAll(' ', '_')}`,
      text: URDU,
      language: 'ur',
    };
    const missing = await stack.api('/admin/affiliates/thorg/reports', { admin: true, json: body });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { reasons: { field: string }[] } }).error.reasons).toEqual([
      expect.objectContaining({ field: 'englishUrl' }),
    ]);
    const res = await stack.api('/admin/affiliates/thorg/reports', {
      admin: true,
      json: { ...body, englishUrl: 'https://meta.wikimedia.org/wiki/Wikimedia_thorg/Reports/2025-26/en' },
    });
    expect(res.status).toBe(201);
    const { reports } = (await (
      await stack.api('/admin/affiliates/thorg/reports', { admin: true })
    ).json()) as {
      reports: Record<string, unknown>[];
    };
    expect(reports[0]).toMatchObject({
      status: 'accepted',
      language: 'ur',
      flags: ['other_language'],
      english: { url: 'https://meta.wikimedia.org/wiki/Wikimedia_thorg/Reports/2025-26/en' },
    });
    expect(await detail('thorg')).toMatchObject({ reports: { missing: ['financial'] } });
  });

  it('an organizer notes a report in WADP terms', async () => {
    const reports = (await (
      await stack.api('/admin/affiliates/activity-only/reports', { admin: true })
    ).json()) as {
      reports: { reportId: string }[];
    };
    const id = reports.reports[0]!.reportId;
    const path = `/admin/affiliates/activity-only/reports/${id}/notes`;
    expect((await stack.api(path, { admin: true, json: {} })).status).toBe(400);
    expect((await stack.api(path, { admin: true, json: { categories: ['late_report'] } })).status).toBe(400);
    const ok = await stack.api(path, {
      admin: true,
      json: { text: 'Covers only the first half of the year.', categories: ['incomplete_report'] },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { report: { staffNotes: unknown[] } }).report.staffNotes).toEqual([
      {
        at: expect.any(String),
        by: expect.stringContaining('local-admin'),
        text: 'Covers only the first half of the year.',
        categories: ['incomplete_report'],
      },
    ]);
  });

  it('a deferral moves the due date and every later step, and tells the contacts', async () => {
    const path = '/admin/affiliates/deferred/deferral';
    expect((await stack.api(path, { admin: true, json: { day: '2026-08-31' } })).status).toBe(400);
    const early = await stack.api(path, { admin: true, json: { day: '2026-03-01', reason: 'x' } });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('deferral_not_later');
    const res = await stack.api(path, {
      admin: true,
      json: { day: '2026-08-31', reason: 'The auditors need until August.' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { affiliate: Detail }).affiliate).toMatchObject({
      dueDate: '2026-08-31',
      deferredTo: '2026-08-31',
      nextDeadline: { action: 'early_reminder', day: '2026-05-03' },
    });
    const told = (await stack.emailsTo(contact('deferred'))).at(-1);
    expect(told?.subject).toBe('Wikimedia deferred: new due date 31 August 2026');
    expect(told?.body.text).toContain('The auditors need until August.');
    // Removal dates belong to user groups only.
    expect(
      (
        await stack.api('/admin/affiliates/silent/removal-date', {
          admin: true,
          json: { day: '2026-12-01', reason: 'x' },
        })
      ).status,
    ).toBe(409);
  });

  it('past due: escalation at +30, +60, +90 with the organizers told, then suspended; no removal, no Wikimedia-l', async () => {
    await stack.advanceTo('2027-01-05T00:00:00Z');
    expect(await statusesOf('silent')).toEqual([
      ['2026-03-31', 'report_due'],
      ['2026-04-23', 'report_due'],
      ['2026-05-01', 'expired'],
      ['2026-05-30', 'expired'],
      ['2026-06-29', 'expired'],
      ['2026-07-29', 'suspended'],
    ]);
    expect(subjects(await stack.emailsTo(contact('silent')))).toEqual([
      'Wikimedia silent: annual reports due on 30 April 2026',
      'Wikimedia silent: annual reports due on 30 April 2026',
      'Wikimedia silent: reports past due since 1 May 2026',
      'Wikimedia silent: first reminder, reports past due since 1 May 2026',
      'Wikimedia silent: second reminder, reports past due since 1 May 2026',
      'Wikimedia silent: third reminder, organizers take over',
    ]);
    const organizers = (await stack.emailsTo(config().mail.organizers)).filter((m) =>
      m.subject.startsWith('Escalation: Wikimedia silent'),
    );
    expect(organizers.map((m) => m.body.text?.match(/has had the ([^(]+)/)?.[1]?.trim())).toEqual([
      'second reminder',
      'third reminder',
    ]);
    const silent = await detail('silent');
    expect(silent.status).toBe('suspended');
    expect(silent.nextDeadline).toBeUndefined();
    expect(silent.timeline.find((e) => e.data?.status === 'suspended')?.data?.facts).toMatchObject({
      reportAccepted: false,
      reportsMissing: ['activity', 'financial'],
    });

    // The chapter that sent only its activity report went the same way, told what was missing.
    expect((await detail('activity-only')).status).toBe('suspended');
    const third = (await stack.emailsTo(contact('activity-only'))).find((m) =>
      m.subject.includes('third reminder'),
    );
    expect(third?.body.text).toContain('Still missing: the financial report.');

    // Nothing public: no Wikimedia-l mail, still on the affiliates page.
    expect(await stack.emailsTo(config().mail.wikimediaL)).toEqual([]);
    const listed = (await (await stack.api('/affiliates')).json()) as { affiliates: { id: string }[] };
    expect(listed.affiliates.map((a) => a.id)).toEqual(
      expect.arrayContaining(['silent', 'activity-only', 'both', 'deferred', 'thorg']),
    );
    const former = (await (await stack.api('/affiliates/formerly-active')).json()) as {
      affiliates: unknown[];
    };
    expect(former.affiliates).toEqual([]);
  }, 180_000); // a year of schedules on a shared machine

  it('the deferred chapter followed its new date all the way', async () => {
    // Reminded on 31 March, deferred on 1 April to 31 August: every step after that counts
    // from the new date (120, 30 and 7 days before it, then +1, +30, +60, +90).
    expect(await statusesOf('deferred')).toEqual([
      ['2026-03-31', 'report_due'],
      ['2026-04-01', 'active'],
      ['2026-05-03', 'report_due'],
      ['2026-08-01', 'report_due'],
      ['2026-08-24', 'report_due'],
      ['2026-09-01', 'expired'],
      ['2026-09-30', 'expired'],
      ['2026-10-30', 'expired'],
      ['2026-11-29', 'suspended'],
    ]);
    expect(subjects(await stack.emailsTo(contact('deferred'))).slice(-3)).toEqual([
      'Wikimedia deferred: first reminder, reports past due since 1 September 2026',
      'Wikimedia deferred: second reminder, reports past due since 1 September 2026',
      'Wikimedia deferred: third reminder, organizers take over',
    ]);
  });
});
