// The JSON bodies of successful replies, as valibot schemas, declared once for the route
// table (shared/routes/*.ts). The OpenAPI document, the typed client and the contract
// test read them from there; no handler imports this file, so none of it reaches a
// Lambda bundle (test/unit/openapi.test.ts checks). Records the system keeps grow new
// members over time: their schemas name what clients rely on and let the rest through
// (looseObject); the small replies built in one handler are exact.

import * as v from 'valibot';
import { MISSING_CODES } from '../reports/verdict.ts';

const instant = v.pipe(v.string(), v.metadata({ format: 'date-time' }));
const day = v.pipe(v.string(), v.metadata({ format: 'date' }), v.description('A calendar day, YYYY-MM-DD.'));
const described = <T extends v.GenericSchema>(schema: T, text: string) => v.pipe(schema, v.description(text));

// ---- applications -----------------------------------------------------------------

export const APPLICATION_STATUS = ['pending_confirmation', 'submitted', 'approved', 'rejected'] as const;

const decision = v.looseObject({
  decision: v.picklist(['approve', 'reject']),
  reason: v.optional(v.string()),
  by: v.string(),
  at: instant,
});

export const application = described(
  v.looseObject({
    id: v.string(),
    kind: v.picklist(['individual', 'institution']),
    status: v.picklist(APPLICATION_STATUS),
    name: v.string(),
    email: v.string(),
    language: v.string(),
    statement: v.optional(v.string()),
    createdAt: instant,
    confirmedAt: v.optional(instant),
    decision: v.optional(decision),
    citizenship: v.optional(v.string()),
    cnicLast4: v.optional(described(v.string(), 'The last four digits of the CNIC; the rest is not kept.')),
    wikimediaUsername: v.optional(v.string()),
    city: v.optional(v.string()),
    registrationNumber: v.optional(v.string()),
    registrationAuthority: v.optional(v.string()),
    registeredIn: v.optional(v.string()),
    contactName: v.optional(v.string()),
  }),
  'An application as kept: no CNIC (only its last four digits) and no date of birth.',
);

export const applicationAccepted = v.object({
  id: v.string(),
  status: v.literal('pending_confirmation'),
});
export const resendAccepted = v.object({ status: v.literal('accepted') });
export const applicationConfirmed = v.object({ id: v.string(), status: v.picklist(APPLICATION_STATUS) });

const nextCursor = v.optional(
  described(v.string(), 'Pass as `cursor` for the next page; absent on the last.'),
);
export const applicationCounts = v.object({
  counts: v.object(
    Object.fromEntries(APPLICATION_STATUS.map((s) => [s, v.pipe(v.number(), v.integer(), v.minValue(0))])),
  ),
});
export const applicationPage = v.object({ items: v.array(application), nextCursor });
export const memberPage = v.object({
  items: v.array(
    v.looseObject({
      id: v.string(),
      kind: v.picklist(['individual', 'institution']),
      name: v.string(),
      email: v.string(),
      memberSince: v.optional(instant),
    }),
  ),
  nextCursor,
});
export const decided = v.object({
  application,
  emailed: described(v.boolean(), 'Whether the applicant was emailed the decision.'),
});

// ---- affiliates ---------------------------------------------------------------------

export const AFFILIATE_STATUS = [
  'active',
  'report_due',
  'expired',
  'removal_held',
  'reinstatement_review',
  'formerly_active',
  'suspended',
] as const;
const affiliateType = v.picklist(['user_group', 'chapter', 'thematic_organization']);
const agreement = v.object({ start: day, end: day });

export const affiliate = v.looseObject({
  id: v.string(),
  name: v.string(),
  type: affiliateType,
  country: v.string(),
  contactEmails: v.array(v.string()),
  languages: v.array(v.string()),
  metaPage: v.string(),
  logoUrl: v.string(),
  status: v.picklist(AFFILIATE_STATUS),
  agreement,
  period: v.string(),
  dueDate: day,
  removalDate: v.optional(day),
  holdReason: v.optional(v.string()),
  paused: v.boolean(),
  pauseReason: v.optional(v.string()),
  formerlyActiveOn: v.optional(day),
  nextDeadline: v.optional(v.looseObject({ action: v.string(), day, at: instant })),
});

const timelineEntry = v.looseObject({
  at: instant,
  what: v.string(),
  why: v.optional(v.string()),
  who: v.string(),
  data: v.optional(v.record(v.string(), v.unknown())),
});

const checklist = v.looseObject({
  affiliateId: v.string(),
  period: v.string(),
  steps: v.array(
    v.looseObject({
      step: v.picklist([
        'report_posted',
        'financial_report_posted',
        'group_page_updated',
        'wikimedia_l_told',
      ]),
      description: v.string(),
      done: v.boolean(),
      how: v.optional(v.string()),
      reportId: v.optional(v.string()),
    }),
  ),
  complete: v.boolean(),
  missing: described(v.array(v.string()), 'Plain-word descriptions of the steps still open.'),
});

const plannedNotice = v.looseObject({
  kind: v.string(),
  audience: v.string(),
  public: described(v.boolean(), 'It goes to Wikimedia-l.'),
  step: v.string(),
  at: instant,
  recipients: v.array(v.string()),
  subject: v.string(),
  text: v.string(),
  html: v.string(),
});
const preview = v.looseObject({
  steps: v.array(
    v.looseObject({
      action: v.string(),
      at: instant,
      day,
      status: v.string(),
      timeline: v.array(v.string()),
    }),
  ),
  notices: v.array(plannedNotice),
});

