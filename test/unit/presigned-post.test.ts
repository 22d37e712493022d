// Our presigned POST (shared/aws/presigned-post.ts) held to @aws-sdk/s3-presigned-post,
// the package it replaced, kept as a dev dependency for this file alone: at the same
// instant, with the same client and conditions, both give the same address and the same
// fields, byte for byte and in the same order. And what is signed is what S3 will hold
// the upload to: change a condition and the signature changes.

import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PostCondition, presignedPost } from '../../shared/aws/presigned-post.ts';
import { resetS3, s3 } from '../../shared/aws/s3.ts';
import { reloadConfig } from '../../shared/config.ts';
import { MAX_UPLOAD_BYTES, UPLOAD_FORM_SECONDS } from '../../shared/uploads/rules.ts';
import { uploadForm } from '../../shared/uploads/upload-form.ts';
import { awsEnvironment } from '../support/aws-env.ts';

// Milliseconds on purpose: the policy and X-Amz-Date are written to the second.
const AT = new Date('2026-06-01T23:59:58.456Z');

beforeEach(() => {
  // Only Date: both signers read Date.now(), and the SDK's promises still settle.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(AT);
});
afterEach(() => {
  vi.useRealTimers();
});

const USER_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
/** What a Lambda role hands out: a temporary key and its session token. */
const ROLE_KEY = {
  accessKeyId: 'ASIAQNZGKEXAMPLE1234',
  secretAccessKey: 'ZmFrZS9zZWNyZXQrd2l0aC9zbGFzaGVzK2FuZD1wYWQ=',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMSJGMEQCIH+session/token=',
};

const clients: [string, () => S3Client][] = [
  ['a user key, eu-west-1', () => new S3Client({ region: 'eu-west-1', credentials: USER_KEY })],
  [
    'role credentials with a session token',
    () => new S3Client({ region: 'eu-west-1', credentials: ROLE_KEY }),
  ],
  ['us-east-1', () => new S3Client({ region: 'us-east-1', credentials: ROLE_KEY })],
  ['the China partition', () => new S3Client({ region: 'cn-north-1', credentials: USER_KEY })],
  [
    's3rver on the local stack (path-style on the configured endpoint)',
    () =>
      new S3Client({
        region: 'local',
        endpoint: 'http://127.0.0.1:4569',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
  ],
];

const FORM = {
  bucket: 'affiliate-compliance-prod-uploads',
  key: 'reports/wmpk/2025-26/financial_statement.pdf',
  conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES]] as PostCondition[],
  fields: {
    'Content-Type': 'application/pdf',
    'x-amz-server-side-encryption': 'AES256',
    success_action_redirect:
      'https://api.example.org/affiliates/wmpk/uploads/financial_statement/complete?token=a.b-c&lang=ur',
  },
  expiresSeconds: 900,
};

/** The package, given the same form in its own words. */
const theirs = (client: S3Client, form = FORM) =>
  createPresignedPost(client, {
    Bucket: form.bucket,
    Key: form.key,
    Conditions: form.conditions,
    Fields: form.fields,
    Expires: form.expiresSeconds,
  });

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };

