// A presigned POST for S3 (Signature Version 4 for browser-based uploads), signed with
// the S3 client's own credentials, region and endpoint. Ours rather than
// @aws-sdk/s3-presigned-post, which bundled its own copy of @aws-sdk/client-s3's command
// builder and PutObject (88 KB minified) for what is a JSON document and four HMACs.
// test/unit/presigned-post.test.ts holds it byte for byte to that package.

import { createHmac } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';

/** A policy condition: an exact match (`{ field: value }`) or an operator with its operands. */
export type PostCondition =
  | Record<string, string>
  | ['eq' | 'starts-with', `$${string}`, string]
  | ['content-length-range', number, number];

export interface PresignedPost {
  /** Where the multipart/form-data POST goes. */
  url: string;
  /** The form's fields, in the order a browser should send them (before the file). */
  fields: Record<string, string>;
}

export async function presignedPost(
  client: S3Client,
  input: {
    bucket: string;
    key: string;
    /** Conditions beyond the fields themselves, such as a content-length-range. */
    conditions?: PostCondition[];
    /** Fields sent as given; the policy requires each to be exactly this value. */
    fields?: Record<string, string>;
    expiresSeconds: number;
  },
): Promise<PresignedPost> {
  const c = client.config;
  // S3 judges the date and the expiry by its own clock: sign at the real time, corrected
  // by the skew the client learns from S3's replies; never a movable or pinned clock.
  const signedAt = new Date(Date.now() + c.systemClockOffset);
  const amzDate = isoSeconds(signedAt).replace(/[-:]/g, ''); // yyyymmddThhmmssZ
  const day = amzDate.slice(0, 8);
  // Providers, so Lambda's role credentials (with their session token) are refreshed.
  const [region, credentials] = await Promise.all([c.region(), c.credentials()]);

  // The signing fields are form fields too, and the policy must name every field sent
  // (S3 refuses a field no condition covers), so they all become conditions below.
  const fields: Record<string, string> = {
    ...input.fields,
    bucket: input.bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${day}/${region}/s3/aws4_request`,
    'X-Amz-Date': amzDate,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: isoSeconds(new Date(signedAt.getTime() + input.expiresSeconds * 1000)),
      conditions: [
        ...(input.conditions ?? []),
        ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
        { key: input.key },
      ],
    }),
  ).toString('base64');

  // The signing key is scoped to the day, region and service; what it signs is the
  // base64 policy text itself, not a canonical request.
  const signingKey = [day, region, 's3', 'aws4_request'].reduce<string | Buffer>(
    (key, scope) => hmac(key, scope),
    `AWS4${credentials.secretAccessKey}`,
  );
  return {
    url: await postUrl(client, input.bucket, input.key, region),
    fields: {
      ...fields,
      key: input.key,
      Policy: policy,
      'X-Amz-Signature': hmac(signingKey, policy).toString('hex'),
    },
  };
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** ISO 8601 to the second, as the policy's expiration and X-Amz-Date are written. */
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The bucket's address as the client would send a PutObject there: the client's own
 * endpoint rules decide (virtual-hosted in AWS, the partition's domain, path-style on a
 * configured endpoint such as s3rver), so the form goes where the SDK's requests go.
 * ARN buckets, multi-region access points and directory buckets are not ours to sign for.
 */
async function postUrl(client: S3Client, bucket: string, key: string, region: string): Promise<string> {
  const c = client.config;
  const custom = c.isCustomEndpoint ? await c.endpoint?.() : undefined;
  const { url } = c.endpointProvider({
    Bucket: bucket,
    Key: key,
    Region: region,
    // The client's endpoint option, else one from AWS_ENDPOINT_URL_S3 or the shared
    // config file, which the SDK's own requests would follow too.
    Endpoint: custom
      ? `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path}`
      : c.ignoreConfiguredEndpointUrls
        ? undefined
        : await c.serviceConfiguredEndpoint?.(),
    ForcePathStyle: c.forcePathStyle,
    Accelerate: c.useAccelerateEndpoint,
    UseFIPS: await c.useFipsEndpoint(),
    UseDualStack: await c.useDualstackEndpoint(),
    UseGlobalEndpoint:
      typeof c.useGlobalEndpoint === 'function' ? await c.useGlobalEndpoint() : c.useGlobalEndpoint,
  });
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}
