// Uploaded report documents on record, in the affiliates table beside the affiliate:
//   pk AFF#<affiliateId>, sk UPLOAD#<period>#<kind>
// One item per period and kind, like the object it describes; a new upload of the same
// kind replaces it. The item names the object version that was checked, so an
// organizer downloads exactly the bytes we looked at.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, queryAll } from '../aws/dynamodb.ts';
import { notFound } from '../errors.ts';
import { affiliatePk, readAffiliate } from '../lifecycle/store.ts';
import { tableName } from '../tables.ts';
import type { UploadKind } from './rules.ts';

export interface UploadRecord {
  pk: string;
  sk: string;
  kind: 'upload';
  affiliateId: string;
  period: string;
  document: UploadKind;
  key: string;
  size: number;
  etag: string;
  /** Set when the bucket keeps versions (always in AWS; s3rver has none). */
  versionId?: string;
  uploadedAt: string;
  uploadedBy: string;
}

export const uploadSk = (period: string, document: UploadKind) => `UPLOAD#${period}#${document}`;

/**
 * Record the checked object. False when this very object (same version, or same
 * ETag without versions) is already on record: a second completion changes nothing.
 */
export async function recordUpload(record: UploadRecord): Promise<boolean> {
  const identity = record.versionId ?? record.etag;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('affiliates'),
        Item: { ...record, objectIdentity: identity },
        ConditionExpression: 'attribute_not_exists(pk) OR objectIdentity <> :identity',
        ExpressionAttributeValues: { ':identity': identity },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function listUploads(affiliateId: string, period?: string): Promise<UploadRecord[]> {
  const items = (await queryAll({
    TableName: tableName('affiliates'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': affiliatePk(affiliateId),
      ':prefix': period ? `UPLOAD#${period}#` : 'UPLOAD#',
    },
    ConsistentRead: true,
  })) as (UploadRecord & { objectIdentity?: string })[];
  return items.map(({ objectIdentity: _id, ...record }) => record);
}

/** 404 unless the affiliate exists (read straight from the table: no mail or scheduler code comes with it). */
export async function requireAffiliate(affiliateId: string): Promise<void> {
  if (!(await readAffiliate(affiliateId))) throw notFound('No affiliate with this id.');
}
