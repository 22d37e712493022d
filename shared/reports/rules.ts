// The rules a submitted report must meet, as one pure function: every broken rule is
// reported at once, in plain words, so the affiliate can fix everything the same day.

import * as v from 'valibot';
import type { Agreement, CalendarDay } from '../affiliates/model.ts';
import { formatDay, isCalendarDay, periodEnd } from '../dates.ts';
import type { FieldProblem } from '../errors.ts';
import { languageInfo } from '../i18n/index.ts';
import { type MessageKey, t } from '../i18n/report.ts';
import { HTTPS_URL_PATTERN, httpsUrl } from '../urls.ts';
import { judgeEnglish, MIN_REPORT_CHARS } from './language.ts';
import { checkMetaUrl, type MetaUrlProblem } from './meta-url.ts';

export const MAX_TEXT_BYTES = 200 * 1024;

// Each `v.metadata` states for the API document what the checks beside it accept of the
// value as sent (shared/openapi.ts reads a pipe only up to its first transformation).
const day = v.pipe(
  v.string(),
  v.metadata({ pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*$' }),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-07-15'),
);
/** Blank, or an https address (JSON Schema pattern). */
const BLANK_OR_HTTPS = `^(?:\\s*|${HTTPS_URL_PATTERN.slice(1, -1)})$`;

/** A form sends an empty field for an optional one left blank: that is "not given". */
const blank = (jsonSchema: Record<string, unknown> = {}) =>
  v.pipe(
    v.string(),
    v.metadata(jsonSchema),
    v.trim(),
    v.transform((s) => (s === '' ? undefined : s)),
  );

/**
 * What every report may say about itself: an annual or a multi-year report (WADP offers
 * 2 to 5 years: src/frontend/wadpActivitiesReportForm.js, wadpFinancialReportForm.js), and
 * the language it is written in with its English version (report_lang_code and
 * report_link_en in the same forms; src/backend/wadp.lua shows the code beside the link).
 */
const describedReport = {
  periodStart: day,
  periodEnd: day,
  reportType: v.optional(
    v.pipe(
      blank({ pattern: '^\\s*(?:annual|multi_year)?\\s*$' }),
      v.optional(v.picklist(['annual', 'multi_year'] as const, 'annual or multi_year')),
    ),
  ),
  language: v.optional(
    v.pipe(
      blank({ pattern: '^\\s*(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)*)?\\s*$' }),
      v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a language code like ur'))),
    ),
  ),
  englishUrl: v.optional(
    v.pipe(
      blank({ pattern: BLANK_OR_HTTPS, maxLength: 2000 }),
      v.optional(httpsUrl('an https:// web address of the English version')),
    ),
  ),
  englishSummary: v.optional(
    v.pipe(
      blank({ maxLength: 20_000 }),
      v.optional(v.pipe(v.string(), v.maxLength(20_000, 'at most 20,000 characters'))),
    ),
  ),
};

/** The annual activity report: a page on meta-wiki, with its text. */
const activityReportSchema = v.object({
  kind: v.optional(v.literal('activity'), 'activity'),
  ...describedReport,
  metaUrl: v.pipe(
    v.string(),
    v.metadata({ pattern: '\\S', maxLength: 2000 }),
    v.trim(),
    v.minLength(1, 'the address of the report on meta-wiki'),
    v.maxLength(2000),
  ),
  // Optional: the report is read from its meta page. A pasted copy is used only while
  // meta-wiki cannot be reached, and the page is read again later.
  text: v.optional(
    v.pipe(
      v.string(),
      // JSON Schema counts characters, not bytes: 200 KB of UTF-8 is this many characters
      // of English at most; Urdu takes two bytes a letter, so half as many.
      v.metadata({
        maxLength: MAX_TEXT_BYTES,
        description:
          'Optional pasted copy, used only while meta-wiki cannot be reached. At most 200 KB once encoded as UTF-8 (the limit is in bytes).',
      }),
      // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 bytes by default
      v.check((s) => Buffer.byteLength(s, 'utf8') <= MAX_TEXT_BYTES, 'at most 200 KB of text'),
      v.transform((s) => (s.trim() === '' ? undefined : s)),
    ),
  ),
  financialReportUrl: v.optional(
    v.pipe(
      v.string(),
      v.metadata({ pattern: BLANK_OR_HTTPS, maxLength: 2000 }),
      v.trim(),
      v.transform((s) => (s === '' ? undefined : s)),
      v.optional(httpsUrl('an https:// web address (http:, javascript: and the like are refused)')),
    ),
  ),
});

/**
 * The financial report, required of chapters, thematic organisations and incorporated
 * user groups (shared/lifecycle/policies.ts): a page on meta-wiki or a document on the
 * organisation's own https site (WADP renders either: src/backend/wadp.lua).
 */
const financialReportSchema = v.object({
  kind: v.literal('financial'),
  ...describedReport,
  url: httpsUrl('the https:// address of the financial report (on meta-wiki or your own website)'),
});

/** The body of POST /affiliates/{id}/reports, JSON or form: `kind` activity (default) or financial. */
export const reportSubmissionSchema = v.variant(
  'kind',
  [activityReportSchema, financialReportSchema],
  'kind: activity or financial',
);
export type ReportSubmission = v.InferOutput<typeof reportSubmissionSchema>;
export type ActivitySubmission = v.InferOutput<typeof activityReportSchema>;
/** A submission as the rules read it: an activity report may leave out its kind. */
export type SubmissionInput =
  | (Omit<ActivitySubmission, 'kind'> & { kind?: 'activity' })
  | Extract<ReportSubmission, { kind: 'financial' }>;

/** Form posts also carry the personal link's token and the page language. */
const formExtras = { token: v.optional(v.string()), lang: v.optional(v.string()) };
export const reportFormSchema = v.variant(
  'kind',
  [
    v.object({ ...activityReportSchema.entries, ...formExtras }),
    v.object({ ...financialReportSchema.entries, ...formExtras }),
  ],
  'kind: activity or financial',
);

/** A problem written from the catalogue: English here, the reader's language on the page. */
function problem(field: string, key: MessageKey, vars: Record<string, string> = {}): FieldProblem {
  return { field, message: t('en', key, vars), key, vars };
}

/** Multi-year reports: more than a year, at most five (WADP's "2yrs" to "5yrs report"). */
const MULTI_YEAR_MAX_MONTHS = 60;

export function periodProblems(
  agreement: Agreement,
  start: CalendarDay,
  end: CalendarDay,
  reportType: 'annual' | 'multi_year' = 'annual',
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isCalendarDay(start)) out.push(problem('periodStart', 'report.problem.notRealDate', { day: start }));
  if (!isCalendarDay(end)) out.push(problem('periodEnd', 'report.problem.notRealDate', { day: end }));
  if (out.length) return out;
  if (end < start) out.push(problem('periodEnd', 'report.problem.endsBeforeStart'));
  if (reportType === 'multi_year' && end >= start) {
    // A multi-year report counts for the period its end falls in (WADP counts a report for
    // the year it ends in: src/backend/wadp.lua), and must cover that period.
    if (end > agreement.end)
      out.push(
        problem('periodEnd', 'report.problem.multiYear.endsLate', { agreementEnd: agreement.end, end }),
      );
    if (end <= periodEnd(start, 12)) out.push(problem('periodStart', 'report.problem.multiYear.tooShort'));
    else if (end > periodEnd(start, MULTI_YEAR_MAX_MONTHS))
      out.push(problem('periodStart', 'report.problem.multiYear.tooLong'));
  }
  // ISO calendar days compare correctly as strings.
  if (start > agreement.start)
    out.push(problem('periodStart', 'report.problem.startsLate', { agreementStart: agreement.start, start }));
  if (end < agreement.end)
    out.push(problem('periodEnd', 'report.problem.endsEarly', { agreementEnd: agreement.end, end }));
  return out;
}

