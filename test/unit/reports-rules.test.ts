// The rules a report must meet: the period, the meta-wiki address and the language.

import { franc } from 'franc-min';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { judgeEnglish, MIN_REPORT_CHARS, proseOf } from '../../shared/reports/language.ts';
import {
  checkMetaUrl,
  metaPageUrl,
  reportsPageUrl,
  specialCharacters,
  titleOfPage,
} from '../../shared/reports/meta-url.ts';
import {
  confirmStepSchema,
  MAX_TEXT_BYTES,
  metaUrlProblems,
  periodProblems,
  problemIn,
  reportFormSchema,
  reportProblems,
  reportSubmissionSchema,
} from '../../shared/reports/rules.ts';
import { ENGLISH_REPORT, otherLanguages, samples } from '../fixtures/language-samples.ts';

const agreement = { start: '2025-07-01', end: '2026-06-30' };

describe('period coverage', () => {
  it('accepts a period exactly equal to the agreement, or wider', () => {
    expect(periodProblems(agreement, '2025-07-01', '2026-06-30')).toEqual([]);
    expect(periodProblems(agreement, '2025-06-30', '2026-07-01')).toEqual([]);
  });

  it('refuses a period starting one day late or ending one day early, naming each end', () => {
    expect(periodProblems(agreement, '2025-07-02', '2026-06-30').map((p) => p.field)).toEqual([
      'periodStart',
    ]);
    expect(periodProblems(agreement, '2025-07-01', '2026-06-29').map((p) => p.field)).toEqual(['periodEnd']);
    const both = periodProblems(agreement, '2025-07-02', '2026-06-29');
    expect(both.map((p) => p.field)).toEqual(['periodStart', 'periodEnd']);
    expect(both[0]!.message).toContain('2025-07-01');
  });

  it('refuses dates that do not exist and periods that end before they start', () => {
    expect(periodProblems(agreement, '2025-02-30', '2026-06-30')[0]!.message).toContain('not a real date');
    // Days that do not exist are all the group hears about: nothing is compared with them.
    expect(periodProblems(agreement, '2025-07-32', '2026-06-31')).toMatchObject([
      { field: 'periodStart', message: '2025-07-32 is not a real date.' },
      { field: 'periodEnd', message: '2026-06-31 is not a real date.' },
    ]);
    expect(periodProblems(agreement, '2026-07-01', '2025-06-30')[0]).toMatchObject({
      field: 'periodEnd',
      message: 'The period ends before it starts.',
    });
    // A one-day period is short, not backwards.
    expect(periodProblems(agreement, '2025-07-01', '2025-07-01')).toMatchObject([
      {
        field: 'periodEnd',
        message:
          'The report must cover the whole agreement period: it ends on 2026-06-30, but the report ends on 2025-07-01.',
      },
    ]);
    expect(
      periodProblems(agreement, '2026-07-01', '2025-06-30')
        .map((p) => p.message)
        .join(' '),
    ).toContain('ends before it starts');
  });
});

