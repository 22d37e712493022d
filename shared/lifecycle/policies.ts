// The reporting policy of each kind of affiliate, in one place beside the offsets: what
// period a report covers, when it is due, which reports are required, when reminders go
// out and what happens once it is past due. The transition function, the notices, the
// report rules, GET /admin/policies and docs/lifecycle.md all read these declarations.
//
// Every rule names its source, so a reader can check it against Wikimedia's own process:
// the Affiliates Data Portal gadget (wikimedia/mediawiki-gadgets-WADP) and meta-wiki.

import type { AffiliateType, Agreement, CalendarDay } from '../affiliates/model.ts';
import { addDays, periodEnd } from '../dates.ts';
import { lifecycleOffsets as o } from './offsets.ts';

export type ReportKind = 'activity' | 'financial';
export const REPORT_KINDS: ReportKind[] = ['activity', 'financial'];

/** Where a rule comes from: the WADP file (or meta page) a reader can open to check it. */
export interface Sourced {
  rule: string;
  source: string;
}

export interface ReportingPolicy {
  type: AffiliateType;
  /** Incorporated user groups differ from the others in one thing: the financial report. */
  incorporated?: boolean;
  label: string;
  /** What one report covers: the 12-month agreement, or the organisation's fiscal year. */
  basis: 'agreement' | 'fiscal_year';
  /** When the report is due, counted from the last day of the period it covers. */
  due: { after: 'days'; days: number } | { after: 'months'; months: number };
  requiredReports: ReportKind[];
  /** Reminders to the contacts, this many days before the due date (earliest first). */
  remindersBeforeDue: number[];
  pastDue:
    | {
        kind: 'expiry_and_removal';
        expiryNoticeDaysAfterDue: number;
        finalReminderDaysAfterNotice: number;
        removalDaysAfterNotice: number;
        /** Wikimedia-l hears of the removal. */
        announced: true;
      }
    | {
        kind: 'escalation_and_suspension';
        pastDueNoticeDaysAfterDue: number;
        /** First, second and third reminder after the due date. */
        escalationDaysAfterDue: [number, number, number];
        /** Escalations after which the organizers are told too. */
        organizersToldAtDaysAfterDue: number[];
        /** The third escalation suspends: the automation stops and an organizer decides. */
        suspendedAtDaysAfterDue: number;
        announced: false;
      };
  sources: Sourced[];
}

const WADP_CHECKER = 'wikimedia/mediawiki-gadgets-WADP src/frontend/wadpOutOfComplianceChecker.js';
const WADP_LUA = 'wikimedia/mediawiki-gadgets-WADP src/backend/wadp.lua';
const WADP_ORG_FORM = 'wikimedia/mediawiki-gadgets-WADP src/frontend/wadpOrgInfoForm.js';

const userGroup: ReportingPolicy = {
  type: 'user_group',
  label: 'User group',
  basis: 'agreement',
  due: { after: 'days', days: 30 },
  requiredReports: ['activity'],
  remindersBeforeDue: [o.firstReminderDaysBeforeDue, o.secondReminderDaysBeforeDue],
  pastDue: {
    kind: 'expiry_and_removal',
    expiryNoticeDaysAfterDue: o.expiryNoticeDaysAfterDue,
    finalReminderDaysAfterNotice: o.finalReminderDaysAfterNotice,
    removalDaysAfterNotice: o.removalDaysAfterNotice,
    announced: true,
  },
  sources: [
    {
      rule: 'The report covers the whole 12-month agreement period.',
      source: `${WADP_CHECKER} (notices: "covering the entirety of the 12-month agreement period")`,
    },
    {
      rule: 'Due 30 days after the agreement anniversary.',
      source: `${WADP_LUA} ("add 30 days if no fiscal year is specified")`,
    },
    {
      rule: 'Reminder within 30 days before the due date.',
      source: `${WADP_CHECKER} (level 0 -> 1 for user groups: 0 to 30 days before the due date)`,
    },
    {
      rule: 'Past due: expiry notice; removal to Formerly Active 30 days later, Wikimedia-l told.',
      source:
        'meta: Wikimedia movement affiliates/Requirements (user group expiry), and the expiry notice in this project since issue 1',
    },
  ],
};

