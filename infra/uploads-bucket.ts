// The report documents bucket (stateful) and the grants the route table's `uses.uploads`
// give a function (stateless). Browsers post files straight to it with presigned POSTs
// signed by the report-page function, so nothing here is public.
//
// Retention (docs/reports.md, Uploads): the current version of a document is kept 7
// years, which covers the 6-7 years most jurisdictions ask of financial records and
// several agreement cycles of review; a replaced or deleted version stays 90 days, so an
// accidental replacement can be undone, and is then removed.

import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { FunctionDef } from '../shared/routes/index.ts';
import { acknowledge } from './nag.ts';

export const DOCUMENT_RETENTION_DAYS = 7 * 365;
export const REPLACED_VERSION_DAYS = 90;
/** Objects the functions may touch: every document lives under this prefix (shared/uploads/rules.ts). */
export const DOCUMENT_PREFIX = 'reports/';

/**
 * The bucket's name, the same in both stacks without a cross-stack export: unique per
 * account and region, and writable in a policy (and its cdk-nag acknowledgement) as text.
 */
export const uploadsBucketName = (prefix: string) => `${prefix}-uploads-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
const nameAsNagWritesIt = (prefix: string) => `${prefix}-uploads-<AWS::AccountId>-<AWS::Region>`;

export function uploadsBucket(scope: Construct, prefix: string, removalPolicy: RemovalPolicy): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'UploadsBucket', {
    bucketName: uploadsBucketName(prefix),
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    // No CORS: the report page posts with a plain HTML form (a navigation, which CORS
    // does not govern) and API clients are not browsers.
    lifecycleRules: [
      {
        id: 'documents-retention',
        expiration: Duration.days(DOCUMENT_RETENTION_DAYS),
        noncurrentVersionExpiration: Duration.days(REPLACED_VERSION_DAYS),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
      { id: 'clean-delete-markers', expiredObjectDeleteMarker: true },
    ],
    removalPolicy,
  });
  acknowledge(bucket, [
    {
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs (they need a second bucket): every upload is recorded on the affiliate timeline by the completion step, and every download link is made by an admin route whose calls the API access log records with the organizer IAM identity.',
    },
  ]);
  return bucket;
}

const ACTIONS: Record<NonNullable<FunctionDef['uses']['uploads']>[number], string[]> = {
  // Signing a presigned POST: S3 checks the upload against the signer's own rights.
  put: ['s3:PutObject'],
  // HEAD, the ranged GET of a version, and presigned GETs of a version.
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  // Removing a refused upload: that version, for good.
  delete: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
};

/** The object actions a function's `uses.uploads` declares, on the documents prefix only. */
export function grantUploads(fn: Construct, role: iam.IRole, prefix: string, def: FunctionDef): void {
  const uses = def.uses.uploads ?? [];
  if (!uses.length) return;
  const bucketArn = `arn:${Aws.PARTITION}:s3:::${uploadsBucketName(prefix)}`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReportDocuments',
      actions: uses.flatMap((u) => ACTIONS[u]),
      resources: [`${bucketArn}/${DOCUMENT_PREFIX}*`],
    }),
  );
  acknowledge(fn, [
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${nameAsNagWritesIt(prefix)}/${DOCUMENT_PREFIX}*]`,
      reason: `${def.name} works on report documents, whose keys (affiliate, period, kind) are made at run time; the grant is limited to the ${DOCUMENT_PREFIX} prefix of our one bucket.`,
    },
  ]);
  // Without ListBucket, S3 answers a HEAD of a missing object with 403, not 404.
  if (uses.includes('read'))
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReportDocumentsMissing',
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
      }),
    );
}
