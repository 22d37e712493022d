// The automation never tells a group or Wikimedia-l something the facts do not support.
// On the local stack with the fake meta-wiki: a report pending at the removal date holds
// the removal; an organizer's rejection and new dates; the preview equals what is then
// sent; the weekly digest names the group that will be announced; a link emailed long
// after removal still works 30 days later.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { affiliateStatus, createAffiliate, goodReport, reportLinkIn, tokenOf } from '../support/reports.ts';
import { type StoredEmail, startTestStack, type TestStack } from '../support/stack.ts';

// Agreement 1 July 2025 to 30 June 2026 (test/support/reports.ts): due 30 July 2026,
// expiry notice 31 July, final reminder 23 August, removal 30 August; 09:00 PKT (04:00Z).
let stack: TestStack;
let meta: FakeMediaWiki;

const contact = (id: string) => `${id}@groups.example.org`;
const WIKIMEDIA_L = 'wikimedia-l@';
const ORGANIZERS = 'organizers@';

interface Detail {
  status: string;
  removalDate?: string;
  timeline: { what: string; why?: string; who: string; data?: Record<string, unknown> }[];
}
async function detail(id: string): Promise<Detail> {
  const res = await stack.api(`/admin/affiliates/${id}`, { admin: true });
  expect(res.status).toBe(200);
  return ((await res.json()) as { affiliate: Detail }).affiliate;
}

const about = (mails: StoredEmail[], id: string) =>
  mails.filter((m) => m.subject.includes(`Wikimedia ${id} `));

interface PlannedNotice {
  kind: string;
  audience: string;
  public: boolean;
  at: string;
  recipients: string[];
  subject: string;
  text: string;
  html: string;
}

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    startAt: new Date('2025-07-02T00:00:00Z'),
    env: { META_API_URL: meta.url, META_API_TIMEOUT_MS: '300' },
  });
  for (const id of ['held', 'quiet']) await createAffiliate(stack, id);
  // Past the final reminder of 23 August.
  await stack.advanceTo('2026-08-25T06:00:00Z');
});
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

describe('the weekly digest', () => {
  it('says nothing while nothing is planned, then names the group Wikimedia-l will hear about', async () => {
    const digests = (await stack.emailsTo(ORGANIZERS)).filter((m) => m.subject.startsWith('Weekly digest'));
    expect(digests.length).toBeGreaterThan(0);
    // The first planned email is the first reminder of 30 June 2026: no digest before the
    // Monday 14 days ahead of it.
    const weeks = digests.map((m) => /The week from (\d+ \w+ \d{4})/.exec(m.body.text ?? '')?.[1]);
    expect(weeks[0]).toBe('22 June 2026');
    // Monday 17 August: 'quiet' has no report and is removed on 30 August.
    const august17 = digests.find((m) => m.body.text?.includes('The week from 17 August 2026'));
    expect(august17?.body.text).toMatch(
      /PUBLIC STEPS[\s\S]*Wikimedia quiet User Group[\s\S]*30 August 2026: ANNOUNCED ON WIKIMEDIA-L[\s\S]*To hold it, pause the affiliate: http:\/\/\S+\/console\/affiliates\/quiet\b/,
    );
  });
});

