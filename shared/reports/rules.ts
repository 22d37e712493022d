// The rules a submitted report must meet, as one pure function: every broken rule is
// reported at once, in plain words, so the affiliate can fix everything the same day.

import * as v from 'valibot';
import type { Agreement, CalendarDay } from '../affiliates/model.ts';
import { formatDay, isCalendarDay } from '../dates.ts';
import type { FieldProblem } from '../errors.ts';
import { languageInfo, type MessageKey, t } from '../i18n/index.ts';
import { httpsUrl } from '../urls.ts';
import { judgeEnglish, MIN_REPORT_CHARS } from './language.ts';
import { checkMetaUrl, type MetaUrlProblem } from './meta-url.ts';

export const MAX_TEXT_BYTES = 200 * 1024;

const day = v.pipe(v.string(), v.trim(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-07-15'));

/** The body of POST /affiliates/{id}/reports, JSON or form. */
export const reportSubmissionSchema = v.object({
  periodStart: day,
  periodEnd: day,
  metaUrl: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'the address of the report on meta-wiki'),
    v.maxLength(2000),
  ),
  text: v.pipe(
    v.string(),
    // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 bytes by default
    v.check((s) => Buffer.byteLength(s, 'utf8') <= MAX_TEXT_BYTES, 'at most 200 KB of text'),
  ),
  financialReportUrl: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.transform((s) => (s === '' ? undefined : s)),
      v.optional(httpsUrl('an https:// web address (http:, javascript: and the like are refused)')),
    ),
  ),
});
export type ReportSubmission = v.InferOutput<typeof reportSubmissionSchema>;

/** Form posts also carry the personal link's token and the page language. */
export const reportFormSchema = v.object({
  ...reportSubmissionSchema.entries,
  token: v.optional(v.string()),
  lang: v.optional(v.string()),
});

/** A problem written from the catalogue: English here, the reader's language on the page. */
function problem(field: string, key: MessageKey, vars: Record<string, string> = {}): FieldProblem {
  return { field, message: t('en', key, vars), key, vars };
}

export function periodProblems(agreement: Agreement, start: CalendarDay, end: CalendarDay): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isCalendarDay(start)) out.push(problem('periodStart', 'report.problem.notRealDate', { day: start }));
  if (!isCalendarDay(end)) out.push(problem('periodEnd', 'report.problem.notRealDate', { day: end }));
  if (out.length) return out;
  if (end < start) out.push(problem('periodEnd', 'report.problem.endsBeforeStart'));
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

export function textProblems(text: string): FieldProblem[] {
  const verdict = judgeEnglish(text);
  if (verdict.ok) return [];
  if (verdict.reason === 'too_short')
    return [
      problem('text', 'report.problem.textShort', {
        min: String(MIN_REPORT_CHARS),
        length: String(verdict.length),
      }),
    ];
  return [problem('text', 'report.problem.notEnglish')];
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

/** Every rule the submission breaks against the agreement it reports on (empty: all good). */
export function reportProblems(agreement: Agreement, s: ReportSubmission): FieldProblem[] {
  return [
    ...periodProblems(agreement, s.periodStart, s.periodEnd),
    ...metaUrlProblems(s.metaUrl),
    ...textProblems(s.text),
  ];
}

/** POST /admin/affiliates/{id}/checklist: an organizer confirms one step by hand. */
export const confirmStepSchema = v.object({
  step: v.picklist(
    ['report_posted', 'group_page_updated', 'wikimedia_l_told'],
    'one of report_posted, group_page_updated, wikimedia_l_told',
  ),
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
