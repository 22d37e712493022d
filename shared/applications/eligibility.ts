// Who may join: Pakistani citizens aged 18 or more on the day they apply, and
// institutions registered in Pakistan. Pure domain code: no AWS, no clock of its own;
// the caller passes the submission instant and the group's time zone.

import { dayIn } from '../dates.ts';

/** A calendar day, YYYY-MM-DD. */
export type Day = string;

export const MINIMUM_AGE = 18;
export const ELIGIBLE_COUNTRY = 'PK';

export type IneligibleReason = 'under_age' | 'not_citizen' | 'not_registered_in_pakistan';

/**
 * Completed years between a birth day and `today`, both calendar days. Someone born
 * on 29 February completes a year on 1 March when the year has no 29 February: on
 * 28 February the birthday has not yet come.
 */
export function ageOn(dateOfBirth: Day, today: Day): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export interface IndividualFacts {
  kind: 'individual';
  dateOfBirth: Day;
  citizenship: string;
}
export interface InstitutionFacts {
  kind: 'institution';
  registeredIn: string;
}

/** Every reason the applicant is not eligible; empty when they are. */
export function eligibility(
  facts: IndividualFacts | InstitutionFacts,
  submittedAt: Date,
  timeZone: string,
): IneligibleReason[] {
  if (facts.kind === 'institution') {
    return facts.registeredIn.toUpperCase() === ELIGIBLE_COUNTRY ? [] : ['not_registered_in_pakistan'];
  }
  const reasons: IneligibleReason[] = [];
  if (ageOn(facts.dateOfBirth, dayIn(submittedAt, timeZone)) < MINIMUM_AGE) reasons.push('under_age');
  if (facts.citizenship.toUpperCase() !== ELIGIBLE_COUNTRY) reasons.push('not_citizen');
  return reasons;
}

// Urdu and Arabic keyboards type their own digits; a CNIC typed with them is the same number.
const OTHER_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const toAsciiDigits = (s: string) =>
  s.replace(OTHER_DIGITS, (c) => String((c.codePointAt(0)! - 0x0660) % 0x90));

/**
 * A Pakistani CNIC as its 13 digits, or undefined when the text is not one. Accepted:
 * 13 digits, or 5-7-1 digits with dashes (12345-1234567-1), surrounding spaces ignored.
 */
export function parseCnic(text: string): string | undefined {
  const s = toAsciiDigits(text.trim());
  if (/^\d{13}$/.test(s)) return s;
  if (/^\d{5}-\d{7}-\d$/.test(s)) return s.replaceAll('-', '');
  return undefined;
}
