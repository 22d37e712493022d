// Annual reports: the personal link's page and submission, meta-wiki verification, the
// organizer's report list, the reinstatement checklist and reinstatement.

import { reasonSchema } from '../lifecycle/rules.ts';
import {
  confirmStepSchema,
  reportFormSchema,
  reportSubmissionSchema,
  staffNoteSchema,
} from '../reports/rules.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const reportFunctions: FunctionDef[] = [
  {
    name: 'report-page',
    description: 'Serves the report form behind the personal link in reminder emails.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing:
      'one token check, a few reads of the affiliate partition, two presigned upload forms (no S3 call)',
    // Signs the document forms on the page (and POST /affiliates/{id}/uploads): the one
    // function that bundles @aws-sdk/s3-presigned-post.
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
  responses: Record<number, string>,
  extra: Partial<RouteDef> = {},
): RouteDef => ({ method, path, function: 'admin-reports', access: 'admin', summary, responses, ...extra });

export const reportRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/affiliates/{id}/report',
    function: 'report-page',
    access: 'public',
    summary: 'The report form behind the personal link (English, Urdu).',
    query: { token: 'the signed token from the email', lang: 'en or ur' },
    html: true,
    responses: { 200: 'The form.', 401: 'The link is not valid.', 410: 'The link has expired.' },
  },
  {
    method: 'POST',
    path: '/affiliates/{id}/reports',
    function: 'submit-report',
    access: 'public',
    summary:
      "Submit the annual report with the personal link (Bearer token, or the form with its token). `kind`: activity (default; a meta-wiki page and its text) or financial (`url` on meta-wiki or the organization's own https site; required of chapters, thematic organizations and incorporated user groups). `reportType`: annual (default) or multi_year (ends in the period and covers it). A report in another language gives `language` (a code) and an English version (`englishUrl` or `englishSummary`); organizers see it flagged.",
    body: { json: reportSubmissionSchema, form: reportFormSchema },
    responses: {
      200: 'This report was already submitted; the stored one is returned, with `missing` as last checked.',
      201: 'Stored; accepted at once, or received and being verified on meta-wiki. `missing` lists what meta-wiki does not show yet (`code`: page_missing, not_listed or not_tied; `message`; `link` to the page to fix it on).',
      400: 'A field is missing or malformed.',
      401: 'The link is not valid or has expired.',
      404: 'No such affiliate.',
      413: 'The body is too large (the text may be up to 200 KB).',
      422: 'The report breaks one or more rules (including a page title with characters meta-wiki reads as syntax, such as | or #); each is named.',
      429: 'This affiliate has stored as many reports as it may today (each one emails every contact); `Retry-After` says when to try again. A refused (422) or repeated report does not count.',
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/reports',
    function: 'submit-report',
    access: 'admin',
    summary: 'Submit a report on behalf of an affiliate, for its current agreement period.',
    body: { json: reportSubmissionSchema },
    responses: {
      200: 'Already submitted.',
      201: 'Stored; `missing` lists what meta-wiki does not show yet.',
      404: 'No such affiliate.',
      422: 'Rules broken; each is named.',
      429: 'Over the daily limit of stored reports for this affiliate.',
    },
  },
  admin('GET', '/admin/affiliates/{id}/reports', 'The reports of an affiliate, with their history.', {
    200: 'The reports, newest period first.',
    404: 'No such affiliate.',
  }),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/verify',
    'Mark a report verified by hand (an organizer checked meta-wiki); accepts it.',
    { 200: 'Accepted.', 404: 'No such affiliate or report.' },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/reject',
    'Reject a report with a reason the contacts will read; a removal held for it is set again 14 days on.',
    {
      200: 'Rejected (or already rejected).',
      400: 'No reason given.',
      404: 'No such affiliate or report.',
      409: 'The report was already accepted.',
    },
    { body: { json: reasonSchema, form: reasonSchema } },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/recheck',
    'Check a received report on meta-wiki again now (after the group fixed its page); accepted if it passes.',
    {
      200: 'Checked: the report with its new verification state (accepted when verified).',
      404: 'No such affiliate or report.',
    },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reports/{reportId}/notes',
    'Add a staff note to a report: free text and/or the categories old_report, empty_report, incomplete_report.',
    {
      200: 'The report with its notes.',
      400: 'No text and no category, or an unknown category.',
      404: 'No such affiliate or report.',
    },
    { body: { json: staffNoteSchema, form: staffNoteSchema } },
  ),
  admin('GET', '/admin/affiliates/{id}/checklist', 'The reinstatement checklist.', {
    200: 'The three steps and which are done.',
    404: 'No such affiliate.',
  }),
  admin(
    'POST',
    '/admin/affiliates/{id}/checklist',
    'Confirm a reinstatement step by hand.',
    { 200: 'The updated checklist.', 400: 'Unknown step.', 404: 'No such affiliate.' },
    { body: { json: confirmStepSchema } },
  ),
  admin(
    'POST',
    '/admin/affiliates/{id}/reinstate',
    'Reinstate an affiliate once the checklist is complete.',
    {
      200: 'Reinstated; Wikimedia-l is told.',
      404: 'No such affiliate.',
      422: 'Steps are missing; each is listed.',
    },
  ),
];
