// The affiliate as the rest of the system sees it. The lifecycle (shared/lifecycle/)
// owns how it changes; reports, listings and notices read it.

/** A calendar day, YYYY-MM-DD, in the affiliate's time zone (config.timeZone). */
export type CalendarDay = string;

export type AffiliateType = 'user_group' | 'chapter' | 'thematic_organization';

export type AffiliateStatus =
  | 'active'
  | 'report_due'
  | 'expired'
  | 'reinstatement_review'
  | 'formerly_active';

export interface Agreement {
  start: CalendarDay;
  end: CalendarDay;
}

/** Identifies one agreement period everywhere: schedules, report links, idempotency keys. */
export const periodKey = (agreement: Agreement): string => `${agreement.start}_${agreement.end}`;

export function parsePeriodKey(key: string): Agreement | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key);
  return m ? { start: m[1]!, end: m[2]! } : undefined;
}
