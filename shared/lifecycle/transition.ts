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

/** The timed steps of one agreement period, in the order they happen. */
export const ACTIONS = ['first_reminder', 'second_reminder', 'expire', 'final_reminder', 'remove'] as const;
export type LifecycleAction = (typeof ACTIONS)[number];

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
  | 'removal_rescheduled';

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
  agreement: Agreement;
  paused: boolean;
  pauseReason?: string;
  /** The last timed action carried out in the current period. */
  lastAction?: LifecycleAction;
  /** The day the affiliate moved to Formerly Active. */
  formerlyActiveOn?: CalendarDay;
  /** Periods whose report has been accepted. */
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
  | { kind: 'report_accepted'; period: string; reportId: string }
  | { kind: 'reinstate'; agreement?: Agreement }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume'; reason: string }
  | { kind: 'agreement_changed'; agreement: Agreement }
  /** An organizer rejected a report; `reason` is quoted to the contacts. */
  | { kind: 'report_rejected'; period: string; reportId: string; reason: string; reportUrl: string }
  /** An organizer set a new removal date (a later day), with a reason. */
  | { kind: 'set_removal_date'; day: CalendarDay; reason: string };

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

export function dueDate(type: AffiliateType, agreement: Agreement): CalendarDay {
  return addDays(agreement.end, o.reportGraceDays[type]);
}

/** The day of the expiry notice: the first day the report is past due. */
export const noticeDate = (type: AffiliateType, agreement: Agreement) =>
  addDays(dueDate(type, agreement), o.expiryNoticeDaysAfterDue);

/**
 * The day the name and logo leave the affiliates page: 30 days after the expiry notice,
 * or the day an organizer set (`removalOn`).
 */
export const removalDate = (type: AffiliateType, agreement: Agreement, removalOn?: CalendarDay) =>
  removalOn ?? addDays(noticeDate(type, agreement), o.removalDaysAfterNotice);

/** What fixes the dates of a period: the type, the agreement and an organizer's removal day. */
export type Dated = Pick<LifecycleState, 'type' | 'agreement' | 'removalOn'>;

export function actionDay(s: Dated, action: LifecycleAction): CalendarDay {
  const due = dueDate(s.type, s.agreement);
  const removal = removalDate(s.type, s.agreement, s.removalOn);
  switch (action) {
    case 'first_reminder':
      return addDays(due, -o.firstReminderDaysBeforeDue);
    case 'second_reminder':
      return addDays(due, -o.secondReminderDaysBeforeDue);
    case 'expire':
      return noticeDate(s.type, s.agreement);
    case 'final_reminder':
      // A week before removal (notice + 23 of 30), also when an organizer moved the removal.
      return addDays(removal, o.finalReminderDaysAfterNotice - o.removalDaysAfterNotice);
    case 'remove':
      return removal;
  }
}

export const actionInstant = (s: Dated, action: LifecycleAction, timeZone: string) =>
  instantAt(actionDay(s, action), o.localHour, timeZone);

/** The agreement that follows `agreement`: the next 12 months from the day after it ends. */
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
  const index = state.lastAction ? ACTIONS.indexOf(state.lastAction) + 1 : 0;
  const action = ACTIONS[index];
  // Stryker disable next-line ConditionalExpression: only 'remove' is last, and it leaves a status the calendar does not move
  if (!action) return undefined;
  return { action, day: actionDay(state, action), at: actionInstant(state, action, timeZone) };
}

/** Statuses in which the calendar moves the affiliate on; in the others people decide. */
const TIMED_STATUSES: AffiliateStatus[] = ['active', 'report_due', 'expired'];

// ---- the transition ---------------------------------------------------------------

const STATUS_AFTER: Record<LifecycleAction, AffiliateStatus> = {
  first_reminder: 'report_due',
  second_reminder: 'report_due',
  expire: 'expired',
  final_reminder: 'expired',
  remove: 'formerly_active',
};

/** Reminders that would arrive after the next step is already due are not sent. */
const SUPERSEDED_BY: Partial<Record<LifecycleAction, LifecycleAction>> = {
  first_reminder: 'second_reminder',
  second_reminder: 'expire',
  final_reminder: 'remove',
};

