// Does meta-wiki show a report page as this affiliate's report, listed where reports
// are found? A pure decision on what the Action API told us, so the stored record, the
// HTTP reply and the email all say the same thing, and it is tested without a server.
//
//   tied   - the page is a subpage of the group's meta page (its title starts with
//            "<group page>/"), or the group's page links to it, or it links to the
//            group's page. Without this, any page listed on the Reports page would pass
//            for any affiliate's report.
//   listed - the Reports page or the group's page links to it.
//
//   text   - the page's text (when we have it) is a report in English of real length
//            (judgeEnglish): read from meta-wiki, or, while meta-wiki cannot be reached,
//            from the copy pasted in the form.
//
// Accepted when the page exists, is tied, is listed and its text passes. Otherwise
// `missing` names each thing the group still has to do, in the order it would do them.

import { judgeEnglish, type LanguageVerdict } from './language.ts';

export const MISSING_CODES = ['page_missing', 'not_listed', 'not_tied', 'not_english', 'too_short'] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

export type VerdictState = 'verified' | 'page_missing' | 'not_linked' | 'not_this_affiliate' | 'text_refused';

/** What meta-wiki says about the report page. Titles are in canonical form. */
export interface PageFacts {
  exists: boolean;
  /** The title after normalisation and redirects. */
  title: string;
  /** Pages that link to it. */
  linkedFrom: string[];
  /** Of the titles we asked about (the group's page), those it links to. */
  linksTo: string[];
  /** The page's wikitext, when it was asked for. */
  text?: string;
}

/** What the language and length check says of a text, as a missing code (none: it passes). */
export function textMissing(verdict: LanguageVerdict): MissingCode[] {
  if (verdict.ok) return [];
  return [verdict.reason === 'too_short' ? 'too_short' : 'not_english'];
}

/**
 * A report's text judged: English of real length; or, for a report declared in another
 * language (accepted with its English version, see rules.ts), real length only.
 */
export function judgeReportText(text: string, declaredOtherLanguage = false): MissingCode[] {
  const codes = textMissing(judgeEnglish(text));
  return declaredOtherLanguage ? codes.filter((c) => c === 'too_short') : codes;
}

export interface Verdict {
  state: VerdictState;
  missing: MissingCode[];
  linkedFromReportsPage: boolean;
  linkedFromGroupPage: boolean;
  subpageOfGroupPage: boolean;
  linksToGroupPage: boolean;
}

/** "A/B/C" is a subpage of "A" and of "A/B"; "AB" and "A/" are not subpages of "A". */
export function isSubpageOf(title: string, parent: string): boolean {
  return title.length > parent.length + 1 && title.startsWith(`${parent}/`);
}

export function judgeReportPage(
  page: PageFacts,
  pages: { reportsPage: string; groupPage: string | undefined },
  declaredOtherLanguage = false,
): Verdict {
  const group = pages.groupPage;
  const facts = {
    linkedFromReportsPage: page.exists && page.linkedFrom.includes(pages.reportsPage),
    linkedFromGroupPage: page.exists && !!group && page.linkedFrom.includes(group),
    subpageOfGroupPage: page.exists && !!group && isSubpageOf(page.title, group),
    linksToGroupPage: page.exists && !!group && page.linksTo.includes(group),
  };
  if (!page.exists) return { state: 'page_missing', missing: ['page_missing'], ...facts };
  const listed = facts.linkedFromReportsPage || facts.linkedFromGroupPage;
  const tied = facts.subpageOfGroupPage || facts.linkedFromGroupPage || facts.linksToGroupPage;
  const missing: MissingCode[] = [];
  if (!listed) missing.push('not_listed');
  if (!tied) missing.push('not_tied');
  const textCodes = page.text === undefined ? [] : judgeReportText(page.text, declaredOtherLanguage);
  missing.push(...textCodes);
  const state: VerdictState = !listed
    ? 'not_linked'
    : !tied
      ? 'not_this_affiliate'
      : textCodes.length
        ? 'text_refused'
        : 'verified';
  return { state, missing, ...facts };
}
