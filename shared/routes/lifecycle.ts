// Affiliates and the reporting-compliance lifecycle: organizer routes, the public
// listings meta's affiliates pages show, and the schedule target.

import {
  affiliateSchema,
  deferralSchema,
  importSchema,
  reasonSchema,
  removalDateSchema,
} from '../lifecycle/rules.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const lifecycleFunctions: FunctionDef[] = [
  {
    name: 'admin-affiliates',
    description:
      'Organizer routes: register, import and update affiliates, preview their notices, list them, show one with its timeline, pause and resume, set a removal date, defer a due date, read the reporting policies.',
    memoryMb: 256,
    timeoutSeconds: 15,
    sizing: 'a few reads and conditional writes; registering a late agreement may send a notice at once',
    uses: {
      tables: [
        { table: 'affiliates', access: 'readwrite' },
        { table: 'outbox', access: 'readwrite' },
      ],
      sendsMail: true,
      schedules: true,
      talkPage: true,
      secrets: ['reportLink'],
    },
  },
  {
    name: 'affiliates-public',
    description: 'Public listings: current affiliates, and Formerly Active Affiliates with the date.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'a handful of index queries',
    uses: { tables: [{ table: 'affiliates', access: 'read' }] },
  },
  {
    name: 'lifecycle',
    description:
      'Target of the per-affiliate one-time schedules ({affiliateId, period, action}), the daily reconciliation ({action: "reconcile"}) and the weekly organizer digest ({action: "digest"}).',
    memoryMb: 256,
    timeoutSeconds: 60,
    sizing: 'one affiliate per schedule; reconciliation handles only what is due, a few calls each',
    uses: {
      tables: [
        { table: 'affiliates', access: 'readwrite' },
        { table: 'outbox', access: 'readwrite' },
      ],
      sendsMail: true,
      schedules: true,
      talkPage: true,
      secrets: ['reportLink'],
    },
  },
];

const STATUS_QUERY =
  'active | report_due | expired | removal_held | reinstatement_review | formerly_active | suspended (comma-separated)';

export const lifecycleRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Register an affiliate, or update it (a changed agreement restarts its lifecycle). Chapters and thematic organizations may give fiscalYearEnd (MM-DD, default 12-31) and report on their fiscal year; a user group may be marked incorporated (it then files a financial report too).',
    body: { json: affiliateSchema },
    responses: {
      200: 'Updated.',
      201: 'Registered.',
      400: 'A field is missing or wrong.',
      409: 'The agreement cannot change in this status; reinstate instead.',
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/preview',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Dry run of a registration or update: where the affiliate would stand today, its timeline entries and every notice it would be sent (date, recipients, subject, text). Nothing is stored or sent.',
    body: { json: affiliateSchema },
    responses: { 200: 'The preview.', 400: 'A field is missing or wrong.' },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/import',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Register or update many affiliates from {"affiliates": [...]} or a CSV (text/csv; columns id,name,type,country,contactEmails,languages,metaPage,logoUrl,agreementStart,agreementEnd, optionally fiscalYearEnd and incorporated; lists split by ";"). All rows are checked first: any bad row refuses the whole batch. ?dryRun=true previews each row.',
    body: { json: importSchema },
    query: { dryRun: 'true: check and preview only, store and send nothing' },
    responses: {
      200: 'Imported (or previewed), row by row.',
      400: 'Not a list of affiliates.',
      413: 'Larger than 1 MB.',
      422: 'Some rows are wrong (listed by row); nothing was imported.',
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}/preview',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Every notice the automation will send this affiliate, exactly as it will be sent, with the steps and their dates.',
    query: { days: 'only the next N days (default: the whole period)' },
    responses: { 200: 'The preview.', 400: 'Bad days.', 404: 'No such affiliate.' },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/removal-date',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Give an expired or held affiliate a new, later removal date, with a reason the contacts will read.',
    body: { json: removalDateSchema, form: removalDateSchema },
    responses: {
      200: 'Set.',
      400: 'A field is missing or wrong.',
      404: 'No such affiliate.',
      409: 'Not expired or held, or a chapter or thematic organization (never removed automatically).',
      422: 'The day is not after today.',
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/deferral',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Defer the due date of the current period, with a reason the contacts will read. Every later step (reminders, past-due notice, escalations, removal) is counted from the new date.',
    body: { json: deferralSchema, form: deferralSchema },
    responses: {
      200: 'Deferred; the affiliate with its new due date and next deadline.',
      400: 'A field is missing or wrong.',
      404: 'No such affiliate.',
      409: 'In reinstatement review or Formerly Active: reinstate instead.',
      422: 'The day is not after today and after the current due date.',
    },
  },
  {
    method: 'GET',
    path: '/admin/policies',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'The reporting policy of each kind of affiliate (user group, incorporated user group, chapter, thematic organization): basis, due date, required reports, reminders, what happens past due, and the source of each rule.',
    responses: { 200: 'The policies.' },
  },
  {
    method: 'GET',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'Affiliates, optionally only those with the given statuses; each with the notices it is owed (`owedNotices`) and the contact addresses that bounce or complained (`bouncing`).',
    query: { status: STATUS_QUERY },
    responses: { 200: 'The affiliates.', 400: 'Unknown status.' },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}',
    function: 'admin-affiliates',
    access: 'admin',
    summary:
      'One affiliate: status, agreement, next deadline, the steps of its cycle with their days (`cycle`) and the full timeline.',
    responses: { 200: 'The affiliate.', 404: 'No such affiliate.' },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/pause',
    function: 'admin-affiliates',
    access: 'admin',
    summary: 'Hold the automation for this affiliate, with a reason.',
    body: { json: reasonSchema, form: reasonSchema },
    responses: { 200: 'Paused (or already paused).', 400: 'No reason given.', 404: 'No such affiliate.' },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/resume',
    function: 'admin-affiliates',
    access: 'admin',
    summary: 'Let the automation run again; whatever fell due meanwhile happens now.',
    body: { json: reasonSchema, form: reasonSchema },
    responses: { 200: 'Resumed (or was not paused).', 400: 'No reason given.', 404: 'No such affiliate.' },
  },
  {
    method: 'GET',
    path: '/affiliates',
    function: 'affiliates-public',
    access: 'public',
    summary:
      'Affiliates on the affiliates page: name, logo, page, type. A group leaves it when moved to Formerly Active and returns only when reinstated.',
    responses: { 200: 'The list.' },
  },
  {
    method: 'GET',
    path: '/affiliates/formerly-active',
    function: 'affiliates-public',
    access: 'public',
    summary:
      'Formerly Active Affiliates, with the date each moved there (also while a late report is in reinstatement review).',
    responses: { 200: 'The list.' },
  },
];