describe('meta-wiki address', () => {
  it('accepts a page on meta.wikimedia.org and gives its canonical title and address', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org/wiki/Wikimedia_Pakistan/Reports/2025')).toEqual({
      ok: true,
      title: 'Wikimedia Pakistan/Reports/2025',
      href: 'https://meta.wikimedia.org/wiki/Wikimedia_Pakistan/Reports/2025',
    });
    expect(checkMetaUrl('https://META.wikimedia.org/wiki/x%20y')).toEqual({
      ok: true,
      title: 'X y',
      href: 'https://meta.wikimedia.org/wiki/X_y',
    });
    // Every way of typing one page is stored as the same address.
    for (const typed of [
      ' https://meta.wikimedia.org/wiki/Annual_report_(2025)?action=view ',
      'https://meta.wikimedia.org/wiki/annual%20report%20%282025%29',
      'https://meta.wikimedia.org:443/wiki/Annual__report_(2025)',
    ])
      expect(checkMetaUrl(typed)).toMatchObject({
        ok: true,
        href: 'https://meta.wikimedia.org/wiki/Annual_report_%282025%29',
      });
  });

  it.each([
    ['https://meta.wikimedia.org.example.com/wiki/Report', 'wrong_host'],
    ['https://meta.wikimedia.org@example.com/wiki/Report', 'userinfo'],
    ['https://user:pw@meta.wikimedia.org/wiki/Report', 'userinfo'],
    ['https://user@meta.wikimedia.org/wiki/Report', 'userinfo'],
    ['https://meta.wikimedia.org:8443/wiki/Report', 'port'],
    ['http://meta.wikimedia.org/wiki/Report', 'not_https'],
    ['https://en.wikipedia.org/wiki/Report', 'wrong_host'],
    ['https://evilmeta.wikimedia.org/wiki/Report', 'wrong_host'],
    ['https://meta.wikimedia.org/w/index.php?title=Report', 'not_wiki_page'],
    ['https://meta.wikimedia.org/wiki/', 'not_wiki_page'],
    ['javascript:alert(1)', 'not_https'],
    ['meta.wikimedia.org/wiki/Report', 'not_a_url'],
  ])('refuses %s (%s)', (url, problem) => {
    expect(checkMetaUrl(url)).toEqual({ ok: false, problem });
  });

  it('refuses a stray percent sign that is not an escape as no page address', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org/wiki/Editors_up_50%')).toEqual({
      ok: false,
      problem: 'not_wiki_page',
    });
  });

  it('reads doubled and outer underscores as MediaWiki does: one space, none at the ends', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org/wiki/_Group__Pakistan/Reports_')).toEqual({
      ok: true,
      title: 'Group Pakistan/Reports',
      href: 'https://meta.wikimedia.org/wiki/Group_Pakistan/Reports',
    });
  });

  it('accepts the default https port written out, which is the same address', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org:443/wiki/Report').ok).toBe(true);
  });

  it('reads an affiliate page given as a URL or a title', () => {
    expect(titleOfPage('https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan')).toBe(
      'Wikimedia Community User Group Pakistan',
    );
    expect(titleOfPage('wikimedia_Pakistan')).toBe('Wikimedia Pakistan');
    // Stored as an http address (older records): the page it names.
    expect(titleOfPage('http://meta.wikimedia.org/wiki/Wikimedia_Pakistan')).toBe('Wikimedia Pakistan');
    expect(titleOfPage('HTTP://meta.wikimedia.org/wiki/Wikimedia_Pakistan')).toBe('Wikimedia Pakistan');
    // An address elsewhere names no meta page; a title that mentions an address is a title.
    expect(titleOfPage('https://example.org/wiki/Wikimedia_Pakistan')).toBeUndefined();
    expect(titleOfPage('Links to https://example.org')).toBe('Links to https://example.org');
    expect(titleOfPage('https://meta.wikimedia.org/wiki/Talk:http:_links')).toBe('Talk:http: links');
    expect(titleOfPage('')).toBeUndefined();
    expect(titleOfPage(undefined)).toBeUndefined();
  });
});

describe('titles meta-wiki would not read as one page', () => {
  it.each([
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports|2026', ['|']],
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports%7C2026', ['|']],
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports%7c2026', ['|']],
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports%232026', ['#']],
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports#2026', ['#']],
    ['https://meta.wikimedia.org/wiki/Wikimedia_due/Reports#', ['#']],
    ['https://meta.wikimedia.org/wiki/Report_[2026]', ['[', ']']],
    ['https://meta.wikimedia.org/wiki/%7B%7BReport%7D%7D', ['{', '}']],
    ['https://meta.wikimedia.org/wiki/Report%3Cb%3E', ['<', '>']],
    ['https://meta.wikimedia.org/wiki/Report%09tab%0A', ['U+0009', 'U+000A']],
    ['https://meta.wikimedia.org/wiki/Report%7F', ['U+007F']],
    ['https://meta.wikimedia.org/wiki/Report%257C2026', ['%7C']],
  ])('refuses %s, naming %j', (url, characters) => {
    expect(checkMetaUrl(url)).toEqual({ ok: false, problem: 'special_characters', characters });
  });

  it('says which characters, and what to do about a section link, in the 422 reason', () => {
    const [problem] = metaUrlProblems('https://meta.wikimedia.org/wiki/Wikimedia_due/Reports#2026');
    expect(problem?.field).toBe('metaUrl');
    expect(problem?.message).toContain('#');
    expect(problem?.message).toContain(
      'A # points to a section of a page: give the address of the report page itself.',
    );
    expect(metaUrlProblems('https://meta.wikimedia.org/wiki/A%7CB')[0]?.message).toContain('|');
  });

  it('accepts titles with ordinary punctuation and non-Latin letters', () => {
    for (const title of [
      'Wikimedia Pakistan/Reports/2025 (annual)',
      "Editors' report, 2025!",
      'ویکی/رپورٹ',
      'Wikimedia\u00a0Pakistan',
    ])
      expect(specialCharacters(title)).toEqual([]);
    expect(checkMetaUrl('https://meta.wikimedia.org/wiki/A%25_of_editors').ok).toBe(true);
  });
});