describe('a report pending at the removal date', () => {
  let preview: PlannedNotice[];

  it('holds the removal: nothing to Wikimedia-l, the organizers asked at once, the contacts told', async () => {
    // The group follows the final reminder and submits; its page is not on meta-wiki yet.
    const reminders = (await stack.emailsTo(contact('held'))).filter((m) =>
      /report\?token=/.test(m.body.text ?? ''),
    );
    const token = tokenOf(reportLinkIn(reminders.at(-1)!));
    const res = await stack.api('/affiliates/held/reports', {
      json: goodReport('Wikimedia held/Reports/2026'),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { report: { status: string } }).report.status).toBe('received');

    await stack.advanceTo('2026-08-31T06:00:00Z');
    const held = await detail('held');
    expect(held.status).toBe('removal_held');
    const entry = held.timeline.find((e) => e.what === 'Removal held: an organizer decides');
    expect(entry?.data).toMatchObject({
      reason: 'report_pending',
      facts: { removalDate: '2026-08-30', reportAccepted: false, reportsPending: 1 },
    });
    // Still on the affiliates page, and no one was told it did not file.
    const listed = (await (await stack.api('/affiliates')).json()) as { affiliates: { id: string }[] };
    expect(listed.affiliates.map((a) => a.id)).toContain('held');
    expect(about(await stack.emailsTo(WIKIMEDIA_L), 'held')).toEqual([]);
    const toGroup = await stack.emailsTo(contact('held'));
    expect(toGroup.map((m) => m.body.text).join('\n')).not.toMatch(/No annual activity report/);
    expect(toGroup.filter((m) => m.subject.includes('being looked at'))).toHaveLength(1);
    const decision = (await stack.emailsTo(ORGANIZERS)).filter((m) =>
      m.subject.startsWith('Decision needed'),
    );
    expect(about(decision, 'held')).toHaveLength(1);
    expect(decision[0]!.body.text).toContain('/console/affiliates/held/reports');

    // The group without a report was removed and announced on its date, with the facts.
    const quiet = await detail('quiet');
    expect(quiet.status).toBe('formerly_active');
    expect(quiet.timeline.find((e) => e.what === 'Moved to Formerly Active Affiliates')?.data).toMatchObject({
      facts: { dueDate: '2026-07-30', removalDate: '2026-08-30', reportAccepted: false, reportsPending: 0 },
    });
    expect(about(await stack.emailsTo(WIKIMEDIA_L), 'quiet')).toHaveLength(1);
  });

  it('an organizer rejects the report with a reason: the group reads it and gets 14 more days', async () => {
    const reports = (await (await stack.api('/admin/affiliates/held/reports', { admin: true })).json()) as {
      reports: { reportId: string }[];
    };
    const reportId = reports.reports[0]!.reportId;
    const path = `/admin/affiliates/held/reports/${reportId}/reject`;
    expect((await stack.api(path, { admin: true, json: {} })).status).toBe(400);
    const reason = 'The page covers only January to March 2026.';
    const res = await stack.api(path, { admin: true, json: { reason } });
    expect(res.status).toBe(200);
    // A second click changes nothing.
    expect((await stack.api(path, { admin: true, json: { reason } })).status).toBe(200);

    const after = await detail('held');
    expect(after.status).toBe('expired');
    expect(after.removalDate).toBe('2026-09-14');
    const rejected = (await stack.emailsTo(contact('held'))).filter((m) =>
      m.subject.includes('could not be accepted'),
    );
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.body.text).toContain(reason);
    expect(rejected[0]!.body.text).toContain('by 14 September 2026');
  });

  it('the preview shows each planned email, public ones marked, exactly as it is then sent', async () => {
    const res = await stack.api('/admin/affiliates/held/preview', { admin: true });
    expect(res.status).toBe(200);
    preview = ((await res.json()) as { preview: { notices: PlannedNotice[] } }).preview.notices;
    expect(preview.map((n) => [n.kind, n.at.slice(0, 10), n.public])).toEqual([
      ['final_reminder', '2026-09-07', false],
      ['formerly_active', '2026-09-14', false],
      ['formerly_active_announcement', '2026-09-14', true],
    ]);

    await stack.advanceTo('2026-09-15T00:00:00Z');
    const sent = [...(await stack.emailsTo(contact('held'))), ...(await stack.emailsTo(WIKIMEDIA_L))];
    for (const planned of preview) {
      const mail = sent.find((m) => m.subject === planned.subject);
      expect(mail, planned.kind).toBeDefined();
      expect(mail!.destination.to).toEqual(planned.recipients);
      expect(mail!.body.text).toBe(planned.text);
      expect(mail!.body.html).toBe(planned.html);
    }
    expect((await detail('held')).status).toBe('formerly_active');
  });

  it('a late report does not put the group back on the affiliates page before reinstatement', async () => {
    meta.pages.set('Wikimedia held/Reports/2026 full', { linkedFrom: ['Wikimedia held'] });
    const withLink = (await stack.emailsTo(contact('held'))).filter((m) =>
      /report\?token=/.test(m.body.text ?? ''),
    );
    const res = await stack.api('/affiliates/held/reports', {
      json: goodReport('Wikimedia held/Reports/2026 full'),
      headers: { authorization: `Bearer ${tokenOf(reportLinkIn(withLink.at(-1)!))}` },
    });
    expect(res.status).toBe(201);
    expect((await affiliateStatus(stack, 'held')).status).toBe('reinstatement_review');
    const listed = (await (await stack.api('/affiliates')).json()) as { affiliates: { id: string }[] };
    expect(listed.affiliates.map((a) => a.id)).not.toContain('held');
    const former = (await (await stack.api('/affiliates/formerly-active')).json()) as {
      affiliates: { id: string }[];
    };
    expect(former.affiliates.map((a) => a.id)).toContain('held');
  });

  it('a link emailed long after removal still works 30 days after it was sent', async () => {
    // 'quiet' (removed 30 August) files on 20 October, just inside its link's life
    // (removal + 60 days = 29 October); an organizer rejects the report.
    await stack.advanceTo('2026-10-20T06:00:00Z');
    const withLink = (await stack.emailsTo(contact('quiet'))).filter((m) =>
      /report\?token=/.test(m.body.text ?? ''),
    );
    const res = await stack.api('/affiliates/quiet/reports', {
      json: goodReport('Wikimedia quiet/Reports/2026'),
      headers: { authorization: `Bearer ${tokenOf(reportLinkIn(withLink.at(-1)!))}` },
    });
    expect(res.status).toBe(201);
    const { reports } = (await (
      await stack.api('/admin/affiliates/quiet/reports', { admin: true })
    ).json()) as {
      reports: { reportId: string }[];
    };
    const reject = await stack.api(`/admin/affiliates/quiet/reports/${reports[0]!.reportId}/reject`, {
      admin: true,
      json: { reason: 'The report is for another year.' },
    });
    expect(reject.status).toBe(200);
    const rejection = (await stack.emailsTo(contact('quiet'))).find((m) =>
      m.subject.includes('could not be accepted'),
    );
    expect(rejection?.body.text).toContain('Formerly Active Affiliates list');
    const link = reportLinkIn(rejection!);
    // 30 days on, long past 29 October, the link of the rejection email still works.
    await stack.advanceTo('2026-11-19T12:00:00Z');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/expired/i);

    // The group corrects the page at the same address and sends it again with that link:
    // checked afresh, accepted, and the group goes to reinstatement review.
    meta.pages.set('Wikimedia quiet/Reports/2026', { linkedFrom: ['Wikimedia quiet'] });
    const again = await stack.api('/affiliates/quiet/reports', {
      json: goodReport('Wikimedia quiet/Reports/2026'),
      headers: { authorization: `Bearer ${tokenOf(link)}` },
    });
    expect(again.status).toBeLessThan(300);
    expect(((await again.json()) as { report: { status: string } }).report.status).toBe('accepted');
    expect((await affiliateStatus(stack, 'quiet')).status).toBe('reinstatement_review');
  });
});

