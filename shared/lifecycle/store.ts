// How an affiliate is kept in the affiliates table: the profile and lifecycle state in
// one item (pk AFF#<id>, sk META), timeline entries beside it (sk TL#<instant>#<n>).
// The META item carries nextActionShard/nextActionAt only while an action is pending,
// so the sparse byNextAction index holds exactly the work reconciliation may have to do.

import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AffiliateProfile } from '../affiliates/model.ts';
import { dynamo, queryAll } from '../aws/dynamodb.ts';
import { tableName } from '../tables.ts';
import type { LifecycleState } from './transition.ts';

/** One partition of the sparse index is enough: a query reads only what is due. */
export const NEXT_ACTION_SHARD = 'next';

export interface AffiliateRecord extends AffiliateProfile, LifecycleState {
  pk: string;
  sk: 'META';
  version: number;
  createdAt: string;
  updatedAt: string;
  nextActionShard?: string;
  nextActionAt?: string;
  nextAction?: string;
  /** The one-time schedule this record expects to exist. */
  scheduleName?: string;
}

export interface TimelineEntry {
  at: string;
  what: string;
  why?: string;
  who: string;
  data?: Record<string, unknown>;
}

export const affiliatePk = (id: string) => `AFF#${id}`;

export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
}

export async function readAffiliate(id: string): Promise<AffiliateRecord | undefined> {
  const got = await dynamo().send(
    new GetCommand({
      TableName: tableName('affiliates'),
      Key: { pk: affiliatePk(id), sk: 'META' },
      ConsistentRead: true,
    }),
  );
  return got.Item as AffiliateRecord | undefined;
}

/** `seq` keeps entries written together (same instant) in the order they were given. */
function timelineItem(id: string, entry: TimelineEntry, seq = 0) {
  return {
    pk: affiliatePk(id),
    sk: `TL#${entry.at}#${String(seq).padStart(2, '0')}${randomUUID().slice(0, 8)}`,
    at: entry.at,
    what: entry.what,
    why: entry.why,
    who: entry.who,
    data: entry.data,
  };
}

/**
 * Store `next` if the item is still at `expectedVersion` (0: it must not exist yet),
 * together with its timeline entries, in one transaction.
 */
export async function writeAffiliate(
  next: AffiliateRecord,
  expectedVersion: number,
  timeline: TimelineEntry[],
): Promise<void> {
  const table = tableName('affiliates');
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        };
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: next, ...condition } },
          ...timeline.slice(0, 90).map((entry, seq) => ({
            Put: { TableName: table, Item: timelineItem(next.id, entry, seq) },
          })),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException) {
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      if (error instanceof ConditionalCheckFailedException || reasons[0]?.Code === 'ConditionalCheckFailed')
        throw new VersionConflictError(`affiliate ${next.id} changed meanwhile`);
    }
    throw error;
  }
}

export async function putTimeline(id: string, entry: TimelineEntry): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName('affiliates'), Item: timelineItem(id, entry) }));
}

export async function readTimeline(id: string): Promise<TimelineEntry[]> {
  const items = await queryAll({
    TableName: tableName('affiliates'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
    ExpressionAttributeValues: { ':pk': affiliatePk(id), ':tl': 'TL#' },
    ConsistentRead: true,
  });
  return items.map((item) => ({
    at: item.at,
    what: item.what,
    why: item.why,
    who: item.who,
    data: item.data,
  }));
}

/** META items with this status, by name, through the byStatus index. */
export async function affiliatesWithStatus(status: string): Promise<AffiliateRecord[]> {
  return (await queryAll({
    TableName: tableName('affiliates'),
    IndexName: 'byStatus',
    KeyConditionExpression: '#status = :status',
    // Other items (reports) may carry a status too; only affiliates are wanted.
    FilterExpression: 'sk = :meta',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status, ':meta': 'META' },
  })) as AffiliateRecord[];
}

/** Affiliates whose next action is due by `until`, through the sparse byNextAction index. */
export async function affiliatesDueBy(until: Date): Promise<{ id: string; nextActionAt: string }[]> {
  const items = await queryAll({
    TableName: tableName('affiliates'),
    IndexName: 'byNextAction',
    KeyConditionExpression: 'nextActionShard = :shard AND nextActionAt <= :until',
    ExpressionAttributeValues: { ':shard': NEXT_ACTION_SHARD, ':until': until.toISOString() },
  });
  return items.map((item) => ({ id: item.id, nextActionAt: item.nextActionAt }));
}
