// Recurring schedules. The CDK stack creates them as EventBridge schedules; the local
// scheduler fires them as its clock passes each occurrence. One list for both.

export interface RecurringSchedule {
  name: string;
  target: string;
  payload: Record<string, unknown>;
  /** Fires at this UTC time: every day, or only on `weekday`. */
  dailyAtUtc: { hour: number; minute: number };
  /** Only on this day of the week (UTC): 0 Sunday ... 6 Saturday. */
  weekday?: number;
  description: string;
}

const CRON_DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

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
  {
    name: 'organizer-digest',
    target: 'lifecycle',
    payload: { action: 'digest' },
    // Monday 09:30 in Pakistan: the week's plan at the start of the week.
    dailyAtUtc: { hour: 4, minute: 30 },
    weekday: 1,
    description:
      "Weekly organizers' digest: what the automation sends in the next 14 days (public steps first) and what needs an organizer now. No email when there is nothing to say.",
  },
];

export function cronExpression(s: RecurringSchedule): string {
  // EventBridge cron: one of day-of-month and day-of-week is '?'.
  if (s.weekday !== undefined)
    return `cron(${s.dailyAtUtc.minute} ${s.dailyAtUtc.hour} ? * ${CRON_DAYS[s.weekday]} *)`;
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
  if (s.weekday !== undefined) next.setUTCDate(next.getUTCDate() + ((s.weekday - next.getUTCDay() + 7) % 7));
  return next;
}
