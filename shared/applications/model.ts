// A membership application as the system keeps it. What is deliberately absent: the
// CNIC (only a keyed hash, in the claim items, and the last four digits here) and the
// date of birth (only the fact that the age was checked, and when).

import type { ApplicationKind } from './schema.ts';

export type ApplicationStatus = 'pending_confirmation' | 'submitted' | 'approved' | 'rejected';
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'pending_confirmation',
  'submitted',
  'approved',
  'rejected',
];

export interface Decision {
  decision: 'approve' | 'reject';
  reason?: string;
  /** The organizer who decided: their email, from their sign-in (shared/http/admin.ts). */
  by: string;
  at: string;
}

interface Common {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  name: string;
  email: string;
  /** Language of the emails the applicant gets. */
  language: string;
  statement?: string;
  createdAt: string;
  confirmedAt?: string;
  decision?: Decision;
  /** When DynamoDB TTL removes it: unconfirmed or rejected applications only. */
  deleteAfter?: string;
  /**
   * Set when this application's CNIC (or registration number) was already claimed by
   * another live application: this one is held without the claim until an organizer
   * resolves the conflict (docs/applications.md, "Two applications, one CNIC").
   */
  claimConflict?: ClaimConflict;
  /** On the application holding the claim: the confirmed applications that dispute it. */
  disputedBy?: ClaimConflict[];
  /** Set by the ses-events function when SES reports the address bouncing. */
  emailBouncing?: { reason: string; detail?: string; kind?: string; at: string };
}

export interface IndividualApplication extends Common {
  kind: 'individual';
  citizenship: string;
  cnicLast4: string;
  ageVerified: true;
  ageVerifiedAt: string;
  wikimediaUsername?: string;
  city?: string;
}

export interface InstitutionApplication extends Common {
  kind: 'institution';
  registrationNumber: string;
  registrationAuthority: string;
  registeredIn: string;
  contactName: string;
}

export type Application = IndividualApplication | InstitutionApplication;

export interface ClaimConflict {
  /** The other application. */
  applicationId: string;
  field: ClaimField;
  at: string;
}

/** Which submitted value a uniqueness claim stands for (409 names it). */
export type ClaimField = 'email' | 'cnic' | 'registrationNumber';

export const CONFIRMATION_DAYS = 7;
