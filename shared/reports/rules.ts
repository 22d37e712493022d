// The rules a submitted report must meet, as one pure function: every broken rule is
// reported at once, in plain words, so the affiliate can fix everything the same day.

import * as v from 'valibot';
import type { Agreement, CalendarDay } from '../affiliates/model.ts';
import type { FieldProblem } from '../errors.ts';
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

const isRealDay = (d: CalendarDay) => {
  const date = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
};

export function periodProblems(agreement: Agreement, start: CalendarDay, end: CalendarDay): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isRealDay(start)) out.push({ field: 'periodStart', message: `${start} is not a real date.` });
  if (!isRealDay(end)) out.push({ field: 'periodEnd', message: `${end} is not a real date.` });
  if (out.length) return out;
  if (end < start) out.push({ field: 'periodEnd', message: 'The period ends before it starts.' });
  // ISO calendar days compare correctly as strings.
  if (start > agreement.start)
    out.push({
      field: 'periodStart',
      message: `The report must cover the whole agreement period: it starts on ${agreement.start}, but the report starts on ${start}.`,
    });
  if (end < agreement.end)
    out.push({
      field: 'periodEnd',
      message: `The report must cover the whole agreement period: it ends on ${agreement.end}, but the report ends on ${end}.`,
    });
  return out;
}

const URL_MESSAGES: Record<Exclude<MetaUrlProblem, 'special_characters'>, string> = {
  not_a_url: 'The report address is not a web address.',
  not_https: 'The report address must start with https://.',
  wrong_host: 'The report must be posted on meta-wiki: the address must be on meta.wikimedia.org exactly.',
  userinfo: 'The report address must not contain a user name or password.',
  port: 'The report address must not name a port.',
  not_wiki_page:
    'The report address must be a meta-wiki page, like https://meta.wikimedia.org/wiki/Your_report.',
};

/** Why a title with `|`, `#`, brackets and the like is refused, naming what was found. */
export function specialCharactersMessage(characters: string[]): string {
  const section = characters.includes('#')
    ? ' A # points to a section of a page: give the address of the report page itself.'
    : '';
  return `The report page's title contains ${characters.join(' ')}, which meta-wiki reads as link, template or section syntax or does not allow in a title. Move the report to a title without them and send its new address.${section}`;
}

export function metaUrlProblems(metaUrl: string): FieldProblem[] {
  const checked = checkMetaUrl(metaUrl);
  if (checked.ok) return [];
  const message =
    checked.problem === 'special_characters'
      ? specialCharactersMessage(checked.characters ?? [])
      : URL_MESSAGES[checked.problem];
  return [{ field: 'metaUrl', message }];
}

export function textProblems(text: string): FieldProblem[] {
  const verdict = judgeEnglish(text);
  if (verdict.ok) return [];
  if (verdict.reason === 'too_short')
    return [
      {
        field: 'text',
        message: `The report text is too short to be a report: it needs at least ${MIN_REPORT_CHARS} characters of prose, and has ${verdict.length}.`,
      },
    ];
  return [
    { field: 'text', message: 'The report must be written in English; this text does not read as English.' },
  ];
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
