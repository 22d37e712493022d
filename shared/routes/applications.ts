// Membership applications: the public form and its confirmation link, and the
// organizers' review routes.

import { resendSchema } from '../applications/resend.ts';
import { applicationSchema, decisionSchema } from '../applications/schema.ts';
import type { FunctionDef, RouteDef } from './types.ts';

const table = (access: 'read' | 'readwrite') => [{ table: 'applications' as const, access }];
const outbox = { table: 'outbox' as const, access: 'readwrite' as const };

export const applicationFunctions: FunctionDef[] = [
  {
    name: 'apply-page',
    description: 'Serves the membership form (GET /apply) and redirects / to it.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'renders a small page from memory; no I/O',
    uses: { tables: [] },
  },
  {
    name: 'submit-application',
    description: 'Validates, checks eligibility, stores an application and emails its confirmation link.',
    memoryMb: 512,
    timeoutSeconds: 10,
    sizing: 'one transaction, one email; more memory means more CPU for HMAC and cold starts',
    uses: {
      tables: [...table('readwrite'), { table: 'limits', access: 'readwrite' }],
      sendsMail: true,
      secrets: ['cnicHmac'],
    },
  },
  {
    name: 'confirm-application',
    description: 'Confirms an application from the emailed link and tells the organizers.',
    memoryMb: 256,
    timeoutSeconds: 10,
    sizing: 'two reads, one transaction, one email',
    uses: { tables: [...table('readwrite'), outbox], sendsMail: true },
  },
  {
    name: 'admin-applications',
    description: 'Organizer review: list, count, read and decide applications; list members.',
    memoryMb: 256,
    timeoutSeconds: 10,
    sizing: 'one query or transaction per call, one email per decision',
    uses: { tables: [...table('readwrite'), outbox], sendsMail: true },
  },
];

const pageQuery = {
  limit: 'Items per page, 1 to 100 (default 25).',
  cursor: 'nextCursor from the previous page.',
};

export const applicationRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/',
    function: 'apply-page',
    access: 'public',
    summary: 'Redirects to the membership form.',
    query: { lang: 'Language code (en, ur).' },
    responses: { 302: 'To /apply.' },
  },
  {
    method: 'GET',
    path: '/apply',
    function: 'apply-page',
    access: 'public',
    summary: 'The membership form (HTML, works without JavaScript).',
    query: {
      lang: 'Language code (en, ur); else Accept-Language; else English.',
      kind: 'individual (default) or institution.',
    },
    responses: { 200: 'The form.' },
    html: true,
  },
  {
    method: 'POST',
    path: '/applications',
    function: 'submit-application',
    access: 'public',
    summary: 'Apply for membership; a confirmation link is emailed.',
    body: { json: applicationSchema, form: applicationSchema },
    responses: {
      202: '{ "id", "status": "pending_confirmation" } (JSON) or the "check your email" page (form).',
      400: 'Malformed or invalid input, or an email address on the suppression list; `fields` lists each problem (a form gets the form back).',
      409: "A live application exists for this email address or CNIC / registration number (`conflict`). When only the CNIC is taken, the application is kept aside for the organizers, a confirmation link is emailed, and the code is `cnic_claimed` with the held application's `id` (see docs/applications.md).",
      413: 'Body over 64 KB.',
      415: 'Neither JSON nor a URL-encoded form.',
      422: 'Not eligible; `reasons` says why (under_age, not_citizen, not_registered_in_pakistan).',
      429: 'Over a limit (`limit`: applications per client per hour, confirmation emails per address or domain per hour, or per day); nothing stored or sent; `Retry-After` and `retryAfterSeconds` say when to try again.',
      503: 'The confirmation email could not be sent; nothing was stored, try again.',
    },
  },
  {
    method: 'POST',
    path: '/applications/resend',
    function: 'submit-application',
    access: 'public',
    summary:
      'Send the confirmation link again to an address with an application waiting for confirmation. The reply is the same whether or not one waits.',
    body: { json: resendSchema, form: resendSchema },
    responses: {
      202: 'Done, if an application waits for that address (JSON `{ "status": "accepted" }`, or a page for a form).',
      400: 'Not an email address.',
      413: 'Body over 64 KB.',
      415: 'Neither JSON nor a URL-encoded form.',
      429: 'Over the client or address limits; `Retry-After` says when to try again.',
    },
  },
  {
    method: 'GET',
    path: '/applications/confirm',
    function: 'confirm-application',
    access: 'public',
    summary: 'Confirm an application from the emailed link (single use, valid 7 days).',
    query: { token: 'The token from the email.', lang: 'Language of error pages.' },
    responses: {
      200: 'Confirmed: the application is now submitted (a page for browsers).',
      400: 'No token.',
      404: 'Unknown token.',
      409: 'The link was already used.',
      410: 'The link has expired.',
    },
  },
  {
    method: 'GET',
    path: '/admin/applications',
    function: 'admin-applications',
    access: 'admin',
    summary: 'Applications with a status, oldest first, a page at a time.',
    query: { status: 'pending_confirmation, submitted (default), approved or rejected.', ...pageQuery },
    responses: { 200: '{ "items", "nextCursor"? }', 400: 'Bad status, limit or cursor.' },
  },
  {
    method: 'GET',
    path: '/admin/applications/counts',
    function: 'admin-applications',
    access: 'admin',
    summary: 'How many applications have each status (unexpired ones only), for the queue.',
    responses: { 200: '{ "counts": { "pending_confirmation", "submitted", "approved", "rejected" } }' },
  },
  {
    method: 'GET',
    path: '/admin/applications/{id}',
    function: 'admin-applications',
    access: 'admin',
    summary: 'One application (no CNIC, no date of birth: they are not kept).',
    responses: { 200: 'The application.', 404: 'No such application.' },
  },
  {
    method: 'POST',
    path: '/admin/applications/{id}/decision',
    function: 'admin-applications',
    access: 'admin',
    summary: 'Approve or reject a submitted application, once; the applicant is emailed.',
    body: { json: decisionSchema },
    responses: {
      200: '{ "application", "emailed" }',
      400: 'Invalid decision (a rejection needs a reason).',
      404: 'No such application.',
      409: 'Already decided (`decision` shows the earlier one), not yet confirmed (not_submitted), or, approving an application held for a disputed CNIC, the other application still holds it (claim_held: reject that one first).',
      415: 'Not JSON.',
    },
  },
  {
    method: 'GET',
    path: '/admin/members',
    function: 'admin-applications',
    access: 'admin',
    summary: 'Approved members, a page at a time.',
    query: pageQuery,
    responses: { 200: '{ "items", "nextCursor"? }', 400: 'Bad limit or cursor.' },
  },
];
