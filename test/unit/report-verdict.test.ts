// Whether a page on meta-wiki counts as this affiliate's report: it exists, is tied to
// the affiliate (subpage of its page, or linked from or to it) and is listed (linked
// from the Reports page or the affiliate's page); and what is missing when it does not.

import { describe, expect, it } from 'vitest';
import { isSubpageOf, judgeReportPage, type PageFacts } from '../../shared/reports/verdict.ts';
import { ENGLISH_REPORT, samples } from '../fixtures/language-samples.ts';

const REPORTS = 'Wikimedia Affiliates Data Portal/Reports';
const GROUP = 'Wikimedia Community User Group Pakistan';
const pages = { reportsPage: REPORTS, groupPage: GROUP };
const page = (facts: Partial<PageFacts>): PageFacts => ({
  exists: true,
  title: `${GROUP}/Reports/2026`,
  linkedFrom: [],
  linksTo: [],
  ...facts,
});

describe('subpages', () => {
  it('is a subpage only below the parent title and its slash', () => {
    expect(isSubpageOf(`${GROUP}/Reports/2026`, GROUP)).toBe(true);
    expect(isSubpageOf(`${GROUP} Karachi/Reports/2026`, GROUP)).toBe(false);
    expect(isSubpageOf(`${GROUP}/`, GROUP)).toBe(false);
    expect(isSubpageOf(GROUP, GROUP)).toBe(false);
    expect(isSubpageOf(`Talk:${GROUP}/Reports`, GROUP)).toBe(false);
  });
});

describe('judging a report page', () => {
  it('accepts a subpage of the group page linked from the Reports page', () => {
    expect(judgeReportPage(page({ linkedFrom: [REPORTS] }), pages)).toMatchObject({
      state: 'verified',
      missing: [],
      subpageOfGroupPage: true,
      linkedFromReportsPage: true,
    });
  });

  it('accepts a page elsewhere that the group page links to (tied and listed at once)', () => {
    const verdict = judgeReportPage(
      page({ title: 'Annual report 2026 (Pakistan)', linkedFrom: [GROUP] }),
      pages,
    );
    expect(verdict).toMatchObject({
      state: 'verified',
      linkedFromGroupPage: true,
      subpageOfGroupPage: false,
    });
  });

  it('accepts a page elsewhere that links to the group page and is on the Reports page', () => {
    const verdict = judgeReportPage(
      page({ title: 'Annual report 2026 (Pakistan)', linkedFrom: [REPORTS], linksTo: [GROUP] }),
      pages,
    );
    expect(verdict).toMatchObject({ state: 'verified', linksToGroupPage: true });
  });

  it('refuses a page on the Reports page that belongs to another affiliate', () => {
    const verdict = judgeReportPage(
      page({
        title: 'Wikimedia Bangladesh/Reports/2026',
        linkedFrom: [REPORTS],
        linksTo: ['Wikimedia Bangladesh'],
      }),
      pages,
    );
    expect(verdict).toMatchObject({ state: 'not_this_affiliate', missing: ['not_tied'] });
  });

  it('asks for the link when the page is the group subpage but nobody lists it', () => {
    expect(judgeReportPage(page({ linkedFrom: ['User:Someone/sandbox'] }), pages)).toMatchObject({
      state: 'not_linked',
      missing: ['not_listed'],
    });
  });

  it('names both when the page is neither tied nor listed', () => {
    expect(judgeReportPage(page({ title: 'Some report' }), pages)).toMatchObject({
      state: 'not_linked',
      missing: ['not_listed', 'not_tied'],
    });
  });

  it('says only that the page is missing when it does not exist, red links to it notwithstanding', () => {
    // Pages can link to a page that does not exist (a red link): that ties or lists nothing.
    const redLink = page({ exists: false, linkedFrom: [REPORTS, GROUP], linksTo: [GROUP] });
    expect(judgeReportPage(redLink, pages)).toEqual({
      state: 'page_missing',
      missing: ['page_missing'],
      linkedFromReportsPage: false,
      linkedFromGroupPage: false,
      subpageOfGroupPage: false,
      linksToGroupPage: false,
    });
  });

  it('refuses a listed subpage whose text is not English or too short to be a report', () => {
    const listed = { title: `${GROUP}/Reports/2026`, linkedFrom: [REPORTS] };
    const urdu = samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text;
    expect(judgeReportPage(page({ ...listed, text: urdu }), pages)).toMatchObject({
      state: 'text_refused',
      missing: ['not_english'],
    });
    expect(judgeReportPage(page({ ...listed, text: 'Report coming soon.' }), pages)).toMatchObject({
      state: 'text_refused',
      missing: ['too_short'],
    });
    expect(judgeReportPage(page({ ...listed, text: ENGLISH_REPORT }), pages)).toMatchObject({
      state: 'verified',
      missing: [],
    });
  });

  it('lists a text problem after the links still missing', () => {
    const roman = samples.find((s) => s.name.startsWith('Urdu in Latin'))!.text;
    expect(judgeReportPage(page({ title: 'Elsewhere', text: roman }), pages)).toMatchObject({
      state: 'not_linked',
      missing: ['not_listed', 'not_tied', 'not_english'],
    });
  });

  it('cannot tie a page to an affiliate with no meta page on record', () => {
    expect(
      judgeReportPage(page({ linkedFrom: [REPORTS] }), { reportsPage: REPORTS, groupPage: undefined }),
    ).toMatchObject({ state: 'not_this_affiliate', missing: ['not_tied'] });
  });
});
