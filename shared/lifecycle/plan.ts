// What the calendar will do next, computed by running the same transition function
// forward in time. Pure: the preview, the dry run of a registration and the organizers'
// digest all read it, and what it predicts is what the ticks will do (same function,
// same instants).

import type { AffiliateStatus, CalendarDay } from '../affiliates/model.ts';
import {
  ALL_ACTIONS,
  type LifecycleAction,
  type LifecycleState,
  nextAction,
  type OwedNotice,
  transition,
} from './transition.ts';

export interface PlannedStep {
  action: LifecycleAction;
  /** When the tick will take it (an overdue step: now). */
  at: Date;
  day: CalendarDay;
  /** The status after the step. */
  status: AffiliateStatus;
  /** Timeline entries the step will write. */
  timeline: string[];
  notices: OwedNotice[];
  /** The state after the step (to render its notices against). */
  state: LifecycleState;
}

/** The steps the calendar will take from `now`, in order, up to `until` if given. */
export function plannedSteps(
  state: LifecycleState,
  ctx: { now: Date; timeZone: string },
  until?: Date,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  let current = state;
  // At most one step per action, and one more for a held removal: never loops.
  // Stryker disable next-line EqualityOperator,UpdateOperator: only a guard; nextAction runs out first, after seven steps at most
  for (let i = 0; i <= ALL_ACTIONS.length; i++) {
    const next = nextAction(current, ctx.timeZone);
    if (!next) break;
    const at = new Date(Math.max(next.at.getTime(), ctx.now.getTime()));
    if (until && at > until) break;
    const out = transition(current, { kind: 'tick' }, { now: at, timeZone: ctx.timeZone });
    // Stryker disable next-line ConditionalExpression: a tick at the instant nextAction named always takes that step; another guard
    if (out.ignored) break;
    steps.push({
      action: next.action,
      at,
      day: next.day,
      status: out.state.status,
      timeline: out.effects.flatMap((e) => (e.type === 'timeline' ? [e.what] : [])),
      notices: out.effects.flatMap((e) => (e.type === 'notice' ? [e.notice] : [])),
      state: out.state,
    });
    current = out.state;
  }
  return steps;
}
