// Affiliates and the reporting-compliance lifecycle: organizer routes, the public
// listings meta's affiliates pages show, and the schedule target.

import * as v from 'valibot';
import {
  affiliateSchema,
  deferralSchema,
  importSchema,
  reasonSchema,
  removalDateSchema,
} from '../lifecycle/rules.ts';
import * as r from './replies.ts';
import type { FunctionDef, Reply, RouteDef } from './types.ts';

const listHeaders: Reply['headers'] = {
  ETag: 'Send it back in If-None-Match to get a 304 while the list is unchanged.',
  'Cache-Control': 'public, max-age=300',
};

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

const STATUS_LIST = r.AFFILIATE_STATUS.join('|');
const statusQuery = {
  description: 'Only these statuses, comma-separated (default: all).',
  schema: v.pipe(
    v.string(),
    v.regex(new RegExp(`^(?:\\s*(?:${STATUS_LIST})\\s*(?:,\\s*(?:${STATUS_LIST})\\s*)*)?$`)),
  ),
};

const registration = {
  id: 'wikimedia-pakistan-ug',
  name: 'Wikimedia Community User Group Pakistan',
  type: 'user_group',
  country: 'Pakistan',
  contactEmails: ['contact@example.org'],
  languages: ['ur'],
  metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan',
  logoUrl: 'https://upload.wikimedia.org/wikipedia/commons/a/a0/Wikimedia_Pakistan_logo.svg',
  agreement: { start: '2025-07-01', end: '2026-06-30' },
};

const invalid = (description = 'A field is missing or wrong; `fields` names each.') => ({
  description,
  errors: ['invalid_request'] as const,
});
const noAffiliate = { description: 'No such affiliate.', errors: ['not_found'] as const };

