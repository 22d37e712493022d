// Reading affiliates: the view the rest of the system sees, the list by status and the
// detail with its timeline. Kept apart from the service so the public listing function
// bundles no mail, scheduler or secrets client.

import { type AffiliateStatus, type AffiliateView, periodKey } from '../affiliates/model.ts';
import { config } from '../config.ts';
import { describePolicy, missingReports, policyFor, type ReportKind } from './policies.ts';
import {
  type AffiliateRecord,
  affiliatesWithStatus,
  readAffiliate,
  readTimeline,
  type TimelineEntry,
} from './store.ts';
import {
  actionDay,
  actionsOf,
  dueDate,
  type LifecycleAction,
  nextAction,
  removalDate,
  removes,
} from './transition.ts';

const tz = () => config().timeZone;

export function toView(r: AffiliateRecord): AffiliateView {
  const next = nextAction(r, tz());
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    country: r.country,
    contactEmails: r.contactEmails,
    languages: r.languages,
    metaPage: r.metaPage,
    logoUrl: r.logoUrl,
    ...(r.contactWikiUsernames?.length ? { contactWikiUsernames: r.contactWikiUsernames } : {}),
    status: r.status,
    ...(r.incorporated !== undefined ? { incorporated: r.incorporated } : {}),
    ...(r.fiscalYearEnd !== undefined ? { fiscalYearEnd: r.fiscalYearEnd } : {}),
    agreement: r.agreement,
    ...(r.registeredAgreement ? { registeredAgreement: r.registeredAgreement } : {}),
    period: periodKey(r.agreement),
    ...(r.dueOn ? { deferredTo: r.dueOn } : {}),
    dueDate: dueDate(r),
    removalDate:
      removes(r) && (r.status === 'expired' || r.status === 'removal_held') ? removalDate(r) : undefined,
    holdReason: r.holdReason,
    paused: r.paused,
    pauseReason: r.pauseReason,
    formerlyActiveOn: r.formerlyActiveOn,
    nextDeadline: next ? { action: next.action, day: next.day, at: next.at.toISOString() } : undefined,
  };
}

export async function getAffiliate(id: string): Promise<AffiliateView | undefined> {
  const record = await readAffiliate(id);
  return record ? toView(record) : undefined;
}

/** One station of an agreement period's cycle, as the console draws it. */
export interface CycleStep {
  /** `due` is a day, not an action: it is past once the expiry notice has gone. */
  step: 'agreement_start' | 'due' | LifecycleAction;
  day: string;
  /** Already happened in this period. */
  done: boolean;
  /** The next automatic step (none while paused or waiting for a person). */
  next: boolean;
}

/**
 * The period's cycle: the agreement's start, then every timed step of the affiliate's
 * policy with its day (an organizer's removal day included) and the due date in its
 * place, done up to the last action taken.
 */
export function cycleOf(r: AffiliateRecord): CycleStep[] {
  const actions = actionsOf(r);
  const next = nextAction(r, tz());
  const doneUpTo = r.lastAction ? actions.indexOf(r.lastAction) : -1;
  const steps: CycleStep[] = actions.map((action, i) => ({
    step: action,
    day: actionDay(r, action),
    done: i <= doneUpTo,
    next: next?.action === action,
  }));
  const expire = actions.indexOf('expire');
  steps.splice(expire, 0, { step: 'due', day: dueDate(r), done: doneUpTo >= expire, next: false });
  return [{ step: 'agreement_start', day: r.agreement.start, done: true, next: false }, ...steps];
}

export async function getAffiliateWithTimeline(id: string): Promise<
  | (AffiliateView & {
      timeline: TimelineEntry[];
      owedNotices: string[];
      cycle: CycleStep[];
      policy: ReturnType<typeof describePolicy>;
      reports: { required: ReportKind[]; missing: ReportKind[] };
    })
  | undefined
> {
  const record = await readAffiliate(id);
  if (!record) return undefined;
  const policy = policyFor(record);
  return {
    ...toView(record),
    // The rules this affiliate is held to, and where the current period stands.
    policy: describePolicy(policy),
    reports: {
      required: policy.requiredReports,
      missing: missingReports(policy, periodKey(record.agreement), record.acceptedPeriods ?? []),
    },
    owedNotices: record.owed.map((n) => n.kind),
    cycle: cycleOf(record),
    timeline: await readTimeline(id),
  };
}

export const STATUSES: AffiliateStatus[] = [
  'active',
  'report_due',
  'expired',
  'removal_held',
  'reinstatement_review',
  'formerly_active',
  'suspended',
];

/**
 * Whether the group is on the public affiliates page: from registration until it is
 * moved to Formerly Active, and again only once an organizer reinstates it (a report
 * accepted meanwhile does not bring it back by itself).
 */
export const isListedPublicly = (a: Pick<AffiliateView, 'status' | 'formerlyActiveOn'>) =>
  a.status !== 'formerly_active' && !a.formerlyActiveOn;

export async function listAffiliates(statuses: AffiliateStatus[] = STATUSES): Promise<AffiliateView[]> {
  return (await listAffiliateRecords(statuses)).map(toView);
}

/** The organizers' list: each view with the notices it is owed (not for public pages). */
export async function listAffiliatesWithOwed(
  statuses: AffiliateStatus[] = STATUSES,
): Promise<(AffiliateView & { owedNotices: string[] })[]> {
  return (await listAffiliateRecords(statuses)).map((r) => ({
    ...toView(r),
    owedNotices: r.owed.map((n) => n.kind),
  }));
}

async function listAffiliateRecords(statuses: AffiliateStatus[]): Promise<AffiliateRecord[]> {
  const lists = await Promise.all(statuses.map((s) => affiliatesWithStatus(s)));
  return lists.flat().sort((a, b) => a.name.localeCompare(b.name));
}
