// The reporting-compliance lifecycle as a pure function: state + event + time -> new
// state + effects. No I/O here; shared/lifecycle/service.ts stores the result with a
// conditional write and carries out the effects.
//
// Time drives the lifecycle: a `tick` (a schedule firing, or the daily reconciliation)
// applies, in order, every action whose instant has passed. So a tick that arrives
// twice, late, early or out of order does the right thing: what is done is not done
// again, what is not yet due waits, and what was missed is caught up in order.

import {
  type AffiliateStatus,
  type AffiliateType,
  type Agreement,
  type CalendarDay,
  periodKey,
} from '../affiliates/model.ts';
import { addDays, dayIn, instantAt, periodEnd } from '../dates.ts';
import { lifecycleOffsets as o } from './offsets.ts';
import {
  acceptedKey,
  DEFAULT_FISCAL_YEAR_END,
  dueAfterPeriod,
  fiscalPeriodFor,
  missingReports,
  policyFor,
  type ReportKind,
} from './policies.ts';

/** The timed steps of one period of a user group (the seed's policy), in order. */
export const ACTIONS = ['first_reminder', 'second_reminder', 'expire', 'final_reminder', 'remove'] as const;
/** The timed steps of one fiscal year of a chapter or thematic organisation, in order. */
export const ESCALATION_ACTIONS = [
  'early_reminder',
  'first_reminder',
  'second_reminder',
  'expire',
  'escalation_1',
  'escalation_2',
  'escalation_3',
] as const;
export type LifecycleAction = (typeof ACTIONS)[number] | (typeof ESCALATION_ACTIONS)[number];
/** Every action name a schedule may carry. */
export const ALL_ACTIONS = [...new Set<LifecycleAction>([...ACTIONS, ...ESCALATION_ACTIONS])];

/** The steps the policy of this affiliate takes, in order. */
export const actionsOf = (s: Pick<LifecycleState, 'type' | 'incorporated'>): readonly LifecycleAction[] =>
  policyFor(s).pastDue.kind === 'expiry_and_removal' ? ACTIONS : ESCALATION_ACTIONS;

export type NoticeKind =
  | 'first_reminder'
  | 'second_reminder'
  | 'expiry_notice'
  /** The expiry notice when a report has arrived and is still being checked. */
  | 'expiry_report_pending'
  | 'final_reminder'
  | 'formerly_active'
  | 'formerly_active_announcement'
  | 'reinstated_announcement'
  /** Removal held because a report is pending: the contacts hear their report is being looked at. */
  | 'removal_held'
  /** ...and the organizers are asked to decide. */
  | 'removal_held_organizers'
  /** An organizer rejected a report, with the reason. */
  | 'report_rejected'
  /** An organizer set a new removal date, with the reason. */
  | 'removal_rescheduled'
  /** Chapters and thematic organisations: the reminders 120, 30 and 7 days before the due date. */
  | 'reports_due_reminder'
  /** Chapters and thematic organisations: the day after the due date (no removal follows). */
  | 'past_due_notice'
  /** First, second and third reminder after the due date (WADP levels 3, 4 and 5). */
  | 'escalation_1'
  | 'escalation_2'
  | 'escalation_3'
  /** The organizers hear of an escalation (+60, +90) and, at +90, that staff take over. */
  | 'escalation_organizers'
  /** An organizer deferred the due date, with the reason. */
  | 'deferral_granted';

export type Audience = 'contacts' | 'wikimedia_l' | 'organizers';

/** Why removal is held until an organizer decides. */
export type HoldReason = 'report_pending' | 'registered_past_removal';

/** A notice the lifecycle has decided to send and that is not yet sent to everyone. */
export interface OwedNotice {
  kind: NoticeKind;
  audience: Audience;
  /** The period the notice is about (its dates are computed from it). */
  period: string;
  /** When it became owed (ISO instant). */
  since: string;
  /** Tells apart notices of one kind that may repeat in a period (a report id, a new date). */
  ref?: string;
  /** Facts the text quotes that the record does not hold (an organizer's reason). */
  vars?: Record<string, string>;
}

/** One notice's identity: what the outbox key and "no longer owed" both use. */
export const noticeId = (n: Pick<OwedNotice, 'kind' | 'period' | 'ref'>) =>
  n.ref ? `${n.kind}#${n.period}#${n.ref}` : `${n.kind}#${n.period}`;

