// The S3 client for report documents, created once per container. Locally it points at
// s3rver (path-style addresses, its built-in key); in Lambda it uses the function's role.

import { S3Client } from '@aws-sdk/client-s3';
import { config } from '../config.ts';
import { boundByDeadline } from './deadline.ts';

/** s3rver's built-in account; it accepts no other key id. Never used in AWS. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let client: S3Client | undefined;

export function s3(): S3Client {
  if (client) return client;
  const c = config();
  client = boundByDeadline(
    new S3Client({
      region: c.region,
      ...(c.uploads.endpoint
        ? { endpoint: c.uploads.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS }
        : {}),
      maxAttempts: 3,
      // We read the first bytes with a Range request; a whole-object checksum cannot be
      // validated on a part, so checksums only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return client;
}

/** Drop the cached client (the local stack sets the endpoint after modules load). */
export function resetS3(): void {
  client?.destroy();
  client = undefined;
}
