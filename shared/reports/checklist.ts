// The reinstatement checklist: the three steps the expiry notice asks of a group.
//  1. report posted and linked   - an accepted report for the period (verified on
//                                   meta-wiki, or confirmed by an organizer);
//  2. group page updated         - meta-wiki shows the group page linking to the report
//                                   (checked through the API), or an organizer confirms;
//  3. Wikimedia-l told           - an organizer records that the group sent it, or, once
//                                   1 and 2 hold, the system sends the announcement itself
//                                   when the organizer reinstates (reinstateAffiliate).
// Where the policy requires a financial report (chapters, thematic organisations,
// incorporated user groups: shared/lifecycle/policies.ts) a fourth step asks for it, so
// the checklist says which report is missing; chapters and thematic organisations are
// never announced on Wikimedia-l, so their checklist has no such step.
// POST /admin/affiliates/{id}/reinstate refuses until all steps hold.

import type { AffiliateView } from '../affiliates/model.ts';
import { periodKey } from '../affiliates/model.ts';
import { policyFor } from '../lifecycle/policies.ts';
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

export const CHECKLIST_STEPS: ChecklistStep[] = [
  'report_posted',
  'financial_report_posted',
  'group_page_updated',
  'wikimedia_l_told',
];

// A function, not a constant: the Reports page comes from the configuration.
const descriptions = (): Record<ChecklistStep, string> => ({
  report_posted: `The annual report is posted on meta-wiki as the group's own page (a subpage of its group page, or linked from or to it) and linked from the Reports page ${reportsPageUrl()} or the group page.`,
  financial_report_posted:
    "The financial report for the period is submitted and accepted (on meta-wiki, or on the organization's own website and checked by an organizer).",
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
  const policy = policyFor(affiliate);
  const latestAccepted = (kind: 'activity' | 'financial') =>
    reports
      .filter((r) => r.period === period && r.status === 'accepted' && (r.reportKind ?? 'activity') === kind)
      .sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? ''))
      .at(-1);
  const accepted = latestAccepted('activity');

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

  const financialAccepted = latestAccepted('financial');
  const financial: ChecklistItem = {
    step: 'financial_report_posted',
    description: DESCRIPTIONS.financial_report_posted,
    done: false,
  };
  if (financialAccepted) {
    Object.assign(financial, {
      done: true,
      reportId: financialAccepted.reportId,
      how:
        financialAccepted.verification.state === 'verified' ? 'verified_on_meta' : 'confirmed_by_organizer',
    });
  } else if (confirmations.financial_report_posted) {
    Object.assign(financial, {
      done: true,
      how: 'confirmed_by_organizer',
      confirmation: confirmations.financial_report_posted,
    });
  }
  // The system announces the return only once every required report is in.
  if (
    told.how === 'system_sends_on_reinstatement' &&
    policy.requiredReports.includes('financial') &&
    !financial.done
  )
    Object.assign(told, { done: false, how: undefined });

  const steps = [
    posted,
    ...(policy.requiredReports.includes('financial') ? [financial] : []),
    group,
    ...(policy.pastDue.announced ? [told] : []),
  ];
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
