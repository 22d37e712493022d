// Report documents (PDF): a presigned POST behind the personal link, the completion step
// that checks what arrived in S3, and the organizers' list with download links.

import * as v from 'valibot';
import { uploadRequestSchema } from '../uploads/rules.ts';
import * as r from './replies.ts';
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
const badLink = {
  description: 'The link is not valid or has expired.',
  errors: ['invalid_link', 'link_expired'] as const,
};
const uploadedAt = '2026-07-20T09:30:00.000Z';
const stored = {
  document: 'financial_statement',
  period: '2025-07-01_2026-06-30',
  size: 48213,
  etag: '"9b2cf535f27731c974343645a3985328"',
  versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
  uploadedAt,
  uploadedBy: 'affiliate',
  key: 'wmpk/2025-07-01_2026-06-30/financial_statement.pdf',
};

export const uploadRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/affiliates/{id}/uploads',
    function: 'report-page',
    access: 'public',
    tag: 'reports',
    security: 'reportLink',
    summary: 'A presigned POST to upload one document (PDF, up to 20 MB) straight to S3.',
    description:
      'With the personal link (Bearer token). Send the fields, then the file as `file`, as multipart/form-data to `url`; then call the completion route.',
    body: { json: uploadRequestSchema },
    example: { kind: 'financial_statement' },
    responses: {
      200: {
        description:
          'The form to post to S3: `url`, `fields` (in order, before the file), `key`, `maxBytes`, `expiresAt`.',
        json: r.uploadForm,
        example: {
          upload: {
            url: 'https://affiliate-compliance-prod-uploads.s3.eu-west-1.amazonaws.com/',
            fields: {
              key: stored.key,
              'Content-Type': 'application/pdf',
              Policy: 'eyJ...',
              'X-Amz-Signature': '0a1b...',
            },
            key: stored.key,
            maxBytes: 20971520,
            expiresAt: '2026-07-20T10:30:00.000Z',
          },
        },
      },
      400: { description: `\`kind\` is missing or not ${KIND}.`, errors: ['invalid_request'] },
      401: badLink,
      404: { description: 'No such affiliate.', errors: ['not_found'] },
    },
  },
  {
    method: 'POST',
    path: '/affiliates/{id}/uploads/{kind}/complete',
    function: 'report-uploads',
    access: 'public',
    tag: 'reports',
    security: 'reportLink',
    summary: 'After the file is in S3: check it (size, PDF header) and record it.',
    description: `\`kind\`: ${KIND}. Personal link as Bearer token.`,
    responses: {
      200: {
        description: 'This very file was already recorded; `upload` as stored.',
        json: r.uploadCompleted,
        example: { upload: stored, created: false },
      },
      201: {
        description: 'Recorded: `upload` (`document`, `period`, `size`, `uploadedAt`, ...).',
        json: r.uploadCompleted,
        example: { upload: stored, created: true },
      },
      401: badLink,
      404: {
        description:
          'No such affiliate or document kind (`not_found`), or no file has arrived yet (`upload_missing`).',
        errors: ['not_found', 'upload_missing'],
      },
      422: {
        description:
          'The file was refused and removed: `upload_not_pdf` (it does not start with %PDF-), `upload_too_large` (over 20 MB) or `upload_empty`.',
        errors: ['upload_not_pdf', 'upload_too_large', 'upload_empty'],
      },
    },
  },
  {
    method: 'GET',
    path: '/affiliates/{id}/uploads/{kind}/complete',
    function: 'report-uploads',
    access: 'public',
    tag: 'reports',
    summary:
      'Where S3 sends the browser after the report page’s upload form: the same check, answered as a page.',
    query: {
      token: { description: 'The signed token from the email.', schema: v.string(), required: true },
      lang: 'en or ur',
    },
    responses: {
      200: { description: 'The document is recorded.', html: 'only' },
      401: { description: 'The link is not valid.', html: 'only' },
      404: {
        description:
          'No such affiliate or document kind (`not_found`), or no file has arrived (`upload_missing`, as a page).',
        errors: ['not_found', 'upload_missing'],
        html: 'also',
      },
      410: { description: 'The link has expired.', html: 'only' },
      422: { description: 'The file was refused and removed; the page says why.', html: 'only' },
    },
  },
  {
    method: 'GET',
    path: '/admin/affiliates/{id}/uploads',
    function: 'admin-uploads',
    access: 'admin',
    tag: 'reports',
    summary:
      'The documents an affiliate uploaded, newest period first, each with a download link valid for 5 minutes.',
    responses: {
      200: {
        description: '`uploads`: each document as stored, with `downloadUrl` and `downloadExpiresAt`.',
        json: r.uploadList,
        example: {
          uploads: [
            {
              ...stored,
              downloadUrl:
                'https://affiliate-compliance-prod-uploads.s3.eu-west-1.amazonaws.com/wmpk/...&X-Amz-Signature=...',
              downloadExpiresAt: '2026-07-20T09:35:00.000Z',
            },
          ],
        },
      },
      404: { description: 'No such affiliate.', errors: ['not_found'] },
    },
  },
];
