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
  | 'final_reminder'
  | 'formerly_active'
  | 'formerly_active_announcement'
  | 'reinstated_announcement';

export type Audience = 'contacts' | 'wikimedia_l';

/** A notice the lifecycle has decided to send and that is not yet sent to everyone. */
export interface OwedNotice {
  kind: NoticeKind;
  audience: Audience;
  /** The period the notice is about (its dates are computed from it). */
  period: string;
  /** When it became owed (ISO instant). */
  since: string;
}

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
}

export type LifecycleEvent =
  /** A schedule fired, or reconciliation found work due. `period`, when given, must be current. */
  | { kind: 'tick'; period?: string; action?: string }
  | { kind: 'report_accepted'; period: string; reportId: string }
  | { kind: 'reinstate'; agreement?: Agreement }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume'; reason: string }
  | { kind: 'agreement_changed'; agreement: Agreement };

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

/** The day the name and logo leave the affiliates page. */
export const removalDate = (type: AffiliateType, agreement: Agreement) =>
  addDays(noticeDate(type, agreement), o.removalDaysAfterNotice);

export function actionDay(type: AffiliateType, agreement: Agreement, action: LifecycleAction): CalendarDay {
  const due = dueDate(type, agreement);
  const notice = noticeDate(type, agreement);
  switch (action) {
    case 'first_reminder':
      return addDays(due, -o.firstReminderDaysBeforeDue);
    case 'second_reminder':
      return addDays(due, -o.secondReminderDaysBeforeDue);
    case 'expire':
      return notice;
    case 'final_reminder':
      return addDays(notice, o.finalReminderDaysAfterNotice);
    case 'remove':
      return addDays(notice, o.removalDaysAfterNotice);
  }
}

export const actionInstant = (
  type: AffiliateType,
  agreement: Agreement,
  action: LifecycleAction,
  timeZone: string,
) => instantAt(actionDay(type, agreement, action), o.localHour, timeZone);

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
  if (state.status === 'reinstatement_review' || state.status === 'formerly_active') return undefined;
  const index = state.lastAction ? ACTIONS.indexOf(state.lastAction) + 1 : 0;
  const action = ACTIONS[index];
  if (!action) return undefined;
  return {
    action,
    day: actionDay(state.type, state.agreement, action),
    at: actionInstant(state.type, state.agreement, action, timeZone),
  };
}

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

const ignore = (state: LifecycleState, why: string): Outcome => ({ state, effects: [], ignored: why });

export function transition(state: LifecycleState, event: LifecycleEvent, ctx: TransitionContext): Outcome {
  switch (event.kind) {
    case 'tick':
      return tick(state, event, ctx);
    case 'report_accepted':
      return reportAccepted(state, event);
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
      return agreementChanged(state, event);
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
    const superseded =
      following !== undefined && actionInstant(next.type, next.agreement, following, ctx.timeZone) <= ctx.now;
    const result = applyAction(next, due.action, due.day, superseded, ctx);
    next = result.state;
    effects.push(...result.effects);
  }
  if (next === state) return ignore(state, 'nothing_due');
  return { state: next, effects };
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
  const notices: OwedNotice[] = [];
  const contacts = (kind: NoticeKind) => notices.push({ kind, audience: 'contacts', period, since });
  let what: string;
  let why: string;
  const due = dueDate(state.type, state.agreement);
  switch (action) {
    case 'first_reminder':
      what = 'Report due soon: first reminder';
      why = `The annual report for ${period} is due on ${due}.`;
      if (!superseded) contacts('first_reminder');
      break;
    case 'second_reminder':
      what = 'Second reminder';
      why = `The annual report for ${period} is due on ${due}.`;
      if (!superseded) contacts('second_reminder');
      break;
    case 'expire':
      what = 'Agreement expired: report past due';
      why = `No accepted report for ${period} by its due date ${due}.`;
      contacts('expiry_notice');
      break;
    case 'final_reminder':
      what = 'Final reminder before removal';
      why = `Removal to Formerly Active is set for ${removalDate(state.type, state.agreement)}.`;
      if (!superseded) contacts('final_reminder');
      break;
    case 'remove':
      what = 'Moved to Formerly Active Affiliates';
      why = `No accepted report for ${period} within ${o.removalDaysAfterNotice} days of the expiry notice.`;
      contacts('formerly_active');
      notices.push({ kind: 'formerly_active_announcement', audience: 'wikimedia_l', period, since });
      break;
  }
  const effects: Effect[] = [
    {
      type: 'timeline',
      what,
      why: superseded ? `${why} Reminder not sent: the next step was already due.` : why,
      data: { action, day, status },
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

function reportAccepted(state: LifecycleState, event: { period: string; reportId: string }): Outcome {
  if (state.acceptedPeriods.includes(event.period)) return ignore(state, 'duplicate');
  const current = periodKey(state.agreement);
  if (event.period !== current) return ignore(state, 'other_period');
  const acceptedPeriods = [...state.acceptedPeriods, event.period];
  // Reminders still owed for this period are moot once its report is accepted.
  const owed = state.owed.filter(
    (n) => n.period !== current || !['first_reminder', 'second_reminder', 'final_reminder'].includes(n.kind),
  );
  const data = { period: event.period, reportId: event.reportId };
  if (state.status === 'active' || state.status === 'report_due') {
    const renewed = nextAgreement(state.agreement);
    return {
      state: { ...state, status: 'active', agreement: renewed, lastAction: undefined, acceptedPeriods, owed },
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
  if (state.status === 'expired' || state.status === 'formerly_active') {
    const removal = removalDate(state.type, state.agreement);
    return {
      state: { ...state, status: 'reinstatement_review', acceptedPeriods, owed },
      effects: [
        {
          type: 'timeline',
          what: 'Report accepted: reinstatement review',
          why:
            state.status === 'expired'
              ? `The report for ${current} was accepted after its due date; the removal set for ${removal} is cancelled.`
              : `The report for ${current} was accepted after the move to Formerly Active.`,
          data,
        },
      ],
    };
  }
  return ignore(state, 'in_review');
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

function agreementChanged(state: LifecycleState, event: { agreement: Agreement }): Outcome {
  if (periodKey(event.agreement) === periodKey(state.agreement)) return ignore(state, 'same_agreement');
  if (state.status === 'reinstatement_review' || state.status === 'formerly_active')
    return ignore(state, 'use_reinstate');
  return {
    state: { ...state, status: 'active', agreement: event.agreement, lastAction: undefined },
    effects: [
      {
        type: 'timeline',
        what: 'Agreement set',
        why: `The agreement now runs ${event.agreement.start} to ${event.agreement.end}.`,
        data: { agreement: event.agreement, previous: state.agreement },
      },
    ],
  };
}
