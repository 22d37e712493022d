// Talk-page notices against a local fake of meta-wiki's Action API: each notice to the
// contacts also appears once as a new section on the group's meta Talk page, pinging
// the contacts, with the revision on the timeline; duplicate deliveries post nothing
// more; while meta-wiki is lagged, down or loses a reply, the notice stays owed and is
// posted once when it is back. What the affiliate supplied cannot become markup.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../shared/clock.ts';
import { deliverNotice } from '../../shared/lifecycle/notices.ts';
import { readAffiliate } from '../../shared/lifecycle/store.ts';
import { outboxRecord } from '../../shared/mail/outbox.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { AGREEMENT, PERIOD } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const BOT = { username: 'Compliance notices@notices', password: 'bot-password-for-tests' };
const TALK = 'Talk:Wikimedia talky';

let stack: TestStack;
let meta: FakeMediaWiki;

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  meta.bots.set(BOT.username, BOT.password);
  stack = await startTestStack({
    startAt: new Date('2025-07-02T00:00:00Z'),
    env: {
      META_API_URL: meta.url,
      META_API_TIMEOUT_MS: '2000',
      TALK_PAGE_NOTICES: 'all',
      META_BOT_PASSWORD: JSON.stringify(BOT),
    },
  });
  const res = await stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id: 'talky',
      // An organizer pasted the name from the group's own page, markup and all.
      name: "Talky [[Category:Spam]] {{delete}} <!-- x --> ''User'' Group ~~~~",
      type: 'user_group',
      country: 'PK',
      contactEmails: ['talky@groups.example.org'],
      contactWikiUsernames: ['Alice Example', 'Bob_2'],
      languages: ['en'],
      metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_talky',
      logoUrl: 'https://upload.wikimedia.org/talky.svg',
      agreement: AGREEMENT,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
});
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

const detail = async () =>
  (
    (await (await stack.api('/admin/affiliates/talky', { admin: true })).json()) as {
      affiliate: { owedNotices: string[]; timeline: { what: string; data?: Record<string, unknown> }[] };
    }
  ).affiliate;

const emailsOf = async (subject: RegExp) =>
  (await stack.emailsTo('talky@groups.example.org')).filter((m) => subject.test(m.subject));

