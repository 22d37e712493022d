// Addresses we must not mail again: SES told us they bounce permanently or that the
// recipient complained. The ses-events function writes them; the SES mailer reads them
// before every send, so a dead address costs one bounce, not one per notice.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/dynamodb.ts';
import { tableName } from '../tables.ts';

export type SuppressionReason = 'bounce' | 'complaint';

export interface Suppression {
  /** The lowercased address. */
  pk: string;
  reason: SuppressionReason;
  /** SES's words: Permanent/General, abuse, ... */
  detail?: string;
  firstAt: string;
  lastAt: string;
  count: number;
  /** Where the address came from, from the email's tags. */
  affiliate?: string;
  application?: string;
  kind?: string;
}

export const addressKey = (address: string): string => address.trim().toLowerCase();

/**
 * Put the address on the list. SES events can arrive more than once: an event for an
 * email (`messageId`) already recorded for this address changes nothing and gives false.
 */
export async function suppress(
  address: string,
  entry: {
    reason: SuppressionReason;
    detail?: string;
    at: Date;
    messageId?: string;
    affiliate?: string;
    application?: string;
    kind?: string;
  },
): Promise<boolean> {
  const at = entry.at.toISOString();
  const optional = {
    detail: entry.detail,
    affiliate: entry.affiliate,
    application: entry.application,
    kind: entry.kind,
  };
  const set = Object.entries(optional).filter(([, v]) => v !== undefined);
  const messageId = entry.messageId ?? `at-${at}`;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('suppressions'),
        Key: { pk: addressKey(address) },
        UpdateExpression: [
          'SET reason = :reason, lastAt = :at, firstAt = if_not_exists(firstAt, :at)',
          ...set.map(([k]) => `#${k} = :${k}`),
        ]
          .join(', ')
          .concat(' ADD #count :one, messageIds :messageIds'),
        ConditionExpression: 'attribute_not_exists(messageIds) OR NOT contains(messageIds, :messageId)',
        ExpressionAttributeNames: {
          '#count': 'count',
          ...Object.fromEntries(set.map(([k]) => [`#${k}`, k])),
        },
        ExpressionAttributeValues: {
          ':reason': entry.reason,
          ':at': at,
          ':one': 1,
          ':messageId': messageId,
          ':messageIds': new Set([messageId]),
          ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function suppression(address: string): Promise<Suppression | undefined> {
  const got = await dynamo().send(
    new GetCommand({ TableName: tableName('suppressions'), Key: { pk: addressKey(address) } }),
  );
  return got.Item as Suppression | undefined;
}

/** The addresses among `addresses` that must not be mailed. */
export async function suppressedAmong(addresses: string[]): Promise<Set<string>> {
  const found = await Promise.all(addresses.map(async (a) => ((await suppression(a)) ? a : undefined)));
  return new Set(found.filter((a): a is string => a !== undefined));
}

/** Let an address be mailed again (an organizer fixed the mailbox or the typo). */
export async function unsuppress(address: string): Promise<void> {
  await dynamo().send(
    new DeleteCommand({ TableName: tableName('suppressions'), Key: { pk: addressKey(address) } }),
  );
}
