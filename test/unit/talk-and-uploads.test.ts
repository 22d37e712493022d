// The pure parts of talk-page notices and report documents: wikitext that shows
// affiliate-supplied text exactly as written, who may be pinged, when a stage posts at
// all, and what an uploaded object must be before it is recorded.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config.ts';
import type { NoticeKind } from '../../shared/lifecycle/transition.ts';
import { postsOnTalkPage } from '../../shared/talk/post.ts';
import {
  editSummary,
  isWikiUsername,
  noticeWikitext,
  plainText,
  sectionTitle,
} from '../../shared/talk/wikitext.ts';
import { MAX_UPLOAD_BYTES, objectKey, uploadProblem } from '../../shared/uploads/rules.ts';
import { awsEnvironment } from '../support/aws-env.ts';

describe('wikitext of a talk-page notice', () => {
  it.each([
    ['a link', 'see [[Category:Spam]]', 'see &#91;&#91;Category:Spam&#93;&#93;'],
    ['a template', '{{delete|now}}', '&#123;&#123;delete&#124;now&#125;&#125;'],
    ['a tag or comment', '<script>x</script><!-- y -->', '&lt;script&gt;x&lt;/script&gt;&lt;!-- y --&gt;'],
    ['bold and italics', "'''bold''' ''it''", '&#39;&#39;&#39;bold&#39;&#39;&#39; &#39;&#39;it&#39;&#39;'],
    ['a signature', 'signed ~~~~', 'signed &#126;&#126;&#126;&#126;'],
    ['a heading', '== Pwned ==', '&#61;= Pwned =&#61;'],
    ['a list, an indent, a rule', '* a\n# b\n: c\n----', '&#42; a\n&#35; b\n&#58; c\n&#45;---'],
    ['a behaviour switch', '__NOTOC__', '_&#95;NOTOC_&#95;'],
    ['a preformatted line', '   indented', 'indented'],
    ['an entity', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
  ])('shows %s as text', (_what, input, output) => {
    expect(plainText(input)).toBe(output);
  });

  it('keeps paragraphs and addresses as they are', () => {
    expect(plainText('Due on 30 July 2026.\n\nSee https://meta.wikimedia.org/wiki/Wikimedia_Pakistan')).toBe(
      'Due on 30 July 2026.\n\nSee https://meta.wikimedia.org/wiki/Wikimedia_Pakistan',
    );
  });

  it('makes a section title one line that cannot close the heading, and a summary without links', () => {
    expect(sectionTitle('A =\nB [[x]]')).toBe('A &#61; B &#91;&#91;x&#93;&#93;');
    expect(editSummary('Notice to [[Evil]] /* x */ {{t}}')).toBe('Notice to Evil x t');
  });

  it('pings only real user names, and signs the section so the pings notify', () => {
    expect(isWikiUsername('Alice Example')).toBe(true);
    for (const bad of [
      'Evil]] [[Category:X',
      'A|B',
      'User/Sub',
      'a@b',
      'Talk:X',
      '',
      ' padded',
      'x'.repeat(86),
    ])
      expect(isWikiUsername(bad), bad).toBe(false);
    const text = noticeWikitext({
      text: 'Hello',
      ping: ['Alice', 'Evil]] [[Category:X'],
      pingIntro: 'Pinging:',
      markerId: 'abc',
    });
    expect(text).toBe(
      '<!-- affiliate-compliance notice abc -->\nPinging: [[User:Alice|Alice]]\n\nHello\n\n~~~~',
    );
  });
});

describe('talk-page notices are opt-in per stage', () => {
  it('are off unless TALK_PAGE_NOTICES says which', () => {
    expect(loadConfig({ STAGE: 'local' }).talkPage.kinds).toEqual([]);
    expect(loadConfig(awsEnvironment()).talkPage.kinds).toEqual([]);
    expect(loadConfig({ STAGE: 'local', TALK_PAGE_NOTICES: 'all' }).talkPage.kinds).toBe('all');
    expect(
      loadConfig({ STAGE: 'local', TALK_PAGE_NOTICES: 'first_reminder, expiry_notice' }).talkPage.kinds,
    ).toEqual(['first_reminder', 'expiry_notice']);
  });

  it('outside the local stage, need the bot password from Secrets Manager', () => {
    expect(() => loadConfig({ ...awsEnvironment(), TALK_PAGE_NOTICES: 'all' })).toThrow(ConfigError);
    expect(
      loadConfig({
        ...awsEnvironment(),
        TALK_PAGE_NOTICES: 'all',
        META_BOT_PASSWORD_ARN: 'arn:aws:secretsmanager:x',
      }).talkPage.botPassword,
    ).toEqual({ arn: 'arn:aws:secretsmanager:x' });
    expect(() => loadConfig({ STAGE: 'local', TALK_PAGE_NOTICES: 'Robert"); drop' })).toThrow(ConfigError);
  });

  // The notices of the chapter and thematic-organisation policies: those to the contacts
  // can be posted, the organizers' own never.
  const contactKinds: NoticeKind[] = [
    'reports_due_reminder',
    'past_due_notice',
    'escalation_1',
    'escalation_2',
    'escalation_3',
    'deferral_granted',
  ];
  it('post every policy notice to the contacts when the stage says all, and never an organizer-only one', () => {
    for (const kind of contactKinds)
      expect(postsOnTalkPage({ kind, audience: 'contacts' }, 'all')).toBe(true);
    expect(postsOnTalkPage({ kind: 'escalation_organizers', audience: 'organizers' }, 'all')).toBe(false);
    expect(postsOnTalkPage({ kind: 'removal_held_organizers', audience: 'organizers' }, 'all')).toBe(false);
    expect(postsOnTalkPage({ kind: 'reports_due_reminder', audience: 'contacts' }, [])).toBe(false);
  });

  it('post only the listed kinds, escalation steps included', () => {
    const kinds = loadConfig({
      STAGE: 'local',
      TALK_PAGE_NOTICES: 'escalation_1,escalation_3,deferral_granted',
    }).talkPage.kinds;
    expect(kinds).toEqual(['escalation_1', 'escalation_3', 'deferral_granted']);
    expect(contactKinds.filter((kind) => postsOnTalkPage({ kind, audience: 'contacts' }, kinds))).toEqual([
      'escalation_1',
      'escalation_3',
      'deferral_granted',
    ]);
    expect(
      postsOnTalkPage({ kind: 'escalation_organizers', audience: 'organizers' }, ['escalation_organizers']),
    ).toBe(false);
  });
});

describe('an uploaded document', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7');
  it('is kept when it starts like a PDF and fits', () => {
    expect(uploadProblem({ size: 1000, firstBytes: pdf })).toBeUndefined();
    expect(uploadProblem({ size: MAX_UPLOAD_BYTES, firstBytes: pdf })).toBeUndefined();
  });
  it('is refused when empty, too large, or anything but a PDF', () => {
    expect(uploadProblem({ size: 0, firstBytes: new Uint8Array() })).toBe('empty');
    expect(uploadProblem({ size: MAX_UPLOAD_BYTES + 1, firstBytes: pdf })).toBe('too_large');
    expect(uploadProblem({ size: 100, firstBytes: new TextEncoder().encode('PK\u0003\u0004x') })).toBe(
      'not_pdf',
    );
    expect(uploadProblem({ size: 100, firstBytes: new TextEncoder().encode('%PDF') })).toBe('not_pdf');
    expect(uploadProblem({ size: 100, firstBytes: new TextEncoder().encode(' %PDF-') })).toBe('not_pdf');
  });
  it('has one key per affiliate, period and kind', () => {
    expect(objectKey('wmpk', '2025-07-01_2026-06-30', 'financial_statement')).toBe(
      'reports/wmpk/2025-07-01_2026-06-30/financial_statement.pdf',
    );
  });
});