const financialSources: Sourced[] = [
  {
    rule: 'A financial report is required besides the activity report; an affiliate without one is not compliant ("No financial report").',
    source: `${WADP_CHECKER} (special case for chapters and thematic organisations; legal_entity user groups)`,
  },
];

const fiscalYearOrganisation = (
  type: 'chapter' | 'thematic_organization',
  label: string,
): ReportingPolicy => ({
  type,
  label,
  basis: 'fiscal_year',
  due: { after: 'months', months: 4 },
  requiredReports: ['activity', 'financial'],
  remindersBeforeDue: [120, 30, 7],
  pastDue: {
    kind: 'escalation_and_suspension',
    pastDueNoticeDaysAfterDue: 1,
    escalationDaysAfterDue: [30, 60, 90],
    organizersToldAtDaysAfterDue: [60, 90],
    suspendedAtDaysAfterDue: 90,
    announced: false,
  },
  sources: [
    {
      rule: 'Reports cover the fiscal year (fiscal_year_start/fiscal_year_end per affiliate).',
      source: `${WADP_ORG_FORM} (fiscal year fields); ${WADP_LUA} (fiscal year column)`,
    },
    {
      rule: 'Due no later than 4 months after the end of the fiscal year.',
      source: `meta: WADP talk-page notices and chapter agreements ("due no later than 4 months following the end of an organization's fiscal year", quoted in issue 15); ${WADP_LUA} ("+120 days for Chapters and ThOrgs")`,
    },
    {
      rule: 'First warning up to 120 days before the due date.',
      source: `${WADP_CHECKER} (level 0 -> 1 for chapters and thematic organisations: 0 to 120 days before)`,
    },
    {
      rule: 'Past due: a notice, then First/Second/Third Reminder at more than 30, 60 and 90 days after the due date; staff told at 60 and 90.',
      source: `${WADP_CHECKER} (levels 2 -> 3 -> 4 -> 5; emails to M&E staff at levels 4 and 5)`,
    },
    {
      rule: 'After the third reminder, staff take over (automatic checks bypassed); suspension and non-renewal are decisions by people, never automatic, never announced.',
      source: `${WADP_CHECKER} (level 5 sets me_bypass_ooc_autochecks); ${WADP_ORG_FORM} (recognition status suspended, set by staff)`,
    },
    ...financialSources,
  ],
});

export const POLICIES: Record<AffiliateType, ReportingPolicy> = {
  user_group: userGroup,
  chapter: fiscalYearOrganisation('chapter', 'Chapter'),
  thematic_organization: fiscalYearOrganisation('thematic_organization', 'Thematic organisation'),
};

/** An incorporated user group: the user-group policy, plus the financial report. */
const incorporatedUserGroup: ReportingPolicy = {
  ...userGroup,
  incorporated: true,
  label: 'User group (incorporated)',
  requiredReports: ['activity', 'financial'],
  sources: [...userGroup.sources, ...financialSources],
};

/** Every policy, for GET /admin/policies and the docs. */
export const ALL_POLICIES: ReportingPolicy[] = [
  POLICIES.user_group,
  incorporatedUserGroup,
  POLICIES.chapter,
  POLICIES.thematic_organization,
];

export function policyFor(a: { type: AffiliateType; incorporated?: boolean }): ReportingPolicy {
  if (a.type === 'user_group' && a.incorporated) return incorporatedUserGroup;
  return POLICIES[a.type];
}

// ---- dates ---------------------------------------------------------------------------

export const DEFAULT_FISCAL_YEAR_END = '12-31';

/** MM-DD of a real day in every year (29 February is refused: use 28 February). */
export function isFiscalYearEnd(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
}

/** The day a report covering `period` is due under `policy`. */
export function dueAfterPeriod(policy: ReportingPolicy, period: Agreement): CalendarDay {
  if (policy.due.after === 'days') return addDays(period.end, policy.due.days);
  // "4 months after" a 31 December year end is 30 April; after 30 June, 31 October: the
  // last day of the fourth month that follows.
  return periodEnd(addDays(period.end, 1), policy.due.months);
}