const URL_KEYS: Record<Exclude<MetaUrlProblem, 'special_characters'>, MessageKey> = {
  not_a_url: 'report.problem.url.notAUrl',
  not_https: 'report.problem.url.notHttps',
  wrong_host: 'report.problem.url.wrongHost',
  userinfo: 'report.problem.url.userinfo',
  port: 'report.problem.url.port',
  not_wiki_page: 'report.problem.url.notWikiPage',
};

/** Why a title with `|`, `#`, brackets and the like is refused, naming what was found. */
export function specialCharactersMessage(characters: string[], lang = 'en'): string {
  const vars = { characters: characters.join(' ') };
  const section = characters.includes('#') ? ` ${t(lang, 'report.problem.url.section')}` : '';
  return `${t(lang, 'report.problem.url.special', vars)}${section}`;
}

export function metaUrlProblems(metaUrl: string): FieldProblem[] {
  const checked = checkMetaUrl(metaUrl);
  if (checked.ok) return [];
  if (checked.problem === 'special_characters') {
    // Stryker disable next-line ArrayDeclaration: checkMetaUrl always names the characters of a special_characters problem
    const characters = checked.characters ?? [];
    return [
      {
        field: 'metaUrl',
        message: specialCharactersMessage(characters),
        key: 'report.problem.url.special',
        vars: { characters: characters.join(' ') },
      },
    ];
  }
  return [problem('metaUrl', URL_KEYS[checked.problem])];
}

