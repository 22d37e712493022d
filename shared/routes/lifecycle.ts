// Affiliates and the reporting-compliance lifecycle: organizer routes, the public
// listings meta's affiliates pages show, and the schedule target.

import { affiliateSchema, reasonSchema } from '../lifecycle/rules.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const lifecycleFunctions: FunctionDef[] = [
  {
    name: 'admin-affiliates',
    description:
      'Organizer routes: register and update affiliates, list them, show one with its timeline, pause and resume.',
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
      'Target of the per-affiliate one-time schedules ({affiliateId, period, action}) and of the daily reconciliation ({action: "reconcile"}).',
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
      secrets: ['reportLink'],
    },
  },
];

const STATUS_QUERY =
  'active | report_due | expired | reinstatement_review | formerly_active (comma-separated)';

export const lifecycleRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    summary: 'Register an affiliate, or update it (a changed agreement restarts its lifecycle).',
    body: { json: affiliateSchema },
    responses: {
      200: 'Updated.',
      201: 'Registered.',
      400: 'A field is missing or wrong.',
      409: 'The agreement cannot change in this status; reinstate instead.',
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates',
    function: 'admin-affiliates',
    access: 'admin',
    summary: 'Affiliates, optionally only those with the given statuses.',
    query: { status: STATUS_QUERY },
    responses: { 200: 'The affiliates.', 400: 'Unknown status.' },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}',
    function: 'admin-affiliates',
    access: 'admin',
    summary: 'One affiliate: status, agreement, next deadline and the full timeline.',
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
    summary: 'Affiliates that are not Formerly Active: name, logo, page, type.',
    responses: { 200: 'The list.' },
  },
  {
    method: 'GET',
    path: '/affiliates/formerly-active',
    function: 'affiliates-public',
    access: 'public',
    summary: 'Formerly Active Affiliates, with the date each moved there.',
    responses: { 200: 'The list.' },
  },
];
