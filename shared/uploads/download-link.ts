// A short-lived presigned GET for an organizer to download a recorded document: that
// exact version, saved as a PDF under a readable name.

import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../aws/s3.ts';
import { config } from '../config.ts';
import { DOWNLOAD_LINK_SECONDS, downloadName } from './rules.ts';
import type { UploadRecord } from './store.ts';

export async function downloadLink(
  record: UploadRecord,
  now: Date,
): Promise<{ url: string; expiresAt: string }> {
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: config().uploads.bucket,
      Key: record.key,
      ...(record.versionId ? { VersionId: record.versionId } : {}),
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: `attachment; filename="${downloadName(record.affiliateId, record.period, record.document)}"`,
    }),
    { expiresIn: DOWNLOAD_LINK_SECONDS },
  );
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}
