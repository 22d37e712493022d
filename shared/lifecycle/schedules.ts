// The per-affiliate one-time schedules: one for the next action of the current period,
// named deterministically from affiliate, period and action (so creating it twice is
// harmless), targeting the lifecycle function with { affiliateId, period, action }.

import { createHash } from 'node:crypto';
import { type Agreement, periodKey } from '../affiliates/model.ts';
import type { OneTimeSchedule } from '../scheduler/port.ts';
import type { LifecycleAction } from './transition.ts';

export const LIFECYCLE_FUNCTION = 'lifecycle';

const SHORT: Record<LifecycleAction, string> = {
  first_reminder: 'remind1',
  second_reminder: 'remind2',
  expire: 'expire',
  final_reminder: 'remind3',
  remove: 'remove',
  early_reminder: 'remind0',
  escalation_1: 'escalate1',
  escalation_2: 'escalate2',
  escalation_3: 'escalate3',
};

/**
 * <id prefix>-<hash of id>-<start><end>-<action>, at most 64 characters of
 * [0-9a-zA-Z-_.]: readable in the console, unique per affiliate, period and action.
 */
export function scheduleName(affiliateId: string, agreement: Agreement, action: LifecycleAction): string {
  const hash = createHash('sha256').update(affiliateId).digest('hex').slice(0, 8);
  const prefix = affiliateId
    .replace(/[^0-9a-zA-Z-]/g, '')
    .slice(0, 20)
    .replace(/-+$/, '');
  const period = `${agreement.start}${agreement.end}`.replaceAll('-', '');
  return `${prefix}-${hash}-${period}-${SHORT[action]}`;
}

export interface LifecyclePayload {
  affiliateId: string;
  period: string;
  action: LifecycleAction;
}

export function scheduleFor(
  affiliate: { id: string; agreement: Agreement },
  action: LifecycleAction,
  at: Date,
  now: Date,
): OneTimeSchedule & { payload: LifecyclePayload & Record<string, unknown> } {
  return {
    name: scheduleName(affiliate.id, affiliate.agreement, action),
    // An action already due (after a pause, or registered late) fires at once.
    at: at > now ? at : new Date(now.getTime() + 1000),
    target: LIFECYCLE_FUNCTION,
    payload: { affiliateId: affiliate.id, period: periodKey(affiliate.agreement), action },
  };
}