export interface LifecycleState {
  status: AffiliateStatus;
  type: AffiliateType;
  /** A user group registered as a legal entity (files a financial report too). */
  incorporated?: boolean;
  /** Chapters and thematic organisations: MM-DD, the last day of the fiscal year. */
  fiscalYearEnd?: string;
  /**
   * The current reporting period: for user groups the agreement, for chapters and
   * thematic organisations the fiscal year (their agreement is `registeredAgreement`).
   */
  agreement: Agreement;
  /** Fiscal-year affiliates: the agreement as an organizer registered it. */
  registeredAgreement?: Agreement;
  /** The due date an organizer granted for the current period (a deferral). */
  dueOn?: CalendarDay;
  paused: boolean;
  pauseReason?: string;
  /** The last timed action carried out in the current period. */
  lastAction?: LifecycleAction;
  /** The day the affiliate moved to Formerly Active. */
  formerlyActiveOn?: CalendarDay;
  /**
   * Reports accepted: "<period>" for an activity report, "<period>#financial" for a
   * financial report (policies.ts acceptedKey). A period is complete when every report
   * its policy requires is here.
   */
  acceptedPeriods: string[];
  owed: OwedNotice[];
  /** The removal day when an organizer set one; otherwise it follows from the agreement. */
  removalOn?: CalendarDay;
  /** Set while removal_held. */
  holdReason?: HoldReason;
  /**
   * Reports received for the current period that are neither accepted nor rejected. Read
   * from the report store at the moment of the event (never stored here), so a report that
   * arrived is always seen before a public step is taken.
   */
  pendingReports?: string[];
}

export type LifecycleEvent =
  /** A schedule fired, or reconciliation found work due. `period`, when given, must be current. */
  | { kind: 'tick'; period?: string; action?: string }
  | { kind: 'report_accepted'; period: string; reportId: string; reportKind?: ReportKind }
  | { kind: 'reinstate'; agreement?: Agreement }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume'; reason: string }
  /** An organizer rejected a report; `reason` is quoted to the contacts. */
  | { kind: 'report_rejected'; period: string; reportId: string; reason: string; reportUrl: string }
  /** An organizer set a new removal date (a later day), with a reason. */
  | { kind: 'set_removal_date'; day: CalendarDay; reason: string }
  /** An organizer granted a later due date for the current period, with a reason. */
  | { kind: 'defer'; day: CalendarDay; reason: string }
  /** The type, incorporation or fiscal year changed with the registration. */
  | {
      kind: 'agreement_changed';
      agreement: Agreement;
      profile?: Pick<LifecycleState, 'type' | 'incorporated' | 'fiscalYearEnd' | 'registeredAgreement'>;
    };

export interface TimelineEffect {
  type: 'timeline';
  what: string;
  why: string;
  data?: Record<string, unknown>;
}
export interface NoticeEffect {
  type: 'notice';
  notice: OwedNotice;
}
export type Effect = TimelineEffect | NoticeEffect;

export interface Outcome {
  state: LifecycleState;
  effects: Effect[];
  /** Why nothing changed (a duplicate, an event from another period...). */
  ignored?: string;
}

export interface TransitionContext {
  now: Date;
  timeZone: string;
}

// ---- dates of a period ----------------------------------------------------------

/**
 * What fixes the dates of a period: the type (and so the policy), the period, and the
 * days organizers set (a deferred due date, a later removal).
 */
export type Dated = Pick<LifecycleState, 'type' | 'incorporated' | 'agreement' | 'removalOn' | 'dueOn'>;

/** The report is due on this day: the policy's offset from the period's end, or a deferral. */
export const dueDate = (s: Dated): CalendarDay => s.dueOn ?? dueAfterPeriod(policyFor(s), s.agreement);

/** The day of the expiry notice: the first day the report is past due. */
export const noticeDate = (s: Dated) => addDays(dueDate(s), o.expiryNoticeDaysAfterDue);

/**
 * The day the name and logo leave the affiliates page: 30 days after the expiry notice,
 * or the day an organizer set (`removalOn`). Only policies that remove have one.
 */
export const removalDate = (s: Dated) => s.removalOn ?? addDays(noticeDate(s), o.removalDaysAfterNotice);

/** Whether this affiliate's policy ever removes it (user groups) or suspends instead. */
export const removes = (s: Pick<LifecycleState, 'type' | 'incorporated'>) =>
  policyFor(s).pastDue.kind === 'expiry_and_removal';