/** Reminders say "send us your report": pointless, and misleading, once one has arrived. */
const REMINDERS: NoticeKind[] = ['first_reminder', 'second_reminder', 'final_reminder'];

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
    const following = SUPERSEDED_BY[due.action];
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
  return {
    period,
    dueDate: dueDate(state.type, state.agreement),
    expiryNoticeDate: noticeDate(state.type, state.agreement),
    removalDate: removalDate(state.type, state.agreement, state.removalOn),
    reportAccepted: state.acceptedPeriods.includes(period),
    reportsPending: state.pendingReports?.length ?? 0,
  };
}

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
  const ref =
    // Stryker disable next-line ConditionalExpression,LogicalOperator: removalOn is only ever set once expired, so only these two actions can follow it
    state.removalOn && (action === 'final_reminder' || action === 'remove') ? state.removalOn : undefined;
  const notices: OwedNotice[] = [];
  const contacts = (kind: NoticeKind) =>
    notices.push({ kind, audience: 'contacts', period, since, ...(ref ? { ref } : {}) });
  const skipped: string[] = [];
  const remind = (kind: NoticeKind) => {
    if (superseded) skipped.push('the next step was already due');
    else if (pending) skipped.push('a report for this period has arrived and is being checked');
    else contacts(kind);
  };
  let what: string;
  let why: string;
  const due = dueDate(state.type, state.agreement);
  switch (action) {
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
      what = 'Agreement expired: report past due';
      why = pending
        ? `No accepted report for ${period} by its due date ${due}; ${pending} report(s) received and still being checked.`
        : `No accepted report for ${period} by its due date ${due}.`;
      contacts(pending ? 'expiry_report_pending' : 'expiry_notice');
      break;
    case 'final_reminder':
      what = 'Final reminder before removal';
      why = `Removal to Formerly Active is set for ${removalDate(state.type, state.agreement, state.removalOn)}.`;
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
  const note = skipped.length ? ` Reminder not sent: ${skipped[0]}.` : '';
  const effects: Effect[] = [
    {
      type: 'timeline',
      what,
      why: `${why}${note}`,
      data: { action, day, status, ...(action === 'remove' ? { facts: factsOf(state) } : {}) },
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
}

/**
 * The removal date has come but people must decide first: nothing public happens, the
 * organizers are asked at once and (for a pending report) the contacts hear that their
 * report is being looked at.
 */
function holdRemoval(state: LifecycleState, reason: HoldReason, ctx: TransitionContext): Outcome {
  const period = periodKey(state.agreement);
  const since = ctx.now.toISOString();
  const ref = state.removalOn;
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
        `The removal date ${removalDate(state.type, state.agreement, state.removalOn)} has come, but ${state.pendingReports?.length ?? 0} report(s) for ${period} are still being checked. Nothing is announced; an organizer accepts or rejects the report, or sets a new date.`
      : `Registered after its removal date ${removalDate(state.type, state.agreement, state.removalOn)} had passed. The registration removes or announces nothing; an organizer accepts a report or sets a removal date.`;
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

function reportAccepted(state: LifecycleState, event: { period: string; reportId: string }): Outcome {
  if (state.acceptedPeriods.includes(event.period)) return ignore(state, 'duplicate');
  const current = periodKey(state.agreement);
  if (event.period !== current) return ignore(state, 'other_period');
  const acceptedPeriods = [...state.acceptedPeriods, event.period];
  // Reminders still owed for this period are moot once its report is accepted.
  const owed = state.owed.filter((n) => n.period !== current || !REMINDERS.includes(n.kind));
  const pendingReports = state.pendingReports?.filter((id) => id !== event.reportId);
  const data = { period: event.period, reportId: event.reportId };
  if (state.status === 'active' || state.status === 'report_due') {
    const renewed = nextAgreement(state.agreement);
    return {
      state: {
        ...state,
        status: 'active',
        agreement: renewed,
        lastAction: undefined,
        removalOn: undefined,
        acceptedPeriods,
        owed,
        pendingReports: [],
      },
      effects: [
        {
          type: 'timeline',
          what: 'Report accepted: agreement renewed',
          why: `The report for ${current} was accepted before its due date; the next agreement runs ${renewed.start} to ${renewed.end}.`,
          data: { ...data, agreement: renewed },
        },
      ],
    };
  }
  if (state.status === 'expired' || state.status === 'removal_held' || state.status === 'formerly_active') {
    const removal = removalDate(state.type, state.agreement, state.removalOn);
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
        why: `${event.reason} (removal now on ${event.day}; before: ${removalDate(state.type, state.agreement, state.removalOn)}).`,
        data: { removalOn: event.day, previous: removalDate(state.type, state.agreement, state.removalOn) },
      },
      { type: 'notice', notice },
    ],
  };
}

function reinstate(state: LifecycleState, event: { agreement?: Agreement }, ctx: TransitionContext): Outcome {
  if (state.status !== 'reinstatement_review') return ignore(state, 'not_in_review');
  const agreement = event.agreement ?? newAgreementFrom(dayIn(ctx.now, ctx.timeZone));
  const notice: OwedNotice = {
    kind: 'reinstated_announcement',
    audience: 'wikimedia_l',
    period: periodKey(agreement),
    since: ctx.now.toISOString(),
  };
  return {
    state: {
      ...state,
      status: 'active',
      agreement,
      lastAction: undefined,
      removalOn: undefined,
      holdReason: undefined,
      formerlyActiveOn: undefined,
      owed: [...state.owed, notice],
    },
    effects: [
      {
        type: 'timeline',
        what: 'Reinstated',
        why: `Reinstatement review passed; the new agreement runs ${agreement.start} to ${agreement.end}.`,
        data: { agreement },
      },
      { type: 'notice', notice },
    ],
  };
}

function agreementChanged(
  state: LifecycleState,
  event: { agreement: Agreement },
  ctx: TransitionContext,
): Outcome {
  if (periodKey(event.agreement) === periodKey(state.agreement)) return ignore(state, 'same_agreement');
  if (state.status === 'reinstatement_review' || state.status === 'formerly_active')
    return ignore(state, 'use_reinstate');
  const placed = startInPresent(
    {
      ...state,
      status: 'active',
      agreement: event.agreement,
      lastAction: undefined,
      removalOn: undefined,
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
  const due = dueDate(state.type, state.agreement);
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
