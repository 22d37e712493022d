// Every offset of the reporting-compliance lifecycle, in one place. The transition
// function, the schedules, the notices and docs/lifecycle.md all read these numbers.

// What differs by kind of affiliate (due dates, required reports, what happens past
// due) is declared in policies.ts; the numbers here are the user groups' steps and the
// ones every affiliate shares.

export const lifecycleOffsets = {
  /** First reminder (status becomes report_due): this many days before the due date. */
  firstReminderDaysBeforeDue: 30,
  /** Second reminder: this many days before the due date. */
  secondReminderDaysBeforeDue: 7,
  /** The expiry notice goes out this many days after the due date (the day it is past due). */
  expiryNoticeDaysAfterDue: 1,
  /** Final reminder: this many days after the expiry notice. */
  finalReminderDaysAfterNotice: 23,
  /** Removal to Formerly Active: this many days after the expiry notice. */
  removalDaysAfterNotice: 30,
  /** When an organizer rejects the last pending report of a held removal, the removal is
   * set again this many days on, so the group can still put its report right. */
  removalDaysAfterRejection: 14,
  /** Length of an agreement, renewed or new. */
  agreementMonths: 12,
  /** The personal report link stays valid this many days after the removal date... */
  reportLinkDaysAfterRemoval: 60,
  /** ...and, whatever the dates, at least this many days after the email carrying it is sent. */
  reportLinkMinDays: 31,
  /** The organizers' weekly digest looks this many days ahead. */
  digestLookAheadDays: 14,
  /** Schedules fire at this hour, local time, on the day of the action. */
  localHour: 9,
  /** When a notice could not be sent, try again this many minutes later. */
  noticeRetryMinutes: 15,
  /** Daily reconciliation, UTC (after the local-hour schedules have fired). */
  reconcileAtUtc: { hour: 5, minute: 0 },
  /** Reconciliation also re-creates schedules for actions due within this many hours. */
  reconcileLookAheadHours: 36,
} as const;