export function actionDay(s: Dated, action: LifecycleAction): CalendarDay {
  const policy = policyFor(s);
  const due = dueDate(s);
  const before = policy.remindersBeforeDue;
  if (policy.pastDue.kind === 'escalation_and_suspension') {
    const [e1, e2, e3] = policy.pastDue.escalationDaysAfterDue;
    // Stryker disable next-line ConditionalExpression: user-group actions never reach this branch
    switch (action) {
      case 'early_reminder':
        return addDays(due, -before[0]!);
      case 'first_reminder':
        return addDays(due, -before[1]!);
      case 'second_reminder':
        return addDays(due, -before[2]!);
      case 'expire':
        return addDays(due, policy.pastDue.pastDueNoticeDaysAfterDue);
      case 'escalation_1':
        return addDays(due, e1);
      case 'escalation_2':
        return addDays(due, e2);
      default:
        return addDays(due, e3);
    }
  }
  const removal = removalDate(s);
  switch (action) {
    case 'first_reminder':
      return addDays(due, -before[0]!);
    case 'second_reminder':
      return addDays(due, -before[1]!);
    case 'expire':
      return noticeDate(s);
    case 'final_reminder':
      // A week before removal (notice + 23 of 30), also when an organizer moved the removal.
      return addDays(removal, o.finalReminderDaysAfterNotice - o.removalDaysAfterNotice);
    default:
      return removal;
  }
}

export const actionInstant = (s: Dated, action: LifecycleAction, timeZone: string) =>
  instantAt(actionDay(s, action), o.localHour, timeZone);

/** The period that follows `agreement`: the next 12 months from the day after it ends. */
export function nextAgreement(agreement: Agreement): Agreement {
  const start = addDays(agreement.end, 1);
  return { start, end: periodEnd(start, o.agreementMonths) };
}

export function newAgreementFrom(start: CalendarDay): Agreement {
  return { start, end: periodEnd(start, o.agreementMonths) };
}

/** The next timed action and when it is due, or undefined when nothing is pending. */
export function nextAction(
  state: LifecycleState,
  timeZone: string,
): { action: LifecycleAction; day: CalendarDay; at: Date } | undefined {
  if (state.paused) return undefined;
  if (!TIMED_STATUSES.includes(state.status)) return undefined;
  const actions = actionsOf(state);
  const index = state.lastAction ? actions.indexOf(state.lastAction) + 1 : 0;
  const action = actions[index];
  // Stryker disable next-line ConditionalExpression: only 'remove' is last, and it leaves a status the calendar does not move
  if (!action) return undefined;
  return { action, day: actionDay(state, action), at: actionInstant(state, action, timeZone) };
}

/** Statuses in which the calendar moves the affiliate on; in the others people decide. */
const TIMED_STATUSES: AffiliateStatus[] = ['active', 'report_due', 'expired'];

// ---- the transition ---------------------------------------------------------------

const STATUS_AFTER: Record<LifecycleAction, AffiliateStatus> = {
  early_reminder: 'report_due',
  first_reminder: 'report_due',
  second_reminder: 'report_due',
  expire: 'expired',
  final_reminder: 'expired',
  remove: 'formerly_active',
  escalation_1: 'expired',
  escalation_2: 'expired',
  escalation_3: 'suspended',
};

/**
 * Reminders that would arrive after the next step is already due are not sent. The
 * expiry notice, the removal and the last escalation (organizers told, suspension) are
 * always carried out.
 */
const SKIPPABLE: LifecycleAction[] = [
  'early_reminder',
  'first_reminder',
  'second_reminder',
  'final_reminder',
  'escalation_1',
  'escalation_2',
];

/** Reminders say "send us your report": pointless, and misleading, once one has arrived. */
const REMINDERS: NoticeKind[] = [
  'first_reminder',
  'second_reminder',
  'final_reminder',
  'reports_due_reminder',
  'escalation_1',
  'escalation_2',
  'escalation_3',
];

/** The step after `action` in this affiliate's sequence, if any. */
function followingAction(s: LifecycleState, action: LifecycleAction): LifecycleAction | undefined {
  const actions = actionsOf(s);
  return actions[actions.indexOf(action) + 1];
}

const ignore = (state: LifecycleState, why: string): Outcome => ({ state, effects: [], ignored: why });

export function transition(state: LifecycleState, event: LifecycleEvent, ctx: TransitionContext): Outcome {
  switch (event.kind) {
    case 'tick':
      return tick(state, event, ctx);
    case 'report_accepted':
      return reportAccepted(state, event);
    case 'report_rejected':
      return reportRejected(state, event, ctx);
    case 'set_removal_date':
      return setRemovalDate(state, event, ctx);
    case 'defer':
      return defer(state, event, ctx);
    case 'reinstate':
      return reinstate(state, event, ctx);
    case 'pause':
      if (state.paused) return ignore(state, 'already_paused');
      return {
        state: { ...state, paused: true, pauseReason: event.reason },
        effects: [{ type: 'timeline', what: 'Automation paused', why: event.reason }],
      };
    case 'resume':
      if (!state.paused) return ignore(state, 'not_paused');
      return {
        state: { ...state, paused: false, pauseReason: undefined },
        effects: [{ type: 'timeline', what: 'Automation resumed', why: event.reason }],
      };
    case 'agreement_changed':
      return agreementChanged(state, event, ctx);
  }
}