describe('addresses of meta pages', () => {
  it('writes spaces as underscores and percent-encodes what a mail client could cut at', () => {
    expect(metaPageUrl('Wikimedia Affiliates Data Portal/Reports')).toBe(
      'https://meta.wikimedia.org/wiki/Wikimedia_Affiliates_Data_Portal/Reports',
    );
    expect(metaPageUrl("Group (Pakistan)/Editors' report")).toBe(
      'https://meta.wikimedia.org/wiki/Group_%28Pakistan%29/Editors%27_report',
    );
    expect(metaPageUrl('Report *final*')).toBe('https://meta.wikimedia.org/wiki/Report_%2Afinal%2A');
    expect(metaPageUrl('Talk:ویکی?')).toBe(
      'https://meta.wikimedia.org/wiki/Talk:%D9%88%DB%8C%DA%A9%DB%8C%3F',
    );
  });

  it('reads back, through the report address check, as the same title', () => {
    for (const title of ['Wikimedia due/Reports/2026', 'Group (Pakistan)/100% done?', 'ویکی/رپورٹ'])
      expect(checkMetaUrl(metaPageUrl(title))).toEqual({ ok: true, title, href: metaPageUrl(title) });
  });

  it("links to the Affiliates Data Portal's Reports page unless configured otherwise", () => {
    expect(reportsPageUrl()).toBe('https://meta.wikimedia.org/wiki/Wikimedia_Affiliates_Data_Portal/Reports');
  });
});

describe('language of the report', () => {
  it.each(samples.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    expect(judgeEnglish(sample.text).ok).toBe(sample.english);
  });

  it.each(otherLanguages.map((s) => [s.name, s] as const))('%s is not English', (_name, sample) => {
    expect(judgeEnglish(sample.text)).toMatchObject({ ok: false, reason: 'not_english' });
  });

  it('says English exactly where franc-min (the 80-language detector it replaced) says eng', () => {
    for (const sample of [...samples, ...otherLanguages]) {
      const detected = franc(proseOf(sample.text), { minLength: MIN_REPORT_CHARS });
      expect(judgeEnglish(sample.text).ok, sample.name).toBe(detected === 'eng');
    }
  });

  it('refuses a placeholder as too short, and says how long it is', () => {
    const verdict = judgeEnglish('Report here. See the link.');
    expect(verdict).toEqual({ ok: false, reason: 'too_short', length: 26 });
    expect(judgeEnglish(`[[${'x'.repeat(MIN_REPORT_CHARS)}|short]] ok`).ok).toBe(false);
  });

  it('judges the words, not the markup', () => {
    const wikitext = [
      "== Activities ==\n* '''Workshops''' in [[Lahore]] and [[Karachi|the port city]].",
      '# Photos: see [https://commons.wikimedia.org/wiki/X the gallery] or https://example.org/x',
      ':: Funded<ref name="g">{{cite web|url=https://example.org|title={{nested}}}}</ref> by a <b>grant</b>.',
    ].join('\n');
    expect(proseOf(wikitext)).toBe(
      'Activities Workshops in Lahore and the port city. Photos: see the gallery or Funded by a grant .',
    );
  });

  it('leaves unclosed markup as text (a tag without its end is still a tag)', () => {
    expect(proseOf('[[a|b')).toBe('[[a|b');
    expect(proseOf('<ref>no end')).toBe('no end');
    expect(proseOf('{{ {{x}} y')).toBe('{{ y');
    expect(proseOf('[https://example.org no end')).toBe('[ no end');
  });
});

