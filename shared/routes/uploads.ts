// Report documents (PDF): a presigned POST behind the personal link, the completion step
// that checks what arrived in S3, and the organizers' list with download links.

import { uploadRequestSchema } from '../uploads/rules.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const uploadFunctions: FunctionDef[] = [
  {
    name: 'report-uploads',
    description:
      'Completes a document upload: checks the object in S3 (size, PDF header) and records it, or removes it.',
    memoryMb: 256,
    timeoutSeconds: 10,
    sizing: 'one HEAD and one 5-byte ranged GET on S3, a conditional write and a timeline entry',
    uses: {
      tables: [{ table: 'affiliates', access: 'readwrite' }],
      secrets: ['reportLink'],
      uploads: ['read', 'delete'],
    },
  },
  {
    name: 'admin-uploads',
    description:
      'Organizer route: the documents an affiliate uploaded, each with a short-lived download link.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'one query and a presigned GET per document (signing only, no S3 call)',
    uses: { tables: [{ table: 'affiliates', access: 'read' }], uploads: ['read'] },
  },
];

const KIND = 'financial_statement or activity_report';

export const uploadRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/affiliates/{id}/uploads',
    function: 'report-page',
    access: 'public',
    summary:
      'A presigned POST to upload one document (PDF, up to 20 MB) straight to S3, with the personal link (Bearer token). Send the fields, then the file as `file`, as multipart/form-data; then call the completion route.',
    body: { json: uploadRequestSchema },
    responses: {
      200: '`upload`: `url`, `fields` (in order, before the file), `key`, `maxBytes`, `expiresAt`.',
      400: `\`kind\` is missing or not ${KIND}.`,
      401: 'The link is not valid or has expired.',
      404: 'No such affiliate.',
    },
  },
  {
    method: 'POST',
    path: '/affiliates/{id}/uploads/{kind}/complete',
    function: 'report-uploads',
    access: 'public',
    summary: `After the file is in S3: check it (size, PDF header) and record it. \`kind\`: ${KIND}. Personal link as Bearer token.`,
    responses: {
      200: 'This very file was already recorded; `upload` as stored.',
      201: 'Recorded: `upload` (`document`, `period`, `size`, `uploadedAt`).',
      401: 'The link is not valid or has expired.',
      404: 'No such affiliate or document kind (`not_found`), or no file has arrived yet (`upload_missing`).',
      422: 'The file was refused and removed: `upload_not_pdf` (it does not start with %PDF-), `upload_too_large` (over 20 MB) or `upload_empty`.',
    },
  },
  {
    method: 'GET',
    path: '/affiliates/{id}/uploads/{kind}/complete',
    function: 'report-uploads',
    access: 'public',
    summary:
      'Where S3 sends the browser after the report page’s upload form: the same check, answered as a page.',
    query: { token: 'the signed token from the email', lang: 'en or ur' },
    html: true,
    responses: {
      200: 'The document is recorded.',
      401: 'The link is not valid.',
      404: 'No such document kind, or no file has arrived.',
      410: 'The link has expired.',
      422: 'The file was refused and removed; the page says why.',
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}/uploads',
    function: 'admin-uploads',
    access: 'admin',
    summary:
      'The documents an affiliate uploaded, newest period first, each with a download link valid for 5 minutes.',
    responses: {
      200: '`uploads`: `document`, `period`, `size`, `uploadedAt`, `downloadUrl`, `downloadExpiresAt`.',
      404: 'No such affiliate.',
    },
  },
];