function tick(state: LifecycleState, event: { period?: string }, ctx: TransitionContext): Outcome {
  if (event.period !== undefined && event.period !== periodKey(state.agreement))
    return ignore(state, 'other_period');
  if (state.paused) return ignore(state, 'paused');
  let next = state;
  const effects: Effect[] = [];
  for (;;) {
    const due = nextAction(next, ctx.timeZone);
    if (!due || due.at > ctx.now) break;
    const following = SKIPPABLE.includes(due.action) ? followingAction(next, due.action) : undefined;
    const superseded = following !== undefined && actionInstant(next, following, ctx.timeZone) <= ctx.now;
    const result =
      due.action === 'remove' && next.pendingReports?.length
        ? holdRemoval(next, 'report_pending', ctx)
        : applyAction(next, due.action, due.day, superseded, ctx);
    next = result.state;
    effects.push(...result.effects);
  }
  if (next === state) return ignore(state, 'nothing_due');
  return { state: next, effects };
}

/** The facts a public step rests on, recorded with it on the timeline. */
function factsOf(state: LifecycleState) {
  const period = periodKey(state.agreement);
  const missing = missingReports(policyFor(state), period, state.acceptedPeriods);
  return {
    period,
    dueDate: dueDate(state),
    expiryNoticeDate: noticeDate(state),
    ...(removes(state) ? { removalDate: removalDate(state) } : {}),
    reportAccepted: missing.length === 0,
    ...(policyFor(state).requiredReports.length > 1 ? { reportsMissing: missing } : {}),
    reportsPending: state.pendingReports?.length ?? 0,
  };
}

/** Whether every report this period requires has been accepted. */
export const periodComplete = (
  s: Pick<LifecycleState, 'type' | 'incorporated' | 'agreement' | 'acceptedPeriods'>,
) => missingReports(policyFor(s), periodKey(s.agreement), s.acceptedPeriods).length === 0;

