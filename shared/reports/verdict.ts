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
// Accepted when the page exists, is tied and is listed. Otherwise `missing` names each
// thing the group still has to do, in the order it would do them.

export type MissingCode = 'page_missing' | 'not_listed' | 'not_tied';

export type VerdictState = 'verified' | 'page_missing' | 'not_linked' | 'not_this_affiliate';

/** What meta-wiki says about the report page. Titles are in canonical form. */
export interface PageFacts {
  exists: boolean;
  /** The title after normalisation and redirects. */
  title: string;
  /** Pages that link to it. */
  linkedFrom: string[];
  /** Of the titles we asked about (the group's page), those it links to. */
  linksTo: string[];
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
  const state: VerdictState = !missing.length ? 'verified' : !listed ? 'not_linked' : 'not_this_affiliate';
  return { state, missing, ...facts };
}