describe('a presigned POST, against @aws-sdk/s3-presigned-post', () => {
  it.each(clients)('is the same, field for field and in order, with %s', async (_what, make) => {
    const client = make();
    const [ours, package_] = [await presignedPost(client, FORM), await theirs(client)];

    expect(ours.url).toBe(package_.url);
    expect(Object.entries(ours.fields)).toEqual(Object.entries(package_.fields));
    // Both were signed at the pinned instant, not whenever the test happened to run.
    expect(policyOf(ours.fields).expiration).toBe('2026-06-02T00:14:58Z');
    expect(ours.fields['X-Amz-Date']).toBe('20260601T235958Z');
  });

  it('follows an endpoint from AWS_ENDPOINT_URL_S3, as the SDK does', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://localhost:4566');
    try {
      const client = new S3Client({ region: 'eu-west-1', credentials: USER_KEY });
      const [ours, package_] = [await presignedPost(client, FORM), await theirs(client)];
      expect(ours.url).toBe('http://affiliate-compliance-prod-uploads.localhost:4566/');
      expect(ours.url).toBe(package_.url);
      expect(Object.entries(ours.fields)).toEqual(Object.entries(package_.fields));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('carries the session token as a field and a condition, and leaves it out without one', async () => {
    const withToken = await presignedPost(new S3Client({ region: 'eu-west-1', credentials: ROLE_KEY }), FORM);
    expect(withToken.fields['X-Amz-Security-Token']).toBe(ROLE_KEY.sessionToken);
    expect(policyOf(withToken.fields).conditions).toContainEqual({
      'X-Amz-Security-Token': ROLE_KEY.sessionToken,
    });
    expect(withToken.fields['X-Amz-Credential']).toBe(
      `${ROLE_KEY.accessKeyId}/20260601/eu-west-1/s3/aws4_request`,
    );

    const without = await presignedPost(new S3Client({ region: 'eu-west-1', credentials: USER_KEY }), FORM);
    expect(Object.keys(without.fields)).not.toContain('X-Amz-Security-Token');
  });

  it('addresses the bucket as the client does: virtual-hosted in AWS, path-style on s3rver', async () => {
    const [aws, local] = [
      await presignedPost(clients[0]![1](), FORM),
      await presignedPost(clients[4]![1](), FORM),
    ];
    expect(aws.url).toBe('https://affiliate-compliance-prod-uploads.s3.eu-west-1.amazonaws.com/');
    expect(local.url).toBe('http://127.0.0.1:4569/affiliate-compliance-prod-uploads');
  });
});

describe('what the signature covers', () => {
  const client = () => new S3Client({ region: 'eu-west-1', credentials: ROLE_KEY });
  const signatureOf = async (form = FORM, make = client) => {
    const { fields } = await presignedPost(make(), form);
    return { policy: fields.Policy, signature: fields['X-Amz-Signature'] };
  };

  it('is the same for the same form at the same instant', async () => {
    const once = await signatureOf();
    expect(once.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await signatureOf()).toEqual(once);
  });

  it.each([
    ['a larger size limit', { ...FORM, conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES + 1]] }],
    ['another content type', { ...FORM, fields: { ...FORM.fields, 'Content-Type': 'text/html' } }],
    ['another key', { ...FORM, key: 'reports/other/2025-26/financial_statement.pdf' }],
    ['another bucket', { ...FORM, bucket: 'someone-elses-bucket' }],
    ['a later expiry', { ...FORM, expiresSeconds: FORM.expiresSeconds + 1 }],
  ] as [string, typeof FORM][])('changes with %s', async (_what, changed) => {
    const [before, after] = [await signatureOf(), await signatureOf(changed)];
    expect(after.policy).not.toBe(before.policy);
    expect(after.signature).not.toBe(before.signature);
  });

  it('changes with the secret key, over the same policy', async () => {
    const other = () =>
      new S3Client({
        region: 'eu-west-1',
        credentials: { ...ROLE_KEY, secretAccessKey: `${ROLE_KEY.secretAccessKey}x` },
      });
    const [before, after] = [await signatureOf(), await signatureOf(FORM, other)];
    expect(after.policy).toBe(before.policy);
    expect(after.signature).not.toBe(before.signature);
  });
});

// The report page's form, as the function builds it, against the call it used to make.
describe('the report page upload form', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
    resetS3();
  });

  const environments: [string, Record<string, string>][] = [
    [
      'in Lambda (role credentials from the environment)',
      {
        ...awsEnvironment(),
        AWS_ACCESS_KEY_ID: ROLE_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ROLE_KEY.secretAccessKey,
        AWS_SESSION_TOKEN: ROLE_KEY.sessionToken,
      },
    ],
    ['on the local stack (s3rver)', { STAGE: 'local', S3_ENDPOINT: 'http://127.0.0.1:4569' }],
  ];

  it.each(environments)('is what createPresignedPost gave %s', async (_where, env) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const bucket = reloadConfig().uploads.bucket;
    resetS3();
    const redirectTo =
      'https://api.example.org/affiliates/wmpk/uploads/activity_report/complete?token=t&lang=en';

    const form = await uploadForm({
      affiliateId: 'wmpk',
      period: '2025-26',
      kind: 'activity_report',
      now: AT,
      redirectTo,
    });
    const before = await createPresignedPost(s3(), {
      Bucket: bucket,
      Key: form.key,
      Conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES]],
      Fields: {
        'Content-Type': 'application/pdf',
        'x-amz-server-side-encryption': 'AES256',
        success_action_redirect: redirectTo,
      },
      Expires: UPLOAD_FORM_SECONDS,
    });

    expect(form.url).toBe(before.url);
    expect(Object.entries(form.fields)).toEqual(Object.entries(before.fields));
  });
});
