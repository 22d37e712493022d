// The reinstatement checklist: the three steps the expiry notice asks of a group.
//  1. report posted and linked   - an accepted report for the period (verified on
//                                   meta-wiki, or confirmed by an organizer);
//  2. group page updated         - meta-wiki shows the group page linking to the report
//                                   (checked through the API), or an organizer confirms;
//  3. Wikimedia-l told           - an organizer records that the group sent it, or, once
//                                   1 and 2 hold, the system sends the announcement itself
//                                   when the organizer reinstates (reinstateAffiliate).
// POST /admin/affiliates/{id}/reinstate refuses until all three hold.

import type { AffiliateView } from '../affiliates/model.ts';
import { periodKey } from '../affiliates/model.ts';
import { log } from '../log.ts';
import { MetaUnavailableError, pageLinks } from './meta-api.ts';
import { reportsPageUrl, titleOfPage } from './meta-url.ts';
import { affiliateOr404 } from './service.ts';
import {
  type ChecklistStep,
  type Confirmation,
  getChecklistRecord,
  listReports,
  type ReportRecord,
} from './store.ts';

export const CHECKLIST_STEPS: ChecklistStep[] = ['report_posted', 'group_page_updated', 'wikimedia_l_told'];

// A function, not a constant: the Reports page comes from the configuration.
const descriptions = (): Record<ChecklistStep, string> => ({
  report_posted: `The annual report is posted on meta-wiki as the group's own page (a subpage of its group page, or linked from or to it) and linked from the Reports page ${reportsPageUrl()} or the group page.`,
  group_page_updated: "The group's meta-wiki page is updated with links to its past reports.",
  wikimedia_l_told: 'Wikimedia-l is told that the group is back.',
});

export interface ChecklistItem {
  step: ChecklistStep;
  description: string;
  done: boolean;
  /** How it was satisfied. */
  how?: 'verified_on_meta' | 'confirmed_by_organizer' | 'group_sent_it' | 'system_sends_on_reinstatement';
  confirmation?: Confirmation;
  reportId?: string;
}

export interface Checklist {
  affiliateId: string;
  period: string;
  steps: ChecklistItem[];
  complete: boolean;
  /** Plain-word descriptions of the steps still open. */
  missing: string[];
}

export async function checklistFor(
  affiliateId: string,
  options: { affiliate?: AffiliateView; checkMeta?: boolean } = {},
): Promise<Checklist> {
  const affiliate = options.affiliate ?? (await affiliateOr404(affiliateId));
  const DESCRIPTIONS = descriptions();
  const period = periodKey(affiliate.agreement);
  const [reports, { confirmations }] = await Promise.all([
    listReports(affiliate.id),
    getChecklistRecord(affiliate.id, period),
  ]);
  const accepted = reports
    .filter((r) => r.period === period && r.status === 'accepted')
    .sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? ''))
    .at(-1);

  const posted: ChecklistItem = {
    step: 'report_posted',
    description: DESCRIPTIONS.report_posted,
    done: false,
  };
  if (accepted) {
    posted.done = true;
    posted.reportId = accepted.reportId;
    posted.how = accepted.verification.state === 'verified' ? 'verified_on_meta' : 'confirmed_by_organizer';
  } else if (confirmations.report_posted) {
    Object.assign(posted, {
      done: true,
      how: 'confirmed_by_organizer',
      confirmation: confirmations.report_posted,
    });
  }

  const group: ChecklistItem = {
    step: 'group_page_updated',
    description: DESCRIPTIONS.group_page_updated,
    done: false,
  };
  if (confirmations.group_page_updated) {
    Object.assign(group, {
      done: true,
      how: 'confirmed_by_organizer',
      confirmation: confirmations.group_page_updated,
    });
  } else if (accepted && (await groupPageLinks(affiliate, accepted, options.checkMeta ?? true))) {
    Object.assign(group, { done: true, how: 'verified_on_meta', reportId: accepted.reportId });
  }

  const told: ChecklistItem = {
    step: 'wikimedia_l_told',
    description: DESCRIPTIONS.wikimedia_l_told,
    done: false,
  };
  if (confirmations.wikimedia_l_told) {
    Object.assign(told, { done: true, how: 'group_sent_it', confirmation: confirmations.wikimedia_l_told });
  } else if (posted.done && group.done) {
    Object.assign(told, { done: true, how: 'system_sends_on_reinstatement' });
  }

  const steps = [posted, group, told];
  const missing = steps.filter((s) => !s.done).map((s) => s.description);
  return { affiliateId: affiliate.id, period, steps, complete: missing.length === 0, missing };
}

/** Does the group's page link to the report? Known from verification, else asked now. */
async function groupPageLinks(affiliate: AffiliateView, report: ReportRecord, checkMeta: boolean) {
  if (report.verification.linkedFromGroupPage) return true;
  const groupTitle = titleOfPage(affiliate.metaPage);
  if (!checkMeta || !groupTitle) return false;
  try {
    const links = await pageLinks(report.metaTitle);
    return links.linkedFrom.includes(groupTitle);
  } catch (error) {
    if (!(error instanceof MetaUnavailableError)) throw error;
    log.warn('meta-wiki unavailable while checking the group page', { affiliateId: affiliate.id });
    return false;
  }
}