function applyAction(
  state: LifecycleState,
  action: LifecycleAction,
  day: CalendarDay,
  superseded: boolean,
  ctx: TransitionContext,
): Outcome {
  const period = periodKey(state.agreement);
  const status = STATUS_AFTER[action];
  const since = ctx.now.toISOString();
  const pending = state.pendingReports?.length ?? 0;
  // Once an organizer moved the removal date, the final reminder and the removal notices
  // belong to that date: they are told apart from the ones of the first date.
  const removalRef =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: removalOn is only ever set once expired, so only these two actions can follow it
    state.removalOn && (action === 'final_reminder' || action === 'remove') ? state.removalOn : undefined;
  // After a deferral every later notice belongs to the new due date, so a reminder sent
  // before it is sent again on its new day (the outbox would otherwise hold it back).
  const deferralRef = state.dueOn ? `due-${state.dueOn}` : undefined;
  const refOf = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('@') || undefined;
  const ref = refOf(deferralRef, removalRef);
  const notices: OwedNotice[] = [];
  const contacts = (kind: NoticeKind, own?: string) => {
    const r = refOf(own, ref);
    notices.push({ kind, audience: 'contacts', period, since, ...(r ? { ref: r } : {}) });
  };
  const skipped: string[] = [];
  const remind = (kind: NoticeKind, own?: string) => {
    if (superseded) skipped.push('the next step was already due');
    else if (pending) skipped.push('a report for this period has arrived and is being checked');
    else contacts(kind, own);
  };
  let what: string;
  let why: string;
  const due = dueDate(state);
  const escalating = !removes(state);
  const finish = (): Outcome => {
    const note = skipped.length ? ` Reminder not sent: ${skipped[0]}.` : '';
    const effects: Effect[] = [
      {
        type: 'timeline',
        what,
        why: `${why}${note}`,
        data: {
          action,
          day,
          status,
          ...(action === 'remove' || action === 'escalation_3' ? { facts: factsOf(state) } : {}),
        },
      },
      ...notices.map((notice): Effect => ({ type: 'notice', notice })),
    ];
    return {
      state: {
        ...state,
        status,
        lastAction: action,
        formerlyActiveOn: action === 'remove' ? dayIn(ctx.now, ctx.timeZone) : state.formerlyActiveOn,
        owed: [...state.owed, ...notices],
      },
      effects,
    };
  };
  const policy = policyFor(state);
  const missing = missingReports(policy, period, state.acceptedPeriods).join(' and ');
  const organizers = (kind: NoticeKind) =>
    notices.push({ kind, audience: 'organizers', period, since, ref: refOf(action, deferralRef)! });
  // Chapters and thematic organisations: their own words (fiscal year, both reports, no
  // removal), one notice kind for the three reminders before the due date.
  if (
    escalating &&
    (action === 'early_reminder' || action === 'first_reminder' || action === 'second_reminder')
  ) {
    const days =
      policy.remindersBeforeDue[['early_reminder', 'first_reminder', 'second_reminder'].indexOf(action)];
    what = `Reports due in ${days} days: reminder`;
    why = `The ${missing} report(s) for ${period} are due on ${due}.`;
    remind('reports_due_reminder', action);
    return finish();
  }
  switch (action) {
    case 'escalation_1':
    case 'escalation_2':
    case 'escalation_3': {
      const n = action.slice(-1);
      what =
        action === 'escalation_3'
          ? 'Third reminder: suspended, organizers take over'
          : `${n === '1' ? 'First' : 'Second'} reminder after the due date`;
      why = `The reports for ${period} were due on ${due}; missing: ${missing}.`;
      if (action === 'escalation_3') {
        // Suspension is a decision staff carry out, never a public step: the contacts get
        // the third reminder, the organizers are asked to take over.
        contacts(action);
        why += ' The automation stops here; only an organizer moves the affiliate on.';
      } else remind(action);
      if (policy.pastDue.kind === 'escalation_and_suspension') {
        const after = policy.pastDue.escalationDaysAfterDue[Number(n) - 1]!;
        if (policy.pastDue.organizersToldAtDaysAfterDue.includes(after)) organizers('escalation_organizers');
      }
      break;
    }
    case 'first_reminder':
      what = 'Report due soon: first reminder';
      why = `The annual report for ${period} is due on ${due}.`;
      remind('first_reminder');
      break;
    case 'second_reminder':
      what = 'Second reminder';
      why = `The annual report for ${period} is due on ${due}.`;
      remind('second_reminder');
      break;
    case 'expire':
      if (escalating) {
        what = 'Reports past due';
        why = `Not every report for ${period} was accepted by its due date ${due} (missing: ${missing}).${pending ? ` ${pending} report(s) received and still being checked.` : ''}`;
        contacts('past_due_notice');
        break;
      }
      what = 'Agreement expired: report past due';
      why = pending
        ? `No accepted report for ${period} by its due date ${due}; ${pending} report(s) received and still being checked.`
        : `No accepted report for ${period} by its due date ${due}.`;
      contacts(pending ? 'expiry_report_pending' : 'expiry_notice');
      break;
    case 'final_reminder':
      what = 'Final reminder before removal';
      why = `Removal to Formerly Active is set for ${removalDate(state)}.`;
      remind('final_reminder');
      break;
    case 'remove':
      what = 'Moved to Formerly Active Affiliates';
      why = state.removalOn
        ? `No accepted report for ${period} by ${state.removalOn}, the removal date an organizer set.`
        : `No accepted report for ${period} within ${o.removalDaysAfterNotice} days of the expiry notice.`;
      contacts('formerly_active');
      notices.push({
        kind: 'formerly_active_announcement',
        audience: 'wikimedia_l',
        period,
        since,
        ...(ref ? { ref } : {}),
      });
      break;
  }
  return finish();
}

/**
 * The removal date has come but people must decide first: nothing public happens, the
 * organizers are asked at once and (for a pending report) the contacts hear that their
 * report is being looked at.
 */
function holdRemoval(state: LifecycleState, reason: HoldReason, ctx: TransitionContext): Outcome {
  const period = periodKey(state.agreement);
  const since = ctx.now.toISOString();
  const ref = [state.dueOn && `due-${state.dueOn}`, state.removalOn].filter(Boolean).join('@') || undefined;
  const notices: OwedNotice[] =
    reason === 'report_pending'
      ? [
          { kind: 'removal_held', audience: 'contacts', period, since, ...(ref ? { ref } : {}) },
          { kind: 'removal_held_organizers', audience: 'organizers', period, since, ...(ref ? { ref } : {}) },
        ]
      : [];
  const why =
    reason === 'report_pending'
      ? // Stryker disable next-line OptionalChaining: a removal is held for a pending report only when pendingReports has one
        `The removal date ${removalDate(state)} has come, but ${state.pendingReports?.length ?? 0} report(s) for ${period} are still being checked. Nothing is announced; an organizer accepts or rejects the report, or sets a new date.`
      : `Registered after its removal date ${removalDate(state)} had passed. The registration removes or announces nothing; an organizer accepts a report or sets a removal date.`;
  return {
    state: {
      ...state,
      status: 'removal_held',
      holdReason: reason,
      // Stryker disable next-line StringLiteral: removal_held is not a timed status, and every way out of it sets lastAction anew
      lastAction: 'final_reminder',
      owed: [...state.owed, ...notices],
    },
    effects: [
      {
        type: 'timeline',
        what: 'Removal held: an organizer decides',
        why,
        data: { reason, facts: factsOf(state) },
      },
      ...notices.map((notice): Effect => ({ type: 'notice', notice })),
    ],
  };
}