/** A problem in the reader's language when the catalogue has it; as written otherwise. */
export function problemIn(lang: string, p: FieldProblem): string {
  if (!p.key) return p.message;
  if (p.key === 'report.problem.url.special')
    return specialCharactersMessage((p.vars?.characters ?? '').split(' ').filter(Boolean), lang);
  // Days written as the page writes them everywhere else ("1 July 2025").
  const vars = Object.fromEntries(
    Object.entries(p.vars ?? {}).map(([k, v]) => [
      k,
      isCalendarDay(v) ? formatDay(v, languageInfo(lang).locale) : v,
    ]),
  );
  return t(lang, p.key as MessageKey, vars);
}

/** Whether a report declares itself written in a language other than English. */
export const inOtherLanguage = (s: Pick<SubmissionInput, 'language'>) =>
  s.language !== undefined && s.language !== 'en' && !s.language.startsWith('en-');

/**
 * A report in another language is accepted with its language code and an English
 * version: the address of an English translation, or an English summary long enough to
 * be one (the same English and length rules as a report's text). Organizers see it
 * flagged. Source: WADP's report forms (report_lang_code, report_link_en).
 */
export function languageProblems(s: SubmissionInput): FieldProblem[] {
  if (!inOtherLanguage(s)) {
    if (s.englishUrl || s.englishSummary)
      return [problem('language', 'report.problem.english.languageMissing')];
    return [];
  }
  if (!s.englishUrl && !s.englishSummary)
    return [problem('englishUrl', 'report.problem.english.versionMissing', { language: s.language! })];
  if (s.englishSummary && !s.englishUrl) {
    const verdict = judgeEnglish(s.englishSummary);
    if (!verdict.ok)
      return [
        verdict.reason === 'too_short'
          ? problem('englishSummary', 'report.problem.english.summaryShort', {
              min: String(MIN_REPORT_CHARS),
              length: String(verdict.length),
            })
          : problem('englishSummary', 'report.problem.english.summaryNotEnglish'),
      ];
  }
  return [];
}

/**
 * A financial report's address: on meta-wiki it obeys the same address rules as an
 * activity report; elsewhere it is the organisation's own https site (the schema has
 * already refused anything but https without a user name).
 */
export function financialUrlProblems(url: string): FieldProblem[] {
  const host = new URL(url).hostname;
  if (host !== 'meta.wikimedia.org') return [];
  return metaUrlProblems(url).map((p) => ({ ...p, field: 'url' }));
}

/**
 * Every rule the submission breaks against the agreement it reports on (empty: all good):
 * the instant checks of what was sent.
 */
export function reportProblems(agreement: Agreement, s: SubmissionInput): FieldProblem[] {
  const period = periodProblems(agreement, s.periodStart, s.periodEnd, s.reportType);
  if (s.kind === 'financial') return [...period, ...financialUrlProblems(s.url), ...languageProblems(s)];
  // The report's own text is judged from its meta page when it is verified (verifyReport):
  // English and length, or only length for a report declared in another language.
  return [...period, ...metaUrlProblems(s.metaUrl), ...languageProblems(s)];
}

/** POST /admin/affiliates/{id}/reports/{reportId}/notes: free text and WADP's categories, at least one. */
export const staffNoteSchema = v.pipe(
  v.object({
    text: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'at most 2,000 characters'))),
    categories: v.optional(
      v.pipe(
        v.array(
          v.picklist(
            ['old_report', 'empty_report', 'incomplete_report'],
            'old_report, empty_report or incomplete_report',
          ),
        ),
        v.maxLength(3),
      ),
      [],
    ),
  }),
  // For the API document: text with something in it, or at least one category.
  v.metadata({
    anyOf: [
      { required: ['text'], properties: { text: { pattern: '\\S' } } },
      { required: ['categories'], properties: { categories: { minItems: 1 } } },
    ],
  }),
  v.check((n) => !!n.text || n.categories.length > 0, 'a note: text, categories, or both'),
);

/** POST /admin/affiliates/{id}/checklist: an organizer confirms one step by hand. */
export const confirmStepSchema = v.object({
  step: v.picklist(
    ['report_posted', 'financial_report_posted', 'group_page_updated', 'wikimedia_l_told'],
    'one of report_posted, financial_report_posted, group_page_updated, wikimedia_l_told',
  ),
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