export const oneAffiliate = v.object({ affiliate });
export const affiliateList = v.object({ affiliates: v.array(affiliate) });
export const affiliateWithTimeline = v.object({
  affiliate: v.looseObject({ ...affiliate.entries, timeline: v.array(timelineEntry) }),
  reinstatementChecklist: v.optional(
    described(checklist, 'While expired, held, formerly active or in reinstatement review.'),
  ),
});
export const affiliatePreview = v.object({ preview });
export const registrationPreview = v.object({
  exists: described(v.boolean(), 'Whether this id is already registered (the preview is then of an update).'),
  affiliate,
  timeline: v.array(timelineEntry),
  preview,
});
export const importResult = v.object({
  dryRun: v.boolean(),
  results: v.array(
    v.looseObject({
      row: v.number(),
      id: v.string(),
      outcome: v.picklist(['created', 'updated', 'unchanged', 'would_create', 'would_update']),
      status: v.string(),
      nextDeadline: v.optional(v.looseObject({ action: v.string(), day })),
      notices: v.optional(v.array(v.looseObject({ kind: v.string(), at: instant, subject: v.string() }))),
    }),
  ),
});

export const publicAffiliates = v.object({
  affiliates: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      logoUrl: v.optional(v.string()),
      metaPage: v.string(),
      type: affiliateType,
      formerlyActiveOn: v.optional(day),
    }),
  ),
});

// ---- reports --------------------------------------------------------------------------

const verification = v.looseObject({
  state: v.string(),
  attempts: v.number(),
  checkedAt: v.optional(instant),
  nextCheckAt: v.optional(instant),
  missing: v.optional(v.array(v.string())),
});
export const REPORT_STATUS = ['received', 'accepted', 'rejected'] as const;

/** A report as organizers see it: without its text, with the count of its characters. */
const reportSummary = v.looseObject({
  reportId: v.string(),
  affiliateId: v.string(),
  period: v.string(),
  periodStart: day,
  periodEnd: day,
  metaUrl: v.string(),
  metaTitle: v.string(),
  financialReportUrl: v.optional(v.string()),
  submittedAt: instant,
  submittedBy: v.string(),
  status: v.picklist(REPORT_STATUS),
  acceptedAt: v.optional(instant),
  rejection: v.optional(v.looseObject({ at: instant, by: v.string(), reason: v.string() })),
  verification,
  textChars: v.number(),
});
export const oneReport = v.object({ report: reportSummary });
export const reportList = v.object({ reports: described(v.array(reportSummary), 'Newest period first.') });

export const reportStored = v.object({
  report: v.object({ reportId: v.string(), status: v.picklist(REPORT_STATUS), verification }),
  created: described(v.boolean(), 'False when this very report had been submitted before.'),
  missing: described(
    v.array(
      v.looseObject({
        code: v.picklist(MISSING_CODES),
        message: v.string(),
        link: v.optional(v.string()),
      }),
    ),
    'What meta-wiki does not show yet (or what its text lacks), each with the page to fix it on.',
  ),
});
export const checklistReply = v.object({ checklist });
export const reinstated = v.object({ status: v.string(), agreement, checklist });

/** The reporting policy of each kind of affiliate (shared/lifecycle/policies.ts). */
export const policies = v.looseObject({});

/** POST /console/auth/token. */
export const consoleToken = v.object({
  token: v.pipe(v.string(), v.description('An ID token: send it to /admin/* as a bearer token.')),
  expiresAt: instant,
  email: v.string(),
  organizer: v.pipe(v.boolean(), v.description('Whether the person is in the organizers group.')),
});

// ---- report documents (uploads) -----------------------------------------------------

const documentKind = v.picklist(['financial_statement', 'activity_report']);

export const uploadForm = v.object({
  upload: v.object({
    url: described(v.string(), 'Where to POST the form (multipart/form-data).'),
    fields: described(
      v.record(v.string(), v.string()),
      'Form fields to send, in this order, before the file (`file`).',
    ),
    key: described(v.string(), 'The object key the file will have: one per affiliate, period and document.'),
    maxBytes: v.number(),
    expiresAt: instant,
  }),
});

const uploadRecord = v.looseObject({
  document: documentKind,
  period: described(v.string(), 'The agreement period, start_end.'),
  size: described(v.number(), 'Bytes.'),
  etag: v.string(),
  versionId: v.optional(v.string()),
  uploadedAt: instant,
  uploadedBy: v.string(),
  key: v.string(),
});

export const uploadCompleted = v.object({
  upload: uploadRecord,
  created: described(v.boolean(), 'False when this very file was already recorded.'),
});

export const uploadList = v.object({
  uploads: v.array(
    v.looseObject({
      ...uploadRecord.entries,
      downloadUrl: described(v.string(), 'A presigned GET of the checked version.'),
      downloadExpiresAt: instant,
    }),
  ),
});

// ---- platform -------------------------------------------------------------------------

const state = v.picklist(['ok', 'unavailable']);
export const health = v.object({
  status: v.picklist(['ok', 'degraded']),
  dependencies: v.object({ dynamodb: state, ses: state }),
  tablesNotReady: v.optional(v.array(v.string())),
});
export const openApi = v.looseObject({
  openapi: v.string(),
  info: v.looseObject({}),
  paths: v.looseObject({}),
});