function reportAccepted(
  state: LifecycleState,
  event: { period: string; reportId: string; reportKind?: ReportKind },
): Outcome {
  const kind = event.reportKind ?? 'activity';
  const key = acceptedKey(event.period, kind);
  if (state.acceptedPeriods.includes(key)) return ignore(state, 'duplicate');
  const current = periodKey(state.agreement);
  if (event.period !== current) return ignore(state, 'other_period');
  const policy = policyFor(state);
  if (!policy.requiredReports.includes(kind)) return ignore(state, 'not_required');
  const acceptedPeriods = [...state.acceptedPeriods, key];
  const pendingReports = state.pendingReports?.filter((id) => id !== event.reportId);
  // The timeline of an affiliate with one required report reads as it always has.
  const data = {
    period: event.period,
    reportId: event.reportId,
    ...(policy.requiredReports.length > 1 ? { reportKind: kind } : {}),
  };
  const stillMissing = missingReports(policy, current, acceptedPeriods);
  if (stillMissing.length) {
    // One of two reports: recorded, and nothing else changes. Reminders keep going and
    // say which report is still missing.
    return {
      state: { ...state, acceptedPeriods, pendingReports },
      effects: [
        {
          type: 'timeline',
          what: `${kind === 'financial' ? 'Financial' : 'Activity'} report accepted`,
          why: `Still missing for ${current}: the ${stillMissing.join(' and ')} report.`,
          data: { ...data, missing: stillMissing },
        },
      ],
    };
  }
  // Reminders still owed for this period are moot once its reports are accepted.
  const owed = state.owed.filter((n) => n.period !== current || !REMINDERS.includes(n.kind));
  const escalating = !removes(state);
  // Chapters and thematic organisations return to compliance by themselves once both
  // reports are accepted, also past due (WADP levels 2-4 fall back to 0); only a
  // suspension needs an organizer.
  if (
    state.status === 'active' ||
    state.status === 'report_due' ||
    (escalating && state.status === 'expired')
  ) {
    const renewed = nextAgreement(state.agreement);
    return {
      state: {
        ...state,
        status: 'active',
        agreement: renewed,
        lastAction: undefined,
        removalOn: undefined,
        dueOn: undefined,
        acceptedPeriods,
        owed,
        pendingReports: [],
      },
      effects: [
        {
          type: 'timeline',
          what: escalating ? 'Reports accepted: next fiscal year' : 'Report accepted: agreement renewed',
          why: escalating
            ? `The reports for ${current} were accepted; the next period runs ${renewed.start} to ${renewed.end}, due ${dueDate({ ...state, agreement: renewed, dueOn: undefined })}.`
            : `The report for ${current} was accepted before its due date; the next agreement runs ${renewed.start} to ${renewed.end}.`,
          data: { ...data, agreement: renewed },
        },
      ],
    };
  }
  if (state.status === 'suspended') {
    return {
      state: { ...state, status: 'reinstatement_review', acceptedPeriods, owed, pendingReports },
      effects: [
        {
          type: 'timeline',
          what: 'Reports accepted: reinstatement review',
          why: `The reports for ${current} were accepted while suspended; an organizer lifts the suspension by reinstating.`,
          data,
        },
      ],
    };
  }
  if (state.status === 'expired' || state.status === 'removal_held' || state.status === 'formerly_active') {
    const removal = removalDate(state);
    return {
      state: {
        ...state,
        status: 'reinstatement_review',
        holdReason: undefined,
        acceptedPeriods,
        owed,
        pendingReports,
      },
      effects: [
        {
          type: 'timeline',
          what: 'Report accepted: reinstatement review',
          why:
            state.status === 'formerly_active'
              ? `The report for ${current} was accepted after the move to Formerly Active; the group stays on that list until an organizer reinstates it.`
              : `The report for ${current} was accepted after its due date; the removal set for ${removal} is cancelled.`,
          data,
        },
      ],
    };
  }
  return ignore(state, 'in_review');
}

