// Reading and removing uploaded objects (client-s3 commands only; the presigned POST
// and the presigned GET live in their own modules so each function bundles what it uses).

import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { s3 } from '../aws/s3.ts';
import { config } from '../config.ts';
import { PDF_MAGIC } from './rules.ts';

export interface StoredObject {
  size: number;
  etag: string;
  versionId?: string;
  /** The first bytes (as many as the PDF header needs, fewer for a shorter object). */
  firstBytes: Uint8Array;
}

/** HEAD, then the first bytes of that same version; undefined when nothing is there. */
export async function inspectObject(key: string): Promise<StoredObject | undefined> {
  const Bucket = config().uploads.bucket;
  let head: { ContentLength?: number; ETag?: string; VersionId?: string };
  try {
    head = await s3().send(new HeadObjectCommand({ Bucket, Key: key }));
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string })?.name === 'NotFound') return undefined;
    throw error;
  }
  const size = head.ContentLength ?? 0;
  let firstBytes: Uint8Array = new Uint8Array();
  if (size > 0) {
    const part = await s3().send(
      new GetObjectCommand({
        Bucket,
        Key: key,
        ...(head.VersionId ? { VersionId: head.VersionId } : {}),
        Range: `bytes=0-${PDF_MAGIC.length - 1}`,
      }),
    );
    firstBytes = (await part.Body?.transformToByteArray()) ?? new Uint8Array();
  }
  return { size, etag: head.ETag ?? '', versionId: head.VersionId, firstBytes };
}

/**
 * Remove an object we refused. With a version id that version is deleted for good (an
 * earlier, accepted upload becomes current again); without versions, the object.
 */
export async function removeObject(key: string, versionId?: string): Promise<void> {
  await s3().send(
    new DeleteObjectCommand({
      Bucket: config().uploads.bucket,
      Key: key,
      ...(versionId ? { VersionId: versionId } : {}),
    }),
  );
}