export const lifecycleRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary: 'Register an affiliate, or update it (a changed agreement restarts its lifecycle).',
    description:
      'Chapters and thematic organizations may give fiscalYearEnd (MM-DD, default 12-31) and report on their fiscal year; a user group may be marked incorporated (it then files a financial report too).',
    body: { json: affiliateSchema },
    beyondSchema: {
      agreement: 'an agreement that does not end after it starts',
      contactWikiUsernames: 'a user name with a format character outside the Basic Multilingual Plane',
    },
    example: registration,
    responses: {
      200: { description: 'Updated.', json: r.oneAffiliate },
      201: { description: 'Registered.', json: r.oneAffiliate },
      400: invalid(),
      409: {
        description:
          'The agreement cannot change in this status (reinstate instead), or someone else is changing the affiliate (try again).',
        errors: ['conflict'],
      },
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/preview',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'Dry run of a registration or update: where the affiliate would stand today, its timeline entries and every notice it would be sent (date, recipients, subject, text). Nothing is stored or sent.',
    body: { json: affiliateSchema },
    beyondSchema: {
      agreement: 'an agreement that does not end after it starts',
      contactWikiUsernames: 'a user name with a format character outside the Basic Multilingual Plane',
    },
    example: registration,
    responses: { 200: { description: 'The preview.', json: r.registrationPreview }, 400: invalid() },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/import',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary: 'Register or update many affiliates at once, all or nothing.',
    description:
      'From {"affiliates": [...]} or a CSV (text/csv; columns id,name,type,country,contactEmails,languages,metaPage,logoUrl,agreementStart,agreementEnd, optionally fiscalYearEnd and incorporated; lists split by ";"). All rows are checked first: any bad row refuses the whole batch. ?dryRun=true previews each row.',
    body: { json: importSchema, csv: true },
    example: { affiliates: [registration] },
    query: { dryRun: 'true: check and preview only, store and send nothing' },
    responses: {
      200: { description: 'Imported (or previewed), row by row.', json: r.importResult },
      400: invalid('Not a list of affiliates.'),
      422: {
        description: 'Some rows are wrong (listed by row); nothing was imported.',
        errors: ['import_rejected'],
      },
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}/preview',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'Every notice the automation will send this affiliate, exactly as it will be sent, with the steps and their dates.',
    query: {
      days: {
        description: 'Only the next N days, 0 to 999 (default: the whole period).',
        schema: v.pipe(v.string(), v.regex(/^\d{1,3}$/)),
      },
    },
    responses: {
      200: { description: 'The preview.', json: r.affiliatePreview },
      400: invalid('Bad days.'),
      404: noAffiliate,
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/removal-date',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'Give an expired or held affiliate a new, later removal date, with a reason the contacts will read.',
    body: { json: removalDateSchema, form: removalDateSchema },
    example: { day: '2026-09-30', reason: 'The group asked for time to translate its report.' },
    responses: {
      200: { description: 'Set.', json: r.oneAffiliate },
      400: invalid(),
      404: noAffiliate,
      409: {
        description:
          'Not expired or held, or a chapter or thematic organization (never removed automatically); `status` says what it is.',
        errors: ['conflict'],
      },
      422: { description: 'The day is not after today.', errors: ['removal_date_past'] },
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/deferral',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'Defer the due date of the current period, with a reason the contacts will read. Every later step (reminders, past-due notice, escalations, removal) is counted from the new date.',
    body: { json: deferralSchema, form: deferralSchema },
    example: { day: '2026-10-31', reason: 'The board approved the report late.' },
    responses: {
      200: {
        description: 'Deferred; the affiliate with its new due date and next deadline.',
        json: r.oneAffiliate,
      },
      400: invalid(),
      404: noAffiliate,
      409: {
        description: 'In reinstatement review or Formerly Active: reinstate instead.',
        errors: ['conflict'],
      },
      422: {
        description: 'The day is not after today and after the current due date.',
        errors: ['deferral_not_later'],
      },
    },
  },
  {
    method: 'GET',
    path: '/admin/policies',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'The reporting policy of each kind of affiliate (user group, incorporated user group, chapter, thematic organization): basis, due date, required reports, reminders, what happens past due, and the source of each rule.',
    responses: { 200: { description: 'The policies.', json: r.policies } },
  },
  {
    method: 'GET',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'Affiliates, optionally only those with the given statuses; each with the notices it is owed (`owedNotices`) and the contact addresses that bounce or complained (`bouncing`).',
    query: { status: statusQuery },
    responses: {
      200: { description: 'The affiliates.', json: r.affiliateList },
      400: invalid('Unknown status.'),
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary:
      'One affiliate: status, agreement, next deadline, the steps of its cycle with their days (`cycle`) and the full timeline.',
    responses: { 200: { description: 'The affiliate.', json: r.affiliateWithTimeline }, 404: noAffiliate },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/pause',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary: 'Hold the automation for this affiliate, with a reason.',
    body: { json: reasonSchema, form: reasonSchema },
    example: { reason: 'The group is changing its contacts.' },
    responses: {
      200: { description: 'Paused (or already paused).', json: r.oneAffiliate },
      400: invalid('No reason given.'),
      404: noAffiliate,
    },
  },
  {
    method: 'POST',
    path: '/admin/affiliates/{id}/resume',
    function: 'admin-affiliates',
    access: 'admin',
    tag: 'affiliates',
    summary: 'Let the automation run again; whatever fell due meanwhile happens now.',
    body: { json: reasonSchema, form: reasonSchema },
    example: { reason: 'The new contacts are registered.' },
    responses: {
      200: { description: 'Resumed (or was not paused).', json: r.oneAffiliate },
      400: invalid('No reason given.'),
      404: noAffiliate,
    },
  },
  {
    method: 'GET',
    path: '/affiliates',
    function: 'affiliates-public',
    access: 'public',
    tag: 'affiliates',
    summary: 'Affiliates on the affiliates page: name, logo, page, type.',
    description:
      'A group leaves the list when moved to Formerly Active and returns only when reinstated. Browsers (Accept: text/html) get a page in English or Urdu; replies are cacheable for five minutes and carry an ETag.',
    query: { lang: 'Language of the page: en or ur.' },
    responses: {
      200: { description: 'The list.', json: r.publicAffiliates, html: 'also', headers: listHeaders },
      304: { description: 'The copy named in If-None-Match is current.', empty: true, headers: listHeaders },
    },
  },
  {
    method: 'GET',
    path: '/affiliates/formerly-active',
    function: 'affiliates-public',
    access: 'public',
    tag: 'affiliates',
    summary: 'Formerly Active Affiliates, with the date each moved there.',
    description:
      'Also while a late report is in reinstatement review. Browsers get a page; cacheable for five minutes, with an ETag.',
    query: { lang: 'Language of the page: en or ur.' },
    responses: {
      200: { description: 'The list.', json: r.publicAffiliates, html: 'also', headers: listHeaders },
      304: { description: 'The copy named in If-None-Match is current.', empty: true, headers: listHeaders },
    },
  },
];
