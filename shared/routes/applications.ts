// Membership applications: the public form and its confirmation link, and the
// organizers' review routes.

import * as v from 'valibot';
import { DATE_PARTS } from '../applications/pages.ts';
import {
  applicationSchema,
  decisionSchema,
  FIELD_ORDER,
  HONEYPOT_FIELD,
  resendSchema,
} from '../applications/schema.ts';
import * as r from './replies.ts';
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
  limit: {
    description: 'Items per page, 1 to 100 (default 25).',
    schema: v.pipe(v.string(), v.regex(/^(?=\d{1,3}$)0*(?:[1-9]\d?|100)$/)),
  },
  cursor: { description: 'nextCursor from the previous page.', schema: v.string() },
};
const lang = { lang: 'Language of the page: en or ur (anything else: Accept-Language, then English).' };

const stored = 'Nothing was stored or sent.';

/**
 * The HTML form's fields as the browser posts them: every field as text, blank ones
 * meaning "not given", the date of birth as three parts (datePartsToIso joins them).
 * Each is then checked as the JSON body's field is.
 */
const text = v.optional(v.string());
const applicationFormSchema = v.object({
  kind: v.picklist(['individual', 'institution']),
  ...Object.fromEntries(
    [...new Set([...FIELD_ORDER.individual, ...FIELD_ORDER.institution])]
      .filter((name) => name !== 'kind')
      .map((name) => [name, text]),
  ),
  [DATE_PARTS.day]: text,
  [DATE_PARTS.month]: text,
  [DATE_PARTS.year]: text,
  [HONEYPOT_FIELD]: v.optional(v.pipe(v.string(), v.maxLength(0))),
});
export const applicationRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/',
    function: 'apply-page',
    access: 'public',
    tag: 'applications',
    summary: 'Redirects to the membership form.',
    query: lang,
    responses: {
      302: {
        description: 'To /apply, keeping a supported ?lang=.',
        empty: true,
        headers: { Location: '/apply or /apply?lang=ur' },
      },
    },
  },
  {
    method: 'GET',
    path: '/apply',
    function: 'apply-page',
    access: 'public',
    tag: 'applications',
    summary: 'The membership form (HTML, works without JavaScript).',
    query: {
      lang: 'Language code (en, ur); else Accept-Language; else English.',
      kind: 'institution shows the institution form; anything else the individual one.',
    },
    responses: {
      200: { description: 'The form.', html: 'only', headers: { 'Content-Language': 'en or ur' } },
    },
  },
  {
    method: 'POST',
    path: '/applications',
    function: 'submit-application',
    access: 'public',
    tag: 'applications',
    summary: 'Apply for membership; a confirmation link is emailed.',
    description:
      'JSON for programs, or the HTML form for people: a form gets a page back (the form again, with each problem beside its field, when refused). Eligibility is checked on the submission day in Pakistan: citizens of Pakistan aged 18 or more, institutions registered in Pakistan.',
    body: { json: applicationSchema, form: applicationFormSchema },
    beyondSchema: {
      dateOfBirth: 'a day in the future',
      email: 'an address on the suppression list (earlier emails to it bounced or were reported as unwanted)',
    },
    example: {
      kind: 'individual',
      name: 'Ayesha Khan',
      email: 'ayesha@example.org',
      dateOfBirth: '1994-03-21',
      citizenship: 'PK',
      cnic: '35202-1234567-1',
      wikimediaUsername: 'Ayesha K',
      city: 'Lahore',
      language: 'en',
    },
    responses: {
      202: {
        description:
          'Stored; the confirmation link is on its way (JSON), or the "check your email" page (form).',
        json: r.applicationAccepted,
        example: { id: '0b6f9a7e-2c1d-4e59-9a53-1f2d3c4b5a69', status: 'pending_confirmation' },
        html: 'also',
      },
      400: {
        description: `Malformed or invalid input, or an email address on the suppression list; \`fields\` lists each problem. ${stored}`,
        errors: ['invalid_request'],
        html: 'also',
      },
      409: {
        description:
          "A live application exists for this email address or CNIC / registration number (`conflict`). When only the CNIC is taken, the application is kept aside for the organizers, a confirmation link is emailed, and the code is `cnic_claimed` with the held application's `id` (see docs/applications.md).",
        errors: ['conflict', 'cnic_claimed'],
        html: 'also',
      },
      422: {
        description: `Not eligible; \`reasons\` says why. ${stored}`,
        errors: ['not_eligible'],
        html: 'also',
      },
      429: {
        description: `Over a limit (\`limit\`: applications per client per hour, confirmation emails per address or domain per hour, or per day). ${stored}`,
        errors: ['rate_limited'],
        html: 'also',
        headers: { 'Retry-After': 'Seconds until a new try can succeed.' },
      },
      503: {
        description: `The confirmation email could not be sent, or a dependency is down. ${stored}`,
        errors: ['service_unavailable'],
      },
    },
  },
  {
    method: 'POST',
    path: '/applications/resend',
    function: 'submit-application',
    access: 'public',
    tag: 'applications',
    summary:
      'Send the confirmation link again to an address with an application waiting for confirmation. The reply is the same whether or not one waits.',
    body: { json: resendSchema, form: resendSchema },
    example: { email: 'ayesha@example.org' },
    responses: {
      202: {
        description: 'Done, if an application waits for that address (a page for a form).',
        json: r.resendAccepted,
        example: { status: 'accepted' },
        html: 'also',
      },
      400: { description: 'Not an email address.', errors: ['invalid_request'], html: 'also' },
      429: {
        description: 'Over the client or address limits.',
        errors: ['rate_limited'],
        html: 'also',
        headers: { 'Retry-After': 'Seconds until a new try can succeed.' },
      },
    },
  },
  {
    method: 'GET',
    path: '/applications/confirm',
    function: 'confirm-application',
    access: 'public',
    tag: 'applications',
    summary: 'Confirm an application from the emailed link (single use, valid 7 days).',
    description: "Browsers (Accept: text/html) get a page in the applicant's language, other clients JSON.",
    query: {
      token: { description: 'The token from the email.', schema: v.string(), required: true },
      ...lang,
    },
    responses: {
      200: {
        description: 'Confirmed: the application is now submitted to the organizers.',
        json: r.applicationConfirmed,
        example: { id: '0b6f9a7e-2c1d-4e59-9a53-1f2d3c4b5a69', status: 'submitted' },
        html: 'also',
      },
      400: { description: 'No token.', errors: ['invalid_request'] },
      404: { description: 'Not a token we issued.', errors: ['token_not_found'], html: 'also' },
      409: { description: 'The link was already used.', errors: ['token_used'], html: 'also' },
      410: { description: 'The link has expired.', errors: ['token_expired'], html: 'also' },
    },
  },
  {
    method: 'GET',
    path: '/admin/applications',
    function: 'admin-applications',
    access: 'admin',
    tag: 'review',
    summary: 'Applications with a status, oldest first, a page at a time.',
    beyondSchema: { cursor: 'not a nextCursor this API gave' },
    query: {
      status: {
        description: 'Which applications (default submitted).',
        schema: v.picklist(r.APPLICATION_STATUS),
      },
      ...pageQuery,
    },
    responses: {
      200: { description: 'A page of applications.', json: r.applicationPage, example: { items: [] } },
      400: { description: 'Bad status, limit or cursor.', errors: ['invalid_request'] },
    },
  },
  {
    method: 'GET',
    path: '/admin/applications/counts',
    function: 'admin-applications',
    access: 'admin',
    tag: 'review',
    summary: 'How many applications have each status (unexpired ones only), for the queue.',
    responses: {
      200: {
        description: 'The count of each status.',
        json: r.applicationCounts,
        example: { counts: { pending_confirmation: 2, submitted: 5, approved: 40, rejected: 3 } },
      },
    },
  },
  {
    method: 'GET',
    path: '/admin/applications/{id}',
    function: 'admin-applications',
    access: 'admin',
    tag: 'review',
    summary: 'One application (no CNIC, no date of birth: they are not kept).',
    responses: {
      200: { description: 'The application.', json: r.application },
      404: { description: 'No such application.', errors: ['not_found'] },
    },
  },
  {
    method: 'POST',
    path: '/admin/applications/{id}/decision',
    function: 'admin-applications',
    access: 'admin',
    tag: 'review',
    summary: 'Approve or reject a submitted application, once; the applicant is emailed.',
    body: { json: decisionSchema },
    example: { decision: 'reject', reason: 'The CNIC on the application does not match the name given.' },
    responses: {
      200: { description: 'Decided.', json: r.decided },
      400: { description: 'Invalid decision (a rejection needs a reason).', errors: ['invalid_request'] },
      404: { description: 'No such application.', errors: ['not_found'] },
      409: {
        description:
          'Already decided (`decision` shows the earlier one), not yet confirmed (`not_submitted`), or, approving an application held for a disputed CNIC, the other application still holds it (`claim_held`: reject that one first).',
        errors: ['conflict', 'not_submitted', 'claim_held'],
      },
    },
  },
  {
    method: 'GET',
    path: '/admin/members',
    function: 'admin-applications',
    access: 'admin',
    tag: 'review',
    summary: 'Approved members, a page at a time.',
    query: pageQuery,
    beyondSchema: { cursor: 'not a nextCursor this API gave' },
    responses: {
      200: { description: 'A page of members.', json: r.memberPage, example: { items: [] } },
      400: { description: 'Bad limit or cursor.', errors: ['invalid_request'] },
    },
  },
];
