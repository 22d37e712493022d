// Every error code a client can receive, with the members its `error` object carries
// beyond code and message (shared/errors.ts builds them). The OpenAPI document gives each
// code its own schema, so a client can tell `reasons` of a refused report (problems with
// a field) from `reasons` of an ineligible applicant (plain codes). Documentation only:
// never imported by a handler.

import * as v from 'valibot';

const fieldProblem = v.looseObject({
  field: v.string(),
  message: v.string(),
  key: v.optional(v.string()),
  vars: v.optional(v.record(v.string(), v.string())),
});
const fields = v.pipe(v.array(fieldProblem), v.description('Each field with its problem.'));
const status = v.pipe(v.string(), v.description('The status that stood in the way.'));

/** Code -> the extra members of its `error` object (an empty object: none). */
export const ERROR_DETAILS = {
  invalid_request: { fields: v.optional(fields) },
  unauthorized: {},
  invalid_link: {},
  link_expired: {},
  forbidden: {},
  not_found: {},
  token_not_found: {},
  method_not_allowed: {},
  conflict: {
    conflicts: v.optional(
      v.pipe(
        v.array(v.picklist(['email', 'cnic', 'registrationNumber'])),
        v.description('Which submitted values a live application already claims.'),
      ),
    ),
    fields: v.optional(fields),
    decision: v.optional(
      v.pipe(
        v.looseObject({
          decision: v.picklist(['approve', 'reject']),
          reason: v.optional(v.string()),
          by: v.string(),
          at: v.string(),
        }),
        v.description('The earlier decision.'),
      ),
    ),
    emailed: v.optional(
      v.pipe(v.boolean(), v.description('Whether the decision email has gone out (sent again if needed).')),
    ),
    status: v.optional(status),
  },
  cnic_claimed: {
    conflicts: v.array(v.literal('cnic')),
    fields,
    id: v.pipe(v.string(), v.description('The application kept aside for the organizers.')),
    status: v.string(),
  },
  claim_held: {},
  not_submitted: {},
  token_used: {},
  token_expired: {},
  payload_too_large: {},
  unsupported_media_type: {
    allowed: v.pipe(v.array(v.string()), v.description('The media types this route reads.')),
  },
  not_eligible: {
    reasons: v.pipe(
      v.array(v.picklist(['under_age', 'not_citizen', 'not_registered_in_pakistan'])),
      v.description('Why the applicant is not eligible, as codes.'),
    ),
    fields,
  },
  report_rejected: {
    reasons: v.pipe(v.array(fieldProblem), v.description('Every rule the report breaks, by field.')),
  },
  removal_date_past: { reasons: v.array(fieldProblem) },
  deferral_not_later: { reasons: v.array(fieldProblem) },
  import_rejected: {
    rows: v.pipe(
      v.array(v.looseObject({ row: v.number(), field: v.optional(v.string()), message: v.string() })),
      v.description('Every problem, by row (counted from 0) and field.'),
    ),
  },
  reinstatement_incomplete: {
    missing: v.array(v.object({ step: v.string(), description: v.string() })),
  },
  rate_limited: {
    limit: v.pipe(v.string(), v.description('Which limit was reached.')),
    retryAfterSeconds: v.pipe(v.number(), v.description('The same number as Retry-After.')),
  },
  upload_missing: {},
  upload_not_pdf: {},
  upload_too_large: {},
  upload_empty: {},
  service_unavailable: {},
  bad_gateway: {},
  sign_in_expired: {},
  sign_in_failed: {},
  signed_out: {},
  internal_error: {},
} satisfies Record<string, Record<string, v.GenericSchema>>;

export type ErrorCode = keyof typeof ERROR_DETAILS;

/** The body of an error reply with this code. */
export function errorSchema(code: ErrorCode) {
  return v.object({
    error: v.object({
      code: v.literal(code),
      message: v.pipe(v.string(), v.description('What went wrong, in plain words.')),
      ...ERROR_DETAILS[code],
    }),
  });
}