/** The first fiscal-year end (MM-DD) on or after `day`. */
function fiscalYearEndFrom(day: CalendarDay, fiscalYearEnd: string): CalendarDay {
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${fiscalYearEnd}`;
  return thisYear >= day ? thisYear : `${year + 1}-${fiscalYearEnd}`;
}

/**
 * The fiscal year a chapter or thematic organisation reports on next: the first one
 * ending on or after its agreement's start whose report is not yet past due on `today`
 * (registration starts with the next report, not with years gone by). The first year
 * starts no earlier than the agreement.
 */
export function fiscalPeriodFor(
  policy: ReportingPolicy,
  fiscalYearEnd: string,
  agreementStart: CalendarDay,
  today: CalendarDay,
): Agreement {
  let end = fiscalYearEndFrom(agreementStart, fiscalYearEnd);
  // Jump close to today first, so an agreement from decades ago costs no loop.
  const yearsBehind = Number(today.slice(0, 4)) - Number(end.slice(0, 4)) - 2;
  if (yearsBehind > 0) end = `${Number(end.slice(0, 4)) + yearsBehind}-${fiscalYearEnd}`;
  while (dueAfterPeriod(policy, { start: end, end }) < today)
    end = `${Number(end.slice(0, 4)) + 1}-${fiscalYearEnd}`;
  const yearStart = addDays(`${Number(end.slice(0, 4)) - 1}-${fiscalYearEnd}`, 1);
  return { start: yearStart > agreementStart ? yearStart : agreementStart, end };
}

/** The period a registration reports on: the agreement, or the fiscal year. */
export function reportingPeriodFor(
  input: { type: AffiliateType; incorporated?: boolean; fiscalYearEnd?: string; agreement: Agreement },
  today: CalendarDay,
): Agreement {
  const policy = policyFor(input);
  if (policy.basis === 'agreement') return input.agreement;
  return fiscalPeriodFor(
    policy,
    input.fiscalYearEnd ?? DEFAULT_FISCAL_YEAR_END,
    input.agreement.start,
    today,
  );
}

/**
 * Whether the reports accepted make `period` complete: every report the policy requires.
 * `accepted` lists "<period>" for activity reports (as stored since issue 1) and
 * "<period>#financial" for financial reports.
 */
export function missingReports(policy: ReportingPolicy, period: string, accepted: string[]): ReportKind[] {
  return policy.requiredReports.filter((kind) => !accepted.includes(acceptedKey(period, kind)));
}

export const acceptedKey = (period: string, kind: ReportKind) =>
  kind === 'activity' ? period : `${period}#${kind}`;

/** The policy as organizers read it (GET /admin/policies, the affiliate's detail). */
export function describePolicy(policy: ReportingPolicy) {
  const past = policy.pastDue;
  return {
    type: policy.type,
    ...(policy.incorporated ? { incorporated: true } : {}),
    label: policy.label,
    basis: policy.basis,
    ...(policy.basis === 'fiscal_year' ? { defaultFiscalYearEnd: DEFAULT_FISCAL_YEAR_END } : {}),
    due:
      policy.due.after === 'days'
        ? `${policy.due.days} days after the end of the agreement period`
        : `${policy.due.months} months after the end of the fiscal year`,
    requiredReports: policy.requiredReports,
    remindersBeforeDueDays: policy.remindersBeforeDue,
    pastDue:
      past.kind === 'expiry_and_removal'
        ? {
            kind: past.kind,
            expiryNoticeDaysAfterDue: past.expiryNoticeDaysAfterDue,
            finalReminderDaysAfterNotice: past.finalReminderDaysAfterNotice,
            removalDaysAfterNotice: past.removalDaysAfterNotice,
            wikimediaLTold: true,
          }
        : {
            kind: past.kind,
            pastDueNoticeDaysAfterDue: past.pastDueNoticeDaysAfterDue,
            escalationDaysAfterDue: past.escalationDaysAfterDue,
            organizersToldAtDaysAfterDue: past.organizersToldAtDaysAfterDue,
            suspendedAtDaysAfterDue: past.suspendedAtDaysAfterDue,
            wikimediaLTold: false,
            automaticRemoval: false,
          },
    sources: policy.sources,
  };
}
