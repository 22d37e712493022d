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

export const recurringSchedules: RecurringSchedule[] = [
  {
    name: 'lifecycle-reconcile',
    target: 'lifecycle',
    payload: { action: 'reconcile' },
    // After the lifecycle's one-time schedules (09:00 Asia/Karachi, 04:00 UTC) have fired.
    dailyAtUtc: { hour: 5, minute: 0 },
    description:
      'Daily lifecycle reconciliation: does what is due but not done (a lost schedule, a notice SES refused) and re-creates schedules due soon.',
  },
];

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
