// Report documents (PDF) that an affiliate's contact uploads through the personal report
// link: which kinds there are, where each lives in the bucket, and what a stored object
// must be before we record it. Pure: no AWS here (shared/uploads/s3.ts talks to S3).

import * as v from 'valibot';

/** A financial statement, or the activity report as a document beside its meta page. */
export const UPLOAD_KINDS = ['financial_statement', 'activity_report'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const isUploadKind = (x: unknown): x is UploadKind =>
  typeof x === 'string' && (UPLOAD_KINDS as readonly string[]).includes(x);

/**
 * 20 MiB: a scanned, signed financial statement of a few dozen pages fits; anything
 * larger is usually a photo export that should be compressed first. S3 enforces it on
 * the upload (the POST policy's content-length-range) and we check it again on
 * completion, because the local S3 emulator (s3rver) does not enforce policies.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Every PDF starts with these bytes (ISO 32000-1, 7.5.2 "File Header"). */
export const PDF_MAGIC = '%PDF-';

/** How long the presigned POST on a page stays usable, and a download link (seconds). */
export const UPLOAD_FORM_SECONDS = 60 * 60;
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/**
 * One object per affiliate, period and kind: a new upload replaces the current
 * version (the bucket keeps earlier versions for a while, docs/reports.md).
 */
export const objectKey = (affiliateId: string, period: string, kind: UploadKind) =>
  `reports/${affiliateId}/${period}/${kind}.pdf`;

/** The file name an organizer's download is saved under. */
export const downloadName = (affiliateId: string, period: string, kind: UploadKind) =>
  `${affiliateId}-${period}-${kind.replace('_', '-')}.pdf`;

export type UploadProblem = 'empty' | 'too_large' | 'not_pdf';

/** What is wrong with a stored object, judged by its size and first bytes; none: it is a PDF we keep. */
export function uploadProblem(object: { size: number; firstBytes: Uint8Array }): UploadProblem | undefined {
  if (object.size <= 0) return 'empty';
  if (object.size > MAX_UPLOAD_BYTES) return 'too_large';
  const head = Buffer.from(object.firstBytes.subarray(0, PDF_MAGIC.length)).toString('latin1');
  return head === PDF_MAGIC ? undefined : 'not_pdf';
}

/** POST /affiliates/{id}/uploads: which document the presigned form is for. */
export const uploadRequestSchema = v.object({
  kind: v.picklist(UPLOAD_KINDS, `one of ${UPLOAD_KINDS.join(', ')}`),
});
