// Annual reports on the local stack, with meta-wiki played by a local fake: a report in
// each lifecycle window, what is refused and why, meta-wiki slow or down with nothing
// lost, and the reinstatement checklist end to end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signReportToken } from '../../shared/report-link.ts';
import { samples } from '../fixtures/language-samples.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import {
  AGREEMENT,
  affiliateStatus,
  createAffiliate,
  goodReport,
  REPORTS_PAGE,
  reportLinkIn,
  tokenOf,
} from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let meta: FakeMediaWiki;

beforeAll(async () => {
  meta = await startFakeMediaWiki({ slowMs: 1000 });
  stack = await startTestStack({
    startAt: new Date('2025-07-02T00:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '300' },
  });
  for (const id of [
    'due',
    'bad',
    'down',
    'slow',
    'never',
    'late',
    'gone',
    'follows',
    'other',
    'urdu',
    'notext',
    'pasted',
    'recheck',
  ])
    await createAffiliate(stack, id);
  // The first reminder goes out on 30 June 2026 (30 days before the 30 July due date).
  await stack.advanceTo('2026-07-01T06:00:00Z');
  // A year of daily reconciliations for 13 affiliates: well under a minute alone, but
  // not on a machine shared with other test runs.
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

const submit = (id: string, token: string, body: unknown) =>
  stack.api(`/affiliates/${id}/reports`, { json: body, headers: { authorization: `Bearer ${token}` } });

async function linkFor(id: string): Promise<string> {
  const mails = await stack.emailsTo(`${id}@groups.example.org`);
  const withLink = mails.filter((m) => /report\?token=/.test(m.body.text ?? ''));
  expect(withLink.length, `a reminder with a link to ${id}`).toBeGreaterThan(0);
  return reportLinkIn(withLink.at(-1)!);
}

const reportsOf = async (id: string) =>
  (
    (await (await stack.api(`/admin/affiliates/${id}/reports`, { admin: true })).json()) as {
      reports: {
        reportId: string;
        status: string;
        verification: { state: string; missing?: string[]; textSource?: string };
        history: { what: string }[];
      }[];
    }
  ).reports;

describe('a report in the report_due window', () => {
  it('is verified on meta-wiki, renews the agreement and confirms to the contacts', async () => {
    expect((await affiliateStatus(stack, 'due')).status).toBe('report_due');
    meta.mode = 'ok';
    meta.pages.set('Wikimedia due/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const res = await submit('due', tokenOf(await linkFor('due')), goodReport('Wikimedia due/Reports/2026'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { report: { status: string; verification: { state: string } } };
    expect(body.report.status).toBe('accepted');
    expect(body.report.verification.state).toBe('verified');

    const affiliate = await affiliateStatus(stack, 'due');
    expect(affiliate.status).toBe('active');
    expect((affiliate.agreement as { start: string }).start).toBe('2026-07-01');
    const confirmations = (await stack.emailsTo('due@groups.example.org')).filter((m) =>
      /accepted/i.test(m.subject),
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.body.text).toContain('1 July 2025');
    const [stored] = await reportsOf('due');
    expect(stored?.history.map((h) => h.what)).toEqual(['submitted', 'verified_on_meta']);
  });

  it('refuses a report breaking several rules with 422 naming each, and stores nothing', async () => {
    const token = tokenOf(await linkFor('bad'));
    const res = await submit('bad', token, {
      periodStart: '2025-08-01',
      periodEnd: '2026-05-31',
      metaUrl: 'https://meta.wikimedia.org.example.com/wiki/Report',
      text: samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text,
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { code: string; reasons: { field: string; message: string }[] };
    };
    expect(error.code).toBe('report_rejected');
    // The pasted Urdu text is not judged here: the report is read from its meta page.
    expect(error.reasons.map((r) => r.field)).toEqual(['periodStart', 'periodEnd', 'metaUrl']);
    expect(error.reasons.map((r) => r.message).join(' ')).toMatch(/whole agreement period/);
    expect(await reportsOf('bad')).toEqual([]);
    expect((await affiliateStatus(stack, 'bad')).status).toBe('report_due');
  });

  it('refuses a text over 200 KB with 400 naming the field, and a form of Urdu text within it is not too large', async () => {
    const token = tokenOf(await linkFor('bad'));
    const res = await submit('bad', token, { ...goodReport('Big'), text: 'a'.repeat(200 * 1024 + 1) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(error.fields.map((f) => f.field)).toEqual(['text']);
    // 60 000 Urdu letters are 120 KB of text but 360 KB once a form percent-encodes them:
    // the form is read, and answered for what is wrong in it (here the period), not its size.
    const form = new URLSearchParams({
      ...goodReport('Big'),
      periodStart: '2025-08-01',
      text: 'ی'.repeat(60_000),
      token,
    });
    const page = await stack.api('/affiliates/bad/reports', {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('whole agreement period');
    expect(await reportsOf('bad')).toEqual([]);
    // A malformed field in the form: the form comes back, filled in, naming the field.
    const malformed = new URLSearchParams({ ...goodReport('Big'), periodStart: 'last July', token });
    const again = await stack.api('/affiliates/bad/reports', {
      method: 'POST',
      body: malformed.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(400);
    const html = await again.text();
    // Listed in the summary (a link to the field) and beside the field itself.
    expect(html).toMatch(
      /<li data-field="periodStart"><a href="#periodStart">periodStart: a date like 2026-07-15<\/a><\/li>/,
    );
    expect(html).toMatch(/id="periodStart-error">periodStart: a date like 2026-07-15</);
    expect(html).toContain('value="last July"');
  });

  it.each([
    ['a | in the title', 'https://meta.wikimedia.org/wiki/Wikimedia_bad/Reports|2026', '|'],
    ['a # (a section)', 'https://meta.wikimedia.org/wiki/Wikimedia_bad/Reports#2026', '#'],
    ['a %7C in the address', 'https://meta.wikimedia.org/wiki/Wikimedia_bad/Reports%7C2026', '|'],
    ['a %23 in the address', 'https://meta.wikimedia.org/wiki/Wikimedia_bad/Reports%232026', '#'],
  ])(
    'refuses a report address with %s with 422, stores nothing and asks meta-wiki nothing',
    async (_what, metaUrl, character) => {
      const token = tokenOf(await linkFor('bad'));
      const asked = meta.requests.length;
      const res = await submit('bad', token, { ...goodReport('X'), metaUrl });
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as {
        error: { code: string; reasons: { field: string; message: string }[] };
      };
      expect(error.code).toBe('report_rejected');
      expect(error.reasons).toHaveLength(1);
      expect(error.reasons[0]!.field).toBe('metaUrl');
      expect(error.reasons[0]!.message).toContain(character);
      expect(await reportsOf('bad')).toEqual([]);
      expect(meta.requests.length).toBe(asked);
    },
  );

  it('refuses a missing, tampered or other affiliate token with 401', async () => {
    const token = tokenOf(await linkFor('bad'));
    expect((await stack.api('/affiliates/bad/reports', { json: goodReport('X') })).status).toBe(401);
    expect((await submit('bad', `${token}x`, goodReport('X'))).status).toBe(401);
    expect((await submit('due', token, goodReport('X'))).status).toBe(401);
  });

  it('keeps a report when meta-wiki answers 5xx, tells the group, and accepts it on a scheduled retry', async () => {
    meta.mode = 'server_error';
    meta.pages.set('Wikimedia down/Reports/2026', { linkedFrom: ['Wikimedia down'] });
    const res = await submit(
      'down',
      tokenOf(await linkFor('down')),
      goodReport('Wikimedia down/Reports/2026'),
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as { report: { status: string } }).report.status).toBe('received');
    const received = (await stack.emailsTo('down@groups.example.org')).filter((m) =>
      /received/i.test(m.subject),
    );
    expect(received).toHaveLength(1);
    expect(received[0]!.body.text).toMatch(/What happens next/);
    expect((await affiliateStatus(stack, 'down')).status).toBe('report_due');

    meta.mode = 'ok';
    const moved = await stack.advanceTo('2026-07-01T07:00:00Z');
    expect(moved.fired.map((f) => f.target)).toContain('verify-report');
    expect((await reportsOf('down'))[0]?.status).toBe('accepted');
    expect((await affiliateStatus(stack, 'down')).status).toBe('active');
    const accepted = (await stack.emailsTo('down@groups.example.org')).filter((m) =>
      /accepted/i.test(m.subject),
    );
    expect(accepted).toHaveLength(1);
  });

  it('survives a meta-wiki timeout, and the same report sent twice is stored once', async () => {
    meta.mode = 'slow';
    meta.pages.set('Wikimedia slow/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const token = tokenOf(await linkFor('slow'));
    const first = await submit('slow', token, goodReport('Wikimedia slow/Reports/2026'));
    expect(first.status).toBe(201);
    const again = await submit('slow', token, {
      ...goodReport('Wikimedia slow/Reports/2026'),
      metaUrl: 'https://meta.wikimedia.org/wiki/Wikimedia_slow/Reports/2026',
    });
    expect(again.status).toBe(200);
    const reports = await reportsOf('slow');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.verification.state).toBe('meta_unavailable');
    expect(
      (await stack.emailsTo('slow@groups.example.org')).filter((m) => /received/i.test(m.subject)),
    ).toHaveLength(1);

    // An organizer checks meta-wiki by hand and marks it verified.
    const marked = await stack.api(`/admin/affiliates/slow/reports/${reports[0]!.reportId}/verify`, {
      admin: true,
      method: 'POST',
    });
    expect(marked.status).toBe(200);
    expect((await affiliateStatus(stack, 'slow')).status).toBe('active');
  });
});

/** The title of the meta page an email links to, read from the address as a reader would. */
const titleOf = (url: string) =>
  decodeURIComponent(new URL(url).pathname.slice('/wiki/'.length)).replace(/_/g, ' ');

describe('a group that does what the reminder says', () => {
  it('posts the report as a subpage of its page, links it from the Reports page the email names, and is accepted', async () => {
    const [reminder] = (await stack.emailsTo('follows@groups.example.org')).filter((m) =>
      /annual report due/.test(m.subject),
    );
    const text = reminder!.body.text ?? '';
    const groupPage = /as a subpage of your group page \((https:[^\s)]+)\)/.exec(text)?.[1];
    const reportsPage = /linked from the Reports page \((https:[^\s)]+)\)/.exec(text)?.[1];
    expect(groupPage, text).toBeDefined();
    expect(reportsPage, text).toBeDefined();

    // What the group does on meta-wiki: the subpage, and a link to it on the Reports page.
    const reportTitle = `${titleOf(groupPage!)}/Reports/2026`;
    meta.mode = 'ok';
    meta.pages.set(reportTitle, { linkedFrom: [titleOf(reportsPage!)] });
    const res = await submit('follows', tokenOf(reportLinkIn(reminder!)), {
      ...goodReport(reportTitle),
      metaUrl: `${groupPage}/Reports/2026`,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      report: { status: string; verification: { state: string } };
      missing: unknown[];
    };
    expect(body).toMatchObject({
      report: { status: 'accepted', verification: { state: 'verified' } },
      missing: [],
    });
    expect((await affiliateStatus(stack, 'follows')).status).toBe('active');
  });
});

describe('a page on the Reports page that belongs to another affiliate', () => {
  it('is not accepted: the report stays received and the reply and the email say what ties it to the group', async () => {
    meta.mode = 'ok';
    meta.pages.set('Wikimedia due/Reports/2026', { linkedFrom: [REPORTS_PAGE], linksTo: ['Wikimedia due'] });
    const token = tokenOf(await linkFor('other'));
    const res = await submit('other', token, goodReport('Wikimedia due/Reports/2026'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      report: { status: string; verification: { state: string } };
      missing: { code: string; message: string; link: string }[];
    };
    expect(body.report).toMatchObject({ status: 'received', verification: { state: 'not_this_affiliate' } });
    expect(body.missing).toEqual([
      {
        code: 'not_tied',
        link: 'https://meta.wikimedia.org/wiki/Wikimedia_other',
        message: expect.stringContaining(
          'make it a subpage of your group page https://meta.wikimedia.org/wiki/Wikimedia_other',
        ),
      },
    ]);
    expect(body.missing[0]!.message).toContain('not tied to Wikimedia other User Group');
    expect((await affiliateStatus(stack, 'other')).status).toBe('report_due');
    // Asked in one request: does it exist, who links to it, does it link to this group's page.
    expect(meta.requests.at(-1)?.get('pltitles')).toBe('Wikimedia other');

    const [received] = (await stack.emailsTo('other@groups.example.org')).filter((m) =>
      /received/i.test(m.subject),
    );
    expect(received?.body.text).toContain(body.missing[0]!.message);
    expect(received?.body.text).toContain(
      'https://meta.wikimedia.org/wiki/Wikimedia_Affiliates_Data_Portal/Reports',
    );

    // The form's result page lists the same, with the link to act on.
    const again = await stack.api('/affiliates/other/reports', {
      method: 'POST',
      body: new URLSearchParams({ ...goodReport('Wikimedia due/Reports/2026'), token }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain(
      'data-code="not_tied" data-link="https://meta.wikimedia.org/wiki/Wikimedia_other"',
    );
    expect(html).toContain('<a href="https://meta.wikimedia.org/wiki/Wikimedia_other" dir="ltr"');
  });
});

describe('a report whose page never appears on meta-wiki', () => {
  it('stays received, tells the group what to fix, and keeps retrying', async () => {
    meta.mode = 'ok';
    const res = await submit(
      'never',
      tokenOf(await linkFor('never')),
      goodReport('Wikimedia never/Reports/2026'),
    );
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as { report: { status: string; verification: { state: string } } };
    expect(report).toMatchObject({ status: 'received', verification: { state: 'page_missing' } });
    const [received] = (await stack.emailsTo('never@groups.example.org')).filter((m) =>
      /received/i.test(m.subject),
    );
    expect(received?.body.text).toContain(
      'The page https://meta.wikimedia.org/wiki/Wikimedia_never/Reports/2026 does not exist yet',
    );
    expect(received?.body.html).toContain(
      '<a href="https://meta.wikimedia.org/wiki/Wikimedia_never/Reports/2026" dir="ltr"',
    );
  });
});

describe('the report is read from its meta page', () => {
  const urdu = samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text;
  type Reply = {
    report: { status: string; verification: { state: string; textSource?: string } };
    missing: { code: string; message: string; link: string }[];
  };

  it('needs no pasted text: the page on meta-wiki is read and the report accepted', async () => {
    meta.mode = 'ok';
    meta.pages.set('Wikimedia notext/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const { text: _pasted, ...withoutText } = goodReport('Wikimedia notext/Reports/2026');
    const res = await submit('notext', tokenOf(await linkFor('notext')), withoutText);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Reply;
    expect(body.report).toMatchObject({
      status: 'accepted',
      verification: { state: 'verified', textSource: 'meta' },
    });
    // The page's text was asked for in the same query as its links.
    const asked = meta.requests.findLast((q) => q.get('titles') === 'Wikimedia notext/Reports/2026');
    expect(asked?.get('prop')?.split('|')).toContain('revisions');
    expect(asked?.get('rvprop')).toBe('content');
  });

  it('refuses a page written in Urdu though the pasted copy is English, and accepts it once the page is in English', async () => {
    meta.mode = 'ok';
    meta.pages.set('Wikimedia urdu/Reports/2026', { linkedFrom: [REPORTS_PAGE], text: urdu });
    const res = await submit(
      'urdu',
      tokenOf(await linkFor('urdu')),
      goodReport('Wikimedia urdu/Reports/2026'),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as Reply;
    expect(body.report).toMatchObject({
      status: 'received',
      verification: { state: 'text_refused', textSource: 'meta' },
    });
    expect(body.missing.map((m) => m.code)).toEqual(['not_english']);
    expect(body.missing[0]!.message).toContain('is not written in English');
    const [received] = (await stack.emailsTo('urdu@groups.example.org')).filter((m) =>
      /received/i.test(m.subject),
    );
    expect(received?.body.text).toContain(
      'The page https://meta.wikimedia.org/wiki/Wikimedia_urdu/Reports/2026 is not written in English',
    );
    expect((await affiliateStatus(stack, 'urdu')).status).toBe('report_due');

    // The group translates the page; the scheduled verify-report reads it again.
    meta.pages.set('Wikimedia urdu/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const moved = await stack.advanceTo('2026-07-01T08:00:00Z');
    expect(moved.fired.map((f) => f.target)).toContain('verify-report');
    expect((await reportsOf('urdu'))[0]).toMatchObject({ status: 'accepted' });
    expect((await affiliateStatus(stack, 'urdu')).status).toBe('active');
  });

  it('judges the pasted text while meta-wiki is down, and reads the page when it is back', async () => {
    meta.mode = 'server_error';
    meta.pages.set('Wikimedia pasted/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const res = await submit('pasted', tokenOf(await linkFor('pasted')), {
      ...goodReport('Wikimedia pasted/Reports/2026'),
      text: urdu,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Reply;
    expect(body.report).toMatchObject({
      status: 'received',
      verification: { state: 'meta_unavailable', textSource: 'pasted' },
    });
    expect(body.missing.map((m) => m.code)).toEqual(['not_english']);
    expect(body.missing[0]!.message).toContain('we read the text you pasted, and it is not in English');
    const [received] = (await stack.emailsTo('pasted@groups.example.org')).filter((m) =>
      /received/i.test(m.subject),
    );
    expect(received?.body.text).toMatch(/meta-wiki did not answer just now[\s\S]*not in English/);

    // meta-wiki is back and the page itself is in English: the page decides.
    meta.mode = 'ok';
    await stack.advanceTo('2026-07-01T09:00:00Z');
    expect((await reportsOf('pasted'))[0]).toMatchObject({
      status: 'accepted',
      verification: { state: 'verified' },
    });
  });

  it('catches in verify-report a page that is not English, after meta-wiki was down at submission', async () => {
    meta.mode = 'server_error';
    const res = await submit(
      'recheck',
      tokenOf(await linkFor('recheck')),
      goodReport('Wikimedia recheck/Reports/2026'),
    );
    const body = (await res.json()) as Reply;
    // The pasted copy is English, so nothing is missing as far as we can tell yet.
    expect(body.report.verification).toMatchObject({ state: 'meta_unavailable', textSource: 'pasted' });
    expect(body.missing).toEqual([]);

    const roman = samples.find((s) => s.name.startsWith('Urdu in Latin'))!.text;
    meta.pages.set('Wikimedia recheck/Reports/2026', { linkedFrom: [REPORTS_PAGE], text: roman });
    meta.mode = 'ok';
    const moved = await stack.advanceTo('2026-07-01T10:00:00Z');
    expect(moved.fired.map((f) => f.name)).toContain(
      `verify-report-${(await reportsOf('recheck'))[0]!.reportId.split('.').pop()}`,
    );
    const [stored] = await reportsOf('recheck');
    expect(stored).toMatchObject({
      status: 'received',
      verification: { state: 'text_refused', missing: ['not_english'], textSource: 'meta' },
    });
    expect(stored?.history.map((h) => h.what)).toEqual([
      'submitted',
      'verification_meta_unavailable',
      'verification_text_refused',
    ]);
    expect((await affiliateStatus(stack, 'recheck')).status).toBe('report_due');
  });
});

describe('a report in the expired window, and the reinstatement checklist', () => {
  it('moves an expired affiliate to reinstatement_review, cancels removal, and reinstates once all steps hold', async () => {
    // The expiry notice goes out on 31 July 2026, the day after the due date.
    await stack.advanceTo('2026-07-31T06:00:00Z');
    expect((await affiliateStatus(stack, 'late')).status).toBe('expired');
    meta.mode = 'ok';
    meta.pages.set('Wikimedia late/Reports/2026', { linkedFrom: [REPORTS_PAGE] });
    const res = await submit(
      'late',
      tokenOf(await linkFor('late')),
      goodReport('Wikimedia late/Reports/2026'),
    );
    expect(res.status).toBe(201);
    expect((await affiliateStatus(stack, 'late')).status).toBe('reinstatement_review');

    // Past the removal date: the removal was cancelled.
    await stack.advanceTo('2026-09-01T06:00:00Z');
    expect((await affiliateStatus(stack, 'late')).status).toBe('reinstatement_review');

    const refused = await stack.api('/admin/affiliates/late/reinstate', { admin: true, method: 'POST' });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { missing: { step: string }[] } };
    expect(error.missing.map((m) => m.step)).toEqual(['group_page_updated', 'wikimedia_l_told']);
    // The affiliate's admin record shows the same checklist.
    const record = (await (await stack.api('/admin/affiliates/late', { admin: true })).json()) as {
      reinstatementChecklist?: { complete: boolean; steps: { step: string; done: boolean }[] };
    };
    expect(record.reinstatementChecklist?.complete).toBe(false);
    expect(record.reinstatementChecklist?.steps.map((s) => s.done)).toEqual([true, false, false]);

    // The group links the report from its page; the checklist sees it through the API.
    meta.pages.set('Wikimedia late/Reports/2026', { linkedFrom: [REPORTS_PAGE, 'Wikimedia late'] });
    const checklist = (await (
      await stack.api('/admin/affiliates/late/checklist', { admin: true })
    ).json()) as {
      checklist: { complete: boolean; steps: { step: string; done: boolean; how?: string }[] };
    };
    expect(checklist.checklist.steps.map((s) => [s.step, s.done, s.how])).toEqual([
      ['report_posted', true, 'verified_on_meta'],
      ['group_page_updated', true, 'verified_on_meta'],
      ['wikimedia_l_told', true, 'system_sends_on_reinstatement'],
    ]);

    const before = (await stack.emailsTo('wikimedia-l')).length;
    const ok = await stack.api('/admin/affiliates/late/reinstate', { admin: true, method: 'POST' });
    expect(ok.status).toBe(200);
    expect((await affiliateStatus(stack, 'late')).status).toBe('active');
    const announced = (await stack.emailsTo('wikimedia-l')).slice(before);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.body.text).toContain('Wikimedia late User Group');
  });

  it('takes a report from a Formerly Active group while meta-wiki is down, with every step confirmed by hand', async () => {
    // Removal was on 30 August 2026; the link in the last notice still works for 60 days.
    expect((await affiliateStatus(stack, 'gone')).status).toBe('formerly_active');
    meta.mode = 'server_error';
    const res = await submit(
      'gone',
      tokenOf(await linkFor('gone')),
      goodReport('Wikimedia gone/Reports/2026'),
    );
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as { report: { reportId: string; status: string } };
    expect(report.status).toBe('received');
    expect((await affiliateStatus(stack, 'gone')).status).toBe('formerly_active');

    const refused = await stack.api('/admin/affiliates/gone/reinstate', { admin: true, method: 'POST' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { missing: unknown[] } }).error.missing).toHaveLength(3);

    const verified = await stack.api(`/admin/affiliates/gone/reports/${report.reportId}/verify`, {
      admin: true,
      method: 'POST',
    });
    expect(verified.status).toBe(200);
    expect((await affiliateStatus(stack, 'gone')).status).toBe('reinstatement_review');
    for (const step of ['group_page_updated', 'wikimedia_l_told']) {
      const confirmed = await stack.api('/admin/affiliates/gone/checklist', {
        admin: true,
        json: { step, note: 'checked on meta-wiki and the list archive' },
      });
      expect(confirmed.status).toBe(200);
    }
    const checklist = (await (
      await stack.api('/admin/affiliates/gone/checklist', { admin: true })
    ).json()) as {
      checklist: { complete: boolean; steps: { how?: string }[] };
    };
    expect(checklist.checklist.complete).toBe(true);
    expect(checklist.checklist.steps.map((s) => s.how)).toEqual([
      'confirmed_by_organizer',
      'confirmed_by_organizer',
      'group_sent_it',
    ]);
    expect(
      (await stack.api('/admin/affiliates/gone/checklist', { admin: true, json: { step: 'nonsense' } }))
        .status,
    ).toBe(400);
    const before = (await stack.emailsTo('wikimedia-l')).length;
    const ok = await stack.api('/admin/affiliates/gone/reinstate', { admin: true, method: 'POST' });
    expect(ok.status).toBe(200);
    expect((await affiliateStatus(stack, 'gone')).status).toBe('active');
    // The group announced its return itself: the list does not hear it twice.
    expect(await stack.emailsTo('wikimedia-l')).toHaveLength(before);
  });
});

describe('when verification runs out of retries', () => {
  it('the organizers are asked to look, once, and the report is still there to verify by hand', async () => {
    // By now (September) every retry of the report submitted on 1 July has run.
    const [report] = await reportsOf('never');
    expect(report?.status).toBe('received');
    expect(report?.verification.state).toBe('gave_up');
    const toOrganizers = (await stack.emailsTo('organizers@')).filter((m) =>
      m.subject.includes('Wikimedia never'),
    );
    const asked = toOrganizers.filter((m) => m.subject.startsWith('Report needs a look'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.text).toContain(`${stack.apiUrl}/console/affiliates/never/reports`);
    // Its removal date (30 August) came while the report was still unverified: held, the
    // organizers asked to decide, and nothing told to Wikimedia-l.
    expect((await affiliateStatus(stack, 'never')).status).toBe('removal_held');
    expect(toOrganizers.filter((m) => m.subject.startsWith('Decision needed'))).toHaveLength(1);
    const toList = await stack.emailsTo('wikimedia-l');
    expect(toList.filter((m) => m.subject.includes('Wikimedia never'))).toEqual([]);
  });
});

describe('the personal link page', () => {
  it('shows the affiliate and period in English or Urdu, and a clear page for a bad link', async () => {
    const link = await linkFor('bad');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Wikimedia bad User Group');
    expect(html).toContain('1 July 2025');
    const urdu = await (await fetch(`${link}&lang=ur`)).text();
    expect(urdu).toContain('dir="rtl"');
    expect(urdu).toContain('رپورٹ');

    const broken = await fetch(link.replace(/token=./, 'token=Z'), { headers: { accept: 'text/html' } });
    expect(broken.status).toBe(401);
    const text = await broken.text();
    expect(text).toContain('This report link does not work');
    expect(text).not.toMatch(/at \w+ \(|node_modules|Error:/);
    // A link past its expiry gets its own page, in the visitor's language.
    const stale = await signReportToken({
      affiliateId: 'bad',
      period: `${AGREEMENT.start}_${AGREEMENT.end}`,
      expiresAt: new Date('2026-08-01T00:00:00Z'),
    });
    const expired = await stack.api(`/affiliates/bad/report?token=${stale}&lang=ur`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('اس لنک کی میعاد ختم ہو چکی ہے');
  });
});