function reportRejected(
  state: LifecycleState,
  event: { period: string; reportId: string; reason: string; reportUrl: string },
  ctx: TransitionContext,
): Outcome {
  const period = periodKey(state.agreement);
  const pendingReports = (state.pendingReports ?? []).filter((id) => id !== event.reportId);
  const notice: OwedNotice = {
    kind: 'report_rejected',
    audience: 'contacts',
    period: event.period,
    since: ctx.now.toISOString(),
    // A report can be corrected, resubmitted and rejected again: each rejection is its own email.
    ref: `${event.reportId}@${ctx.now.toISOString()}`,
    vars: { reason: event.reason, reportUrl: event.reportUrl },
  };
  let next: LifecycleState = { ...state, pendingReports, owed: [...state.owed, notice] };
  let why = `An organizer rejected the report ${event.reportUrl}: ${event.reason}`;
  // The last pending report of a held removal is rejected: the removal is set again, a
  // few days on, so the group can still put it right before anything is announced.
  if (state.status === 'removal_held' && event.period === period && !pendingReports.length) {
    const day = addDays(dayIn(ctx.now, ctx.timeZone), o.removalDaysAfterRejection);
    next = { ...next, status: 'expired', holdReason: undefined, removalOn: day };
    // Stryker disable next-line StringLiteral: 14 days on, the final reminder a week before the removal is always still ahead
    next.lastAction = finalReminderStillAhead(next, ctx) ? 'expire' : 'final_reminder';
    why += ` Removal is now set for ${day}.`;
  }
  return {
    state: next,
    effects: [
      { type: 'timeline', what: 'Report rejected', why, data: { ...event, removalOn: next.removalOn } },
      { type: 'notice', notice },
    ],
  };
}

/** After a new removal date, a final reminder is sent again when the date leaves room for it. */
const finalReminderStillAhead = (s: LifecycleState, ctx: TransitionContext) =>
  actionInstant(s, 'final_reminder', ctx.timeZone) > ctx.now;

function setRemovalDate(
  state: LifecycleState,
  event: { day: CalendarDay; reason: string },
  ctx: TransitionContext,
): Outcome {
  if (!removes(state)) return ignore(state, 'no_removal');
  if (state.status !== 'expired' && state.status !== 'removal_held') return ignore(state, 'not_expired');
  const today = dayIn(ctx.now, ctx.timeZone);
  if (event.day <= today) return ignore(state, 'not_in_future');
  const moved: LifecycleState = { ...state, removalOn: event.day };
  const lastAction: LifecycleAction = finalReminderStillAhead(moved, ctx) ? 'expire' : 'final_reminder';
  const notice: OwedNotice = {
    kind: 'removal_rescheduled',
    audience: 'contacts',
    period: periodKey(state.agreement),
    since: ctx.now.toISOString(),
    ref: event.day,
    vars: { reason: event.reason },
  };
  return {
    state: {
      ...moved,
      status: 'expired',
      holdReason: undefined,
      lastAction,
      owed: [...state.owed, notice],
    },
    effects: [
      {
        type: 'timeline',
        what: 'Removal date set',
        why: `${event.reason} (removal now on ${event.day}; before: ${removalDate(state)}).`,
        data: { removalOn: event.day, previous: removalDate(state) },
      },
      { type: 'notice', notice },
    ],
  };
}

/** Statuses in which an organizer may grant a later due date. */
const DEFERRABLE: AffiliateStatus[] = ['active', 'report_due', 'expired', 'removal_held', 'suspended'];

/**
 * An organizer grants a later due date for the current period (WADP's "deferred"
 * recognition status, src/backend/wadp.lua). Every later step is counted from the new
 * date: steps whose new day is still ahead happen again on it (the reminders too), steps
 * whose new day has passed are recorded as passed without sending anything, and a
 * removal date an organizer set earlier gives way to the one that follows from it.
 */
function defer(
  state: LifecycleState,
  event: { day: CalendarDay; reason: string },
  ctx: TransitionContext,
): Outcome {
  if (!DEFERRABLE.includes(state.status)) return ignore(state, 'not_deferrable');
  const today = dayIn(ctx.now, ctx.timeZone);
  const before = dueDate(state);
  if (event.day <= today || event.day <= before) return ignore(state, 'not_later');
  let next: LifecycleState = {
    ...state,
    status: 'active',
    dueOn: event.day,
    removalOn: undefined,
    holdReason: undefined,
    lastAction: undefined,
  };
  // Place the period on its new calendar: what is already past stays past, silently.
  for (;;) {
    const due = nextAction(next, ctx.timeZone);
    if (!due || due.at > ctx.now) break;
    next = { ...next, status: STATUS_AFTER[due.action], lastAction: due.action };
  }
  const period = periodKey(state.agreement);
  const notice: OwedNotice = {
    kind: 'deferral_granted',
    audience: 'contacts',
    period,
    since: ctx.now.toISOString(),
    ref: event.day,
    vars: { reason: event.reason },
  };
  return {
    state: { ...next, owed: [...state.owed, notice] },
    effects: [
      {
        type: 'timeline',
        what: 'Due date deferred',
        why: `${event.reason} (reports for ${period} now due on ${event.day}; before: ${before}).`,
        data: { dueOn: event.day, previous: before, status: next.status },
      },
      { type: 'notice', notice },
    ],
  };
}

