// Annual reports: the personal link's page and submission, meta-wiki verification, the
// organizer's report list, the reinstatement checklist and reinstatement.

import * as v from 'valibot';
import { reasonSchema } from '../lifecycle/rules.ts';
import {
  confirmStepSchema,
  reportFormSchema,
  reportSubmissionSchema,
  staffNoteSchema,
} from '../reports/rules.ts';
import * as r from './replies.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const reportFunctions: FunctionDef[] = [
  {
    name: 'report-page',
    description: 'Serves the report form behind the personal link in reminder emails.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing:
      'one token check, a few reads of the affiliate partition, two presigned upload forms (no S3 call)',
    // Signs the document forms on the page (and POST /affiliates/{id}/uploads) with the
    // role's credentials (shared/aws/presigned-post.ts); S3 checks the upload against them.
    uses: { tables: [{ table: 'affiliates', access: 'read' }], secrets: ['reportLink'], uploads: ['put'] },
  },
  {
    name: 'submit-report',
    description:
      'Checks a submitted report against the rules, stores it, and verifies it on meta-wiki (exists, tied to the affiliate, listed).',
    memoryMb: 512,
    timeoutSeconds: 20,
    sizing:
      'language detection on up to 200 KB of text, one meta-wiki call capped at 5 s, a few writes and an email',
    uses: {
      tables: [
        { table: 'affiliates', access: 'readwrite' },
        { table: 'outbox', access: 'readwrite' },
        { table: 'limits', access: 'readwrite' },
      ],
      sendsMail: true,
      schedules: true,
      talkPage: true,
      secrets: ['reportLink'],
    },
  },
  {
    name: 'verify-report',
    description: 'Scheduled: retries verifying a received report on meta-wiki.',
    memoryMb: 256,
    timeoutSeconds: 20,
    sizing: 'one meta-wiki call capped at 5 s, a few writes and an email',
    uses: {
      tables: [
        { table: 'affiliates', access: 'readwrite' },
        { table: 'outbox', access: 'readwrite' },
      ],
      sendsMail: true,
      schedules: true,
      talkPage: true,
      // Accepting a report can release an owed notice, which carries a signed report link.
      secrets: ['reportLink'],
    },
  },
  {
    name: 'admin-reports',
    description:
      'Organizer routes: reports, verification by hand, staff notes, the reinstatement checklist, reinstatement.',
    memoryMb: 256,
    timeoutSeconds: 15,
    sizing:
      'a few reads and writes, at most one meta-wiki call (a checklist or a recheck, capped by META_API_TIMEOUT_MS), the reinstatement emails',
    uses: {
      tables: [
        { table: 'affiliates', access: 'readwrite' },
        { table: 'outbox', access: 'readwrite' },
      ],
      sendsMail: true,
      schedules: true,
      talkPage: true,
      // Accepting a report can release an owed notice, which carries a signed report link.
      secrets: ['reportLink'],
    },
  },
];

const admin = (
  method: RouteDef['method'],
  path: string,
  summary: string,
  responses: RouteDef['responses'],
  extra: Partial<RouteDef> = {},
): RouteDef => ({
  method,
  path,
  function: 'admin-reports',
  access: 'admin',
  tag: 'reports',
  summary,
  responses,
  ...extra,
});

const report = {
  periodStart: '2025-07-01',
  periodEnd: '2026-06-30',
  metaUrl: 'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan/Reports/2025-26',
  text: 'Over the year the group held twelve editing workshops in Lahore and Karachi ...',
};
const noAffiliate = { description: 'No such affiliate.', errors: ['not_found'] as const };
const noReport = { description: 'No such affiliate or report.', errors: ['not_found'] as const };
const rulesBroken = {
  description:
    'The report breaks one or more rules (including a page title with characters meta-wiki reads as syntax, such as | or #); `reasons` names each. A form gets the form again with them.',
  errors: ['report_rejected'] as const,
};
const stored = (html: boolean) => ({
  200: {
    description:
      'This report was already submitted; the stored one is returned, with `missing` as last checked.',
    json: r.reportStored,
    ...(html ? { html: 'also' as const } : {}),
  },
  201: {
    description:
      'Stored; accepted at once, or received and being verified on meta-wiki. `missing` lists what meta-wiki does not show yet (`code`: page_missing, not_listed or not_tied; `message`; `link` to the page to fix it on).',
    json: r.reportStored,
    example: {
      report: {
        reportId: 'r-2025-07-01_2026-06-30-1a2b',
        status: 'received',
        verification: { state: 'pending', attempts: 1 },
      },
      created: true,
      missing: [],
    },
    ...(html ? { html: 'also' as const } : {}),
  },
});
const overLimit = {
  description:
    'This affiliate has stored as many reports as it may today (each one emails every contact). A refused (422) or repeated report does not count.',
  errors: ['rate_limited'] as const,
  headers: { 'Retry-After': 'Seconds until a new try can succeed.' },
};

