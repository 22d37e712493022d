// Recurring schedules. The CDK stack creates them as EventBridge schedules; the local
// scheduler fires them as its clock passes each occurrence. One list for both.

export interface RecurringSchedule {
  name: string;
  target: string;
  payload: Record<string, unknown>;
  /** Fires every day at this UTC time. */
  dailyAtUtc: { hour: number; minute: number };
  description: string;
}

export const recurringSchedules: RecurringSchedule[] = [];

export function cronExpression(s: RecurringSchedule): string {
  return `cron(${s.dailyAtUtc.minute} ${s.dailyAtUtc.hour} * * ? *)`;
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(s: RecurringSchedule, after: Date): Date {
  const next = new Date(
    Date.UTC(
      after.getUTCFullYear(),
      after.getUTCMonth(),
      after.getUTCDate(),
      s.dailyAtUtc.hour,
      s.dailyAtUtc.minute,
    ),
  );
  if (next.getTime() <= after.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