function reinstate(state: LifecycleState, event: { agreement?: Agreement }, ctx: TransitionContext): Outcome {
  if (state.status !== 'reinstatement_review') return ignore(state, 'not_in_review');
  const today = dayIn(ctx.now, ctx.timeZone);
  const policy = policyFor(state);
  // A chapter or thematic organisation goes on with its next fiscal year; a user group
  // gets a new agreement (default: 12 months from today).
  const agreement =
    event.agreement ??
    (policy.basis === 'fiscal_year'
      ? fiscalPeriodFor(
          policy,
          state.fiscalYearEnd ?? DEFAULT_FISCAL_YEAR_END,
          addDays(state.agreement.end, 1),
          today,
        )
      : newAgreementFrom(today));
  // Only user groups are announced on Wikimedia-l (their removal was announced there).
  const notice: OwedNotice | undefined = policy.pastDue.announced
    ? {
        kind: 'reinstated_announcement',
        audience: 'wikimedia_l',
        period: periodKey(agreement),
        since: ctx.now.toISOString(),
      }
    : undefined;
  const placed = startInPresent(
    {
      ...state,
      status: 'active',
      agreement,
      lastAction: undefined,
      removalOn: undefined,
      dueOn: undefined,
      holdReason: undefined,
      formerlyActiveOn: undefined,
      owed: notice ? [...state.owed, notice] : state.owed,
    },
    ctx,
  );
  return {
    state: placed.state,
    effects: [
      {
        type: 'timeline',
        what: 'Reinstated',
        why: `Reinstatement review passed; the new ${policy.basis === 'fiscal_year' ? 'period' : 'agreement'} runs ${agreement.start} to ${agreement.end}.`,
        data: { agreement },
      },
      ...(notice ? [{ type: 'notice', notice } as Effect] : []),
      ...placed.effects,
    ],
  };
}

function agreementChanged(
  state: LifecycleState,
  event: {
    agreement: Agreement;
    profile?: Pick<LifecycleState, 'type' | 'incorporated' | 'fiscalYearEnd' | 'registeredAgreement'>;
  },
  ctx: TransitionContext,
): Outcome {
  const sequenceChanged = event.profile !== undefined && actionsOf(event.profile) !== actionsOf(state);
  if (periodKey(event.agreement) === periodKey(state.agreement) && !sequenceChanged)
    return ignore(state, 'same_agreement');
  if (state.status === 'reinstatement_review' || state.status === 'formerly_active')
    return ignore(state, 'use_reinstate');
  const placed = startInPresent(
    {
      ...state,
      ...event.profile,
      status: 'active',
      agreement: event.agreement,
      lastAction: undefined,
      removalOn: undefined,
      dueOn: undefined,
      holdReason: undefined,
      pendingReports: [],
    },
    ctx,
  );
  return {
    state: placed.state,
    effects: [
      {
        type: 'timeline',
        what: 'Agreement set',
        why: `The agreement now runs ${event.agreement.start} to ${event.agreement.end}.`,
        data: { agreement: event.agreement, previous: state.agreement },
      },
      ...placed.effects,
    ],
  };
}

// ---- registration -----------------------------------------------------------------

/**
 * Where a newly registered agreement stands today. Steps whose day has passed are
 * recorded as passed, silently: a registration sends nothing for the past, and never
 * removes or announces a group (past its removal date it waits for an organizer).
 */
export function startInPresent(state: LifecycleState, ctx: TransitionContext): Outcome {
  const passed: LifecycleAction[] = [];
  let next = state;
  for (;;) {
    const due = nextAction(next, ctx.timeZone);
    if (!due || due.at > ctx.now) break;
    // A registration never removes or announces; a chapter's suspension (never public)
    // is recorded like the other passed steps, and waits for an organizer all the same.
    if (due.action === 'remove') {
      const held = holdRemoval(next, 'registered_past_removal', ctx);
      return { state: held.state, effects: [pastDue(state, passed, ctx), ...held.effects] };
    }
    passed.push(due.action);
    next = { ...next, status: STATUS_AFTER[due.action], lastAction: due.action };
  }
  if (!passed.length) return { state: next, effects: [] };
  return { state: next, effects: [pastDue(state, passed, ctx)] };
}

function pastDue(state: LifecycleState, passed: LifecycleAction[], ctx: TransitionContext): Effect {
  const due = dueDate(state);
  const today = dayIn(ctx.now, ctx.timeZone);
  const isPastDue = due < today;
  return {
    type: 'timeline',
    what: isPastDue ? 'Registered past due' : 'Registered with the report due soon',
    // Stryker disable next-line StringLiteral: a registration reaches the removal only after the earlier steps, so 'none' is never written
    why: `The report for ${periodKey(state.agreement)} is due on ${due}. Steps already past on registration (${passed.join(', ') || 'none'}) were recorded without sending anything.`,
    data: { passed, dueDate: due, today },
  };
}