export const reportRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/affiliates/{id}/report',
    function: 'report-page',
    access: 'public',
    tag: 'reports',
    summary: 'The report form behind the personal link (English, Urdu).',
    description:
      'Reopened after a report was sent, it shows where that report stands. The link is checked before anything is read; it is the only credential.',
    query: {
      token: { description: 'The signed token from the email.', schema: v.string(), required: true },
      lang: 'en or ur',
    },
    responses: {
      200: { description: 'The form, or where the sent report stands.', html: 'only' },
      401: { description: 'The link is not valid.', html: 'only' },
      404: { description: 'The link is valid but the affiliate is gone.', errors: ['not_found'] },
      410: { description: 'The link has expired.', html: 'only' },
    },
  },
  {
    method: 'POST',
    path: '/affiliates/{id}/reports',
    function: 'submit-report',
    access: 'public',
    tag: 'reports',
    security: 'reportLink',
    summary: 'Submit the annual report with the personal link.',
    description:
      "Programs send the token from the link as `Authorization: Bearer`; the page's form sends it as the `token` field. A form gets a page back. `kind`: activity (default; a meta-wiki page and its text) or financial (`url` on meta-wiki or the organization's own https site; required of chapters, thematic organizations and incorporated user groups). `reportType`: annual (default) or multi_year (ends in the period and covers it). A report in another language gives `language` (a code) and an English version (`englishUrl` or `englishSummary`); organizers see it flagged.",
    body: { json: reportSubmissionSchema, form: reportFormSchema },
    example: report,
    responses: {
      ...stored(true),
      400: { description: 'A field is missing or malformed.', errors: ['invalid_request'], html: 'also' },
      401: {
        description: 'The link is not valid or has expired (a form gets a page saying so).',
        errors: ['invalid_link', 'link_expired'],
        html: 'also',
      },
      404: noAffiliate,
      413: {
        description: 'The body is too large (the text may be up to 200 KB).',
        errors: ['payload_too_large'],
      },
      422: { ...rulesBroken, html: 'also' },
      429: overLimit,
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/reports',
    function: 'submit-report',
    access: 'admin',
    tag: 'reports',
    summary: 'Submit a report on behalf of an affiliate, for its current agreement period.',
    body: { json: reportSubmissionSchema },
    example: report,
    responses: {
      ...stored(false),
      400: { description: 'A field is missing or malformed.', errors: ['invalid_request'] },
      404: noAffiliate,
      413: {
        description: 'The body is too large (the text may be up to 200 KB).',
        errors: ['payload_too_large'],
      },
      422: rulesBroken,
      429: overLimit,
    },
  },
  admin('GET', '/admin/affiliates/{id}/reports', 'The reports of an affiliate, with their history.', {
    200: { description: 'The reports, newest period first, without their text.', json: r.reportList },
    404: noAffiliate,
  }),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/verify',
    'Mark a report verified by hand (an organizer checked meta-wiki); accepts it.',
    { 200: { description: 'Accepted.', json: r.oneReport }, 404: noReport },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/reject',
    'Reject a report with a reason the contacts will read; a removal held for it is set again 14 days on.',
    {
      200: { description: 'Rejected (or already rejected).', json: r.oneReport },
      400: { description: 'No reason given.', errors: ['invalid_request'] },
      404: noReport,
      409: { description: 'The report was already accepted.', errors: ['conflict'] },
    },
    {
      body: { json: reasonSchema, form: reasonSchema },
      example: { reason: 'The page lists the activities of another group.' },
    },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/recheck',
    'Check a received report on meta-wiki again now (after the group fixed its page); accepted if it passes.',
    {
      200: {
        description: 'Checked: the report with its new verification state (accepted when verified).',
        json: r.oneReport,
      },
      404: noReport,
    },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/notes',
    'Add a staff note to a report: free text and/or the categories old_report, empty_report, incomplete_report.',
    {
      200: { description: 'The report with its notes.', json: r.oneReport },
      400: { description: 'No text and no category, or an unknown category.', errors: ['invalid_request'] },
      404: noReport,
    },
    {
      body: { json: staffNoteSchema, form: staffNoteSchema },
      example: { text: 'The report covers only half the year.', categories: ['incomplete_report'] },
    },
  ),
  admin('GET', '/admin/affiliates/{id}/checklist', 'The reinstatement checklist.', {
    200: { description: 'The three steps and which are done.', json: r.checklistReply },
    404: noAffiliate,
  }),
  admin(
    'POST',
    '/admin/affiliates/{id}/checklist',
    'Confirm a reinstatement step by hand.',
    {
      200: { description: 'The updated checklist.', json: r.checklistReply },
      400: { description: 'Unknown step.', errors: ['invalid_request'] },
      404: noAffiliate,
    },
    {
      body: { json: confirmStepSchema, form: confirmStepSchema },
      example: { step: 'group_page_updated', note: 'Checked the group page on meta today.' },
    },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reinstate',
    'Reinstate an affiliate once the checklist is complete.',
    {
      200: { description: 'Reinstated; Wikimedia-l is told.', json: r.reinstated },
      404: noAffiliate,
      409: { description: 'Not in reinstatement review.', errors: ['conflict'] },
      422: { description: 'Steps are missing; each is listed.', errors: ['reinstatement_incomplete'] },
    },
  ),
];