describe('talk-page notices', () => {
  it('posts the first reminder as a new section on the Talk page, pinging the contacts, once', async () => {
    await stack.advanceTo('2026-06-30T06:00:00Z');
    expect(meta.edits).toHaveLength(1);
    const [edit] = meta.edits;
    expect(edit!.title).toBe(TALK);
    expect(edit!.user).toBe(BOT.username);
    expect(edit!.params).toMatchObject({ section: 'new', maxlag: '5', bot: '1', assert: 'bot' });
    expect(edit!.sectionTitle).toContain('annual report due on 30 July 2026');
    expect(edit!.summary).toMatch(/^Automated notice to Talky/);
    expect(edit!.text).toContain('[[User:Alice Example|Alice Example]], [[User:Bob_2|Bob_2]]');
    expect(edit!.text).toMatch(/~~~~$/);
    // The personal link lets its holder submit for the group: never on a public page.
    expect(edit!.text).not.toMatch(/token=|\/report\?/);
    expect(edit!.text).toContain('the personal report link is in the email sent to the contacts');
    // The email went out as before, once.
    expect(await emailsOf(/annual report due on/)).toHaveLength(1);
    const posted = (await detail()).timeline.filter(
      (e) => e.what === 'Talk-page notice posted: first_reminder',
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]!.data).toMatchObject({ page: TALK, revisionId: edit!.revisionId, period: PERIOD });
  });

  it('keeps what the affiliate supplied inert: no link, template, comment, signature or bold survives', () => {
    const { text, sectionTitle } = meta.edits[0]!;
    for (const markup of ['[[Category:Spam]]', '{{delete}}', '<!-- x -->', "''User''", 'Group ~~~~'])
      expect(text + sectionTitle, markup).not.toContain(markup);
    expect(text).toContain(
      'Talky &#91;&#91;Category:Spam&#93;&#93; &#123;&#123;delete&#125;&#125; &lt;!-- x --&gt;',
    );
    expect(sectionTitle).not.toMatch(/[[\]{}<>]|~~~/);
  });

  it('posts once however many deliveries of the same notice run at the same time', async () => {
    const record = (await readAffiliate('talky'))!;
    // An organizer's new removal date, delivered four times at once (a retried schedule,
    // the reconciliation and two organizer requests, say).
    const notice = {
      kind: 'removal_rescheduled' as const,
      audience: 'contacts' as const,
      period: PERIOD,
      since: clock.now().toISOString(),
      ref: '2026-09-30',
      vars: { reason: 'agreed with the group' },
    };
    const before = meta.edits.length;
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => deliverNotice(record, notice, { clock })));
    // Each either finished it or saw another delivery at work; none failed.
    expect(outcomes.every((o) => o === 'done' || o === 'pending')).toBe(true);
    expect(await deliverNotice(record, notice, { clock })).toBe('done');
    expect(meta.edits.length - before).toBe(1);
    expect(meta.edits.at(-1)!.sectionTitle).toContain('new removal date');
    expect((await outboxRecord(`talk#talky#${PERIOD}#removal_rescheduled:2026-09-30`))?.state).toBe('sent');
    expect(await emailsOf(/new removal date/)).toHaveLength(1);
  });

  it('while meta-wiki is down, the notice stays owed; the next run posts it once and sends no email twice', async () => {
    meta.writeMode = 'down';
    const before = meta.edits.length;
    // Second reminder: 23 July 2026, 09:00 in Karachi.
    await stack.advanceTo('2026-07-23T06:00:00Z');
    expect(meta.edits.length).toBe(before);
    expect(await emailsOf(/one week left/)).toHaveLength(1);
    expect((await detail()).owedNotices).toContain('second_reminder');

    meta.writeMode = 'ok';
    // The daily reconciliation (05:00 UTC) finds the notice owed.
    await stack.advanceTo('2026-07-24T06:00:00Z');
    expect(meta.edits.length).toBe(before + 1);
    expect(meta.edits.at(-1)!.sectionTitle).toContain('one week left');
    expect((await detail()).owedNotices).not.toContain('second_reminder');
    expect(await emailsOf(/one week left/)).toHaveLength(1);
  });

  it('waits out maxlag, and a reply lost after the edit was saved does not post it again', async () => {
    // The expiry notice, the day after the due date: meta-wiki is lagged, then saves
    // the edit but the reply never arrives.
    meta.writeMode = 'maxlag';
    const before = meta.edits.length;
    await stack.advanceTo('2026-07-31T06:00:00Z');
    expect(meta.edits.length).toBe(before);
    expect(meta.requests.some((p) => p.get('maxlag') === '5')).toBe(true);
    expect((await detail()).owedNotices).toContain('expiry_notice');

    meta.writeMode = 'lose_reply';
    await stack.advanceTo('2026-08-01T06:00:00Z');
    // Saved, but the reply was lost; the retry read the page, found the section's marker
    // and did not post it again.
    expect(meta.edits.length).toBe(before + 1);
    meta.writeMode = 'ok';
    await stack.advanceTo('2026-08-02T06:00:00Z');
    expect(meta.edits.length).toBe(before + 1);
    expect((await detail()).owedNotices).not.toContain('expiry_notice');
    const posted = (await detail()).timeline.filter(
      (e) => e.what === 'Talk-page notice posted: expiry_notice',
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]!.data?.revisionId).toBe(meta.edits.at(-1)!.revisionId);
    expect(await emailsOf(/past due, agreement expired/)).toHaveLength(1);
  });
});