describe('all rules at once', () => {
  it('names every broken rule in plain words, and leaves the text to be read from meta-wiki', () => {
    const problems = reportProblems(agreement, {
      periodStart: '2025-08-01',
      periodEnd: '2026-06-30',
      metaUrl: 'https://meta.wikimedia.org.example.com/wiki/R',
      // A pasted copy is judged only while meta-wiki cannot be reached (verifyReport).
      text: samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text,
    });
    expect(problems.map((p) => p.field)).toEqual(['periodStart', 'metaUrl']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(
      /whole agreement period[\s\S]*meta\.wikimedia\.org exactly/,
    );
  });

  it('finds nothing wrong with a good report', () => {
    expect(
      reportProblems(agreement, {
        periodStart: '2025-07-01',
        periodEnd: '2026-06-30',
        metaUrl: 'https://meta.wikimedia.org/wiki/R',
        text: ENGLISH_REPORT,
      }),
    ).toEqual([]);
  });
});

/** What the group is told about the form it sent: each wrong field with its message. */
function formProblems(schema: v.GenericSchema, data: unknown): [string, string][] {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? [] : parsed.issues.map((i) => [v.getDotPath(i) ?? '(body)', i.message]);
}

describe('the report form as sent', () => {
  const sent = {
    periodStart: '2025-07-01',
    periodEnd: '2026-06-30',
    metaUrl: 'https://meta.wikimedia.org/wiki/R',
    text: ENGLISH_REPORT,
  };

  it('is read with dates and addresses trimmed, and an empty financial report address left out', () => {
    const parsed = v.parse(reportSubmissionSchema, {
      ...sent,
      periodStart: ' 2025-07-01 ',
      metaUrl: ' https://meta.wikimedia.org/wiki/R ',
      financialReportUrl: '   ',
    });
    // An activity report unless it says otherwise (issue 15: financial reports).
    expect(parsed).toEqual({ kind: 'activity', ...sent, financialReportUrl: undefined });
    const withFinancial = v.parse(reportSubmissionSchema, {
      ...sent,
      financialReportUrl: ' https://example.org/accounts.pdf ',
    });
    expect(withFinancial.kind === 'activity' && withFinancial.financialReportUrl).toBe(
      'https://example.org/accounts.pdf',
    );
  });

  it('takes the text as optional: absent, empty or blank is left out', () => {
    const textOf = (body: unknown) => (v.parse(reportSubmissionSchema, body) as { text?: string }).text;
    const { text: _text, ...withoutText } = sent;
    expect(textOf(withoutText)).toBeUndefined();
    expect(textOf({ ...sent, text: '' })).toBeUndefined();
    expect(textOf({ ...sent, text: ' \n ' })).toBeUndefined();
    expect(textOf(sent)).toBe(ENGLISH_REPORT);
  });

  it('names each field that cannot be read', () => {
    expect(
      formProblems(reportSubmissionSchema, {
        ...sent,
        periodStart: '1 July 2025',
        periodEnd: '2026-6-30',
        metaUrl: '  ',
        financialReportUrl: 'accounts.pdf',
      }),
    ).toEqual([
      ['periodStart', 'a date like 2026-07-15'],
      ['periodEnd', 'a date like 2026-07-15'],
      ['metaUrl', 'the address of the report on meta-wiki'],
      ['financialReportUrl', 'an https:// web address (http:, javascript: and the like are refused)'],
    ]);
    expect(formProblems(reportSubmissionSchema, { ...sent, periodEnd: 'x2026-06-30' })).toEqual([
      ['periodEnd', 'a date like 2026-07-15'],
    ]);
    expect(formProblems(reportSubmissionSchema, { ...sent, periodEnd: '2026-06-30x' })).toEqual([
      ['periodEnd', 'a date like 2026-07-15'],
    ]);
  });

  it('takes up to 200 KB of text, counted in bytes as sent', () => {
    expect(MAX_TEXT_BYTES).toBe(204_800);
    expect(formProblems(reportSubmissionSchema, { ...sent, text: 'a'.repeat(MAX_TEXT_BYTES) })).toEqual([]);
    expect(formProblems(reportSubmissionSchema, { ...sent, text: 'a'.repeat(MAX_TEXT_BYTES + 1) })).toEqual([
      ['text', 'at most 200 KB of text'],
    ]);
    // Urdu letters take two bytes each: 102,401 of them are over the limit.
    expect(formProblems(reportSubmissionSchema, { ...sent, text: 'ا'.repeat(102_401) })).toEqual([
      ['text', 'at most 200 KB of text'],
    ]);
  });

  it('keeps addresses to 2,000 characters', () => {
    const long = `https://meta.wikimedia.org/wiki/${'R'.repeat(1968)}`;
    expect(long).toHaveLength(2000);
    expect(
      formProblems(reportSubmissionSchema, { ...sent, metaUrl: long, financialReportUrl: long }),
    ).toEqual([]);
    expect(
      formProblems(reportSubmissionSchema, {
        ...sent,
        metaUrl: `${long}R`,
        financialReportUrl: `${long}R`,
      }).map(([field]) => field),
    ).toEqual(['metaUrl', 'financialReportUrl']);
  });

  it('from the page also carries the personal link token and the language', () => {
    expect(v.parse(reportFormSchema, { ...sent, token: 't.s', lang: 'ur' })).toMatchObject({
      token: 't.s',
      lang: 'ur',
      periodStart: '2025-07-01',
    });
  });
});

describe('what an organizer confirms by hand', () => {
  it('is one of the steps, with an optional note of up to 500 characters', () => {
    for (const step of ['report_posted', 'financial_report_posted', 'group_page_updated', 'wikimedia_l_told'])
      expect(formProblems(confirmStepSchema, { step })).toEqual([]);
    expect(formProblems(confirmStepSchema, { step: 'posted' })).toEqual([
      ['step', 'one of report_posted, financial_report_posted, group_page_updated, wikimedia_l_told'],
    ]);
    expect(formProblems(confirmStepSchema, { step: 'report_posted', note: 'n'.repeat(500) })).toEqual([]);
    expect(
      formProblems(confirmStepSchema, { step: 'report_posted', note: 'n'.repeat(501) }).map(([f]) => f),
    ).toEqual(['note']);
  });
});

describe('what the group is told about its report address', () => {
  it.each([
    ['meta.wikimedia.org/wiki/R', 'The report address is not a web address.'],
    ['http://meta.wikimedia.org/wiki/R', 'The report address must start with https://.'],
    ['https://en.wikipedia.org/wiki/R', 'the address must be on meta.wikimedia.org exactly'],
    ['https://me@meta.wikimedia.org/wiki/R', 'must not contain a user name or password'],
    ['https://meta.wikimedia.org:8443/wiki/R', 'must not name a port'],
    [
      'https://meta.wikimedia.org/w/index.php?title=R',
      'must be a meta-wiki page, like https://meta.wikimedia.org/wiki/',
    ],
  ])('%s', (url, message) => {
    expect(metaUrlProblems(url)).toMatchObject([
      { field: 'metaUrl', message: expect.stringContaining(message) },
    ]);
  });

  it('lists the characters a title cannot hold, and mentions sections only for a #', () => {
    const [problem] = metaUrlProblems('https://meta.wikimedia.org/wiki/Report_[2026]');
    expect(problem?.message).toBe(
      'The report page’s title contains [ ], which meta-wiki reads as link, template or section syntax or does not allow in a title. Move the report to a title without them and send its new address.',
    );
    expect(metaUrlProblems('https://meta.wikimedia.org/wiki/R')).toEqual([]);
  });
});

describe('the reasons on an Urdu page', () => {
  const agreement = { start: '2025-07-01', end: '2026-06-30' };

  it('are said in Urdu, with dates written as the page writes them, and English for programs', () => {
    const [late] = periodProblems(agreement, '2025-09-01', '2026-06-30');
    expect(late!.message).toContain('it starts on 2025-07-01, but the report starts on 2025-09-01');
    const urdu = problemIn('ur', late!);
    expect(urdu).toContain('رپورٹ کو معاہدے کی پوری مدت');
    expect(urdu).toContain('1 جولائی، 2025');
    expect(urdu).not.toContain('2025-07-01');
    expect(problemIn('en', late!)).toBe(
      'The report must cover the whole agreement period: it starts on 1 July 2025, but the report starts on 1 September 2025.',
    );
  });

  it('name the characters of a title in either language, and the section hint for #', () => {
    const [special] = metaUrlProblems('https://meta.wikimedia.org/wiki/Report%7C2026#Summary');
    expect(problemIn('en', special!)).toContain('contains |');
    const urdu = problemIn('ur', special!);
    expect(urdu).toContain('|');
    expect(urdu).toContain('# کسی صفحے کے حصے');
  });

  it('a reason written without the catalogue is shown as it was written', () => {
    expect(problemIn('ur', { field: 'periodStart', message: 'periodStart: a date like 2026-07-15' })).toBe(
      'periodStart: a date like 2026-07-15',
    );
  });
});