describe('setting a new removal date', () => {
  it('is refused for a group that is not expired, and for a day that is not in the future', async () => {
    expect(
      (
        await stack.api('/admin/affiliates/held/removal-date', {
          admin: true,
          json: { day: '2027-01-10', reason: 'Waiting for the board.' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await stack.api('/admin/affiliates/nobody/removal-date', {
          admin: true,
          json: { day: 'x', reason: 'y' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('every email of the year', () => {
  it('fits an inbox line, names the group once, has a Reply-To and one sign-off, and a button for the link', async () => {
    const all = await stack.emails();
    const toGroups = all.filter((m) => m.destination.to.some((to) => to.endsWith('@groups.example.org')));
    expect(toGroups.length).toBeGreaterThan(10);
    for (const m of all) {
      expect(m.subject.length, m.subject).toBeLessThanOrEqual(80);
      expect((m as StoredEmail & { replyTo?: string[] }).replyTo).toEqual([
        'organizers@wikimedia.pk.example',
      ]);
    }
    for (const m of toGroups) {
      // These groups read English only; the subject has no other script.
      expect(m.subject).not.toMatch(/[\u0600-\u06ff]/);
      expect(m.subject.split('Wikimedia ').length - 1, m.subject).toBeLessThanOrEqual(1);
      expect(m.body.text).toContain('The organizers, Wikimedia Community User Group Pakistan');
      if (/report\?token=/.test(m.body.text ?? '')) {
        expect(m.body.html).toMatch(
          /<a href="http[^"]+report\?token=[^"]+" style="[^"]+">Open your report page<\/a>/,
        );
        expect(m.body.html).toMatch(/word-break:break-all/);
      }
    }
  });
});
