// The presigned POST a browser sends a report document with, straight to S3. Only the
// report page's function imports this; the signing is ours (shared/aws/presigned-post.ts).
//
// The policy S3 enforces: this one key, at most MAX_UPLOAD_BYTES, Content-Type
// application/pdf, server-side encryption, and (for the page's plain HTML form) the
// address S3 sends the browser back to. The bytes themselves are checked on completion.

import { presignedPost } from '../aws/presigned-post.ts';
import { s3 } from '../aws/s3.ts';
import { config } from '../config.ts';
import { MAX_UPLOAD_BYTES, objectKey, UPLOAD_FORM_SECONDS, type UploadKind } from './rules.ts';

export interface UploadForm {
  /** Where the multipart/form-data POST goes. */
  url: string;
  /** Fields to send, in this order, before the file (field name `file`, last). */
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
}

export async function uploadForm(input: {
  affiliateId: string;
  period: string;
  kind: UploadKind;
  now: Date;
  /** A plain HTML form is sent back here (303) by S3; an API client gets 204 instead. */
  redirectTo?: string;
}): Promise<UploadForm> {
  const key = objectKey(input.affiliateId, input.period, input.kind);
  const fields: Record<string, string> = {
    'Content-Type': 'application/pdf',
    'x-amz-server-side-encryption': 'AES256',
    ...(input.redirectTo ? { success_action_redirect: input.redirectTo } : {}),
  };
  const post = await presignedPost(s3(), {
    bucket: config().uploads.bucket,
    key,
    conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES]],
    fields,
    expiresSeconds: UPLOAD_FORM_SECONDS,
  });
  return {
    url: post.url,
    fields: post.fields,
    key,
    maxBytes: MAX_UPLOAD_BYTES,
    expiresAt: new Date(input.now.getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString(),
  };
}
