// Completing an upload: the browser has posted a file straight to S3; now we look at
// what arrived before anything is recorded.
//
// completeUpload: HEAD the period's object of that kind -> nothing there: 404 -> too
//   large, empty or not starting with %PDF-: delete that version and answer 422 (nothing
//   recorded) -> record it (one item per period and kind, naming the version checked)
//   and put it on the affiliate's timeline. Doing it twice records it once.

import type { Clock } from '../clock.ts';
import { HttpError, unprocessable } from '../errors.ts';
import { affiliatePk } from '../lifecycle/store.ts';
import { appendTimeline } from '../lifecycle/timeline.ts';
import { log } from '../log.ts';
import { inspectObject, removeObject } from './objects.ts';
import { MAX_UPLOAD_BYTES, objectKey, type UploadKind, type UploadProblem, uploadProblem } from './rules.ts';
import { listUploads, recordUpload, type UploadRecord, uploadSk } from './store.ts';

const REFUSALS: Record<UploadProblem, { code: string; message: string }> = {
  empty: { code: 'upload_empty', message: 'The uploaded file is empty.' },
  too_large: {
    code: 'upload_too_large',
    message: `The uploaded file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB; compress it and upload again.`,
  },
  not_pdf: {
    code: 'upload_not_pdf',
    message: 'The uploaded file is not a PDF; export it as PDF and upload again.',
  },
};

export const noUpload = () =>
  new HttpError(404, 'upload_missing', 'No file has arrived for this document yet; upload it first.');

export async function completeUpload(
  deps: { clock: Clock },
  input: { affiliateId: string; period: string; kind: UploadKind; who: string },
): Promise<{ created: boolean; upload: UploadRecord }> {
  const key = objectKey(input.affiliateId, input.period, input.kind);
  const object = await inspectObject(key);
  if (!object) throw noUpload();
  const problem = uploadProblem(object);
  if (problem) {
    await removeObject(key, object.versionId);
    log.info('upload refused and removed', { affiliateId: input.affiliateId, kind: input.kind, problem });
    const refusal = REFUSALS[problem];
    throw unprocessable(refusal.code, refusal.message, { kind: input.kind, size: object.size });
  }
  const upload: UploadRecord = {
    pk: affiliatePk(input.affiliateId),
    sk: uploadSk(input.period, input.kind),
    kind: 'upload',
    affiliateId: input.affiliateId,
    period: input.period,
    document: input.kind,
    key,
    size: object.size,
    etag: object.etag,
    ...(object.versionId ? { versionId: object.versionId } : {}),
    uploadedAt: deps.clock.now().toISOString(),
    uploadedBy: input.who,
  };
  const created = await recordUpload(upload);
  if (!created) {
    const stored = (await listUploads(input.affiliateId, input.period)).find(
      (u) => u.document === input.kind,
    );
    return { created, upload: stored ?? upload };
  }
  await appendTimeline(input.affiliateId, {
    what: `Document uploaded: ${input.kind.replace('_', ' ')}`,
    why: `PDF of ${object.size} bytes for ${input.period}.`,
    who: input.who,
    data: { document: input.kind, period: input.period, size: object.size, versionId: object.versionId },
  });
  return { created, upload };
}
