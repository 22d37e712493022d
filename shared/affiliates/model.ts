// The affiliate as the rest of the system sees it. The lifecycle (shared/lifecycle/)
// owns how it changes; reports, listings and notices read it.

/** A calendar day, YYYY-MM-DD, in the affiliate's time zone (config.timeZone). */
export type CalendarDay = string;

export type AffiliateType = 'user_group' | 'chapter' | 'thematic_organization';

export type AffiliateStatus =
  | 'active'
  | 'report_due'
  | 'expired'
  /** Removal date reached, but an organizer must decide first (a report is pending). */
  | 'removal_held'
  | 'reinstatement_review'
  | 'formerly_active'
  /**
   * Chapters and thematic organisations only: past the last escalation without their
   * reports. The automation stops and organizers take over; only an organizer moves it on
   * (a deferral, or reinstatement after the reports are accepted). Nothing is public.
   */
  | 'suspended';

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

/** What an organizer registers about an affiliate (POST /admin/affiliates). */
export interface AffiliateProfile {
  /** Slug: lowercase letters, digits and hyphens. */
  id: string;
  name: string;
  type: AffiliateType;
  country: string;
  contactEmails: string[];
  /** Language codes; notices are written in English plus each of these with a catalogue. */
  languages: string[];
  metaPage: string;
  logoUrl: string;
  /** A user group registered as a legal entity: it files a financial report too. */
  incorporated?: boolean;
  /** Chapters and thematic organisations: the last day of their fiscal year, MM-DD (default 12-31). */
  fiscalYearEnd?: string;
}

/** An affiliate with where it stands in the lifecycle (shared/lifecycle/service.ts). */
export interface AffiliateView extends AffiliateProfile {
  status: AffiliateStatus;
  /**
   * The current reporting period: for user groups the agreement; for chapters and
   * thematic organisations the fiscal year being reported on.
   */
  agreement: Agreement;
  /** Chapters and thematic organisations: the agreement as registered (the period is the fiscal year). */
  registeredAgreement?: Agreement;
  /** Set when an organizer deferred the due date of the current period. */
  deferredTo?: CalendarDay;
  /** periodKey(agreement). */
  period: string;
  /** The annual report for the current period is due on this day. */
  dueDate: CalendarDay;
  /** Set while expired: the day the name and logo leave the affiliates page. */
  removalDate: CalendarDay | undefined;
  /** Set while removal_held: why an organizer must decide. */
  holdReason?: string;
  paused: boolean;
  pauseReason?: string;
  /** Set once Formerly Active. */
  formerlyActiveOn?: CalendarDay;
  /** The next automatic step, if any. */
  nextDeadline?: { action: string; day: CalendarDay; at: string };
}
