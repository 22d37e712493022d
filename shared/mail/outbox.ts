// Exactly-once email. Every email has an idempotency key (for notices: affiliate,
// period, kind, recipient). Before sending we claim the key with a conditional write;
// after SES accepts it we mark it sent. So:
//  - a second delivery of the same event finds the key sent (or being sent) and stops;
//  - an SES failure leaves the key `failed`, and the next attempt (a retry, the daily
//    reconciliation) takes it again: nothing is lost and nothing is sent twice.
// A claim older than CLAIM_TIMEOUT is treated as abandoned (the sender crashed between
// claiming and sending) and may be retaken.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/dynamodb.ts';
import type { Clock } from '../clock.ts';
import { log } from '../log.ts';
import { tableName } from '../tables.ts';
import type { Mailer, OutgoingEmail } from './port.ts';

export const CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/** abandoned: a channel refused it for good (PermanentDeliveryError); emails never end so. */
export type SendOutcome = 'sent' | 'already_sent' | 'in_progress' | 'failed' | 'abandoned';

export interface OutboxRecord {
  pk: string;
  state: 'sending' | 'sent' | 'failed' | 'abandoned';
  attempts: number;
  claimedAt: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  kind?: string;
}

export async function sendOnce(
  deps: { mailer: Mailer; clock: Clock },
  key: string,
  email: OutgoingEmail,
): Promise<SendOutcome> {
  return deliverOnce({ clock: deps.clock }, key, email.tags?.kind ?? 'email', async () => {
    const { messageId } = await deps.mailer.send(email);
    return { id: messageId };
  });
}

/** A delivery that cannot succeed by trying again (a talk-page edit meta-wiki refuses for good). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/**
 * The same ledger for any channel (an email, a talk-page edit): claim the key, deliver,
 * mark it sent with the id the channel gave (message id, revision id). `deliver` learns
 * which attempt this is, so a channel that cannot tell whether an earlier attempt landed
 * can look first. A PermanentDeliveryError ends it: the key is `abandoned`, never retaken.
 */
export async function deliverOnce(
  deps: { clock: Clock },
  key: string,
  kind: string,
  deliver: (attempt: number) => Promise<{ id: string }>,
): Promise<SendOutcome> {
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString();
  const table = tableName('outbox');
  let attempt: number;
  try {
    const claimed = await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: key },
        UpdateExpression:
          'SET #state = :sending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one, kind = :kind, dueAt = if_not_exists(dueAt, :now)',
        ConditionExpression:
          'attribute_not_exists(pk) OR #state = :failed OR (#state = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':now': now.toISOString(),
          ':stale': stale,
          ':zero': 0,
          ':one': 1,
          ':kind': kind,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    attempt = Number(claimed.Attributes?.attempts ?? 1);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await outboxRecord(key);
    if (existing?.state === 'abandoned') return 'abandoned';
    return existing?.state === 'sent' ? 'already_sent' : 'in_progress';
  }

  try {
    const { id } = await deliver(attempt);
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: key },
        UpdateExpression: 'SET #state = :sent, sentAt = :now, messageId = :id REMOVE lastError',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': deps.clock.now().toISOString(),
          ':id': id,
        },
      }),
    );
    return 'sent';
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError;
    log.warn(permanent ? 'delivery refused for good' : 'not delivered; it stays owed', {
      kind,
      error: (error as Error)?.name,
    });
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: key },
          UpdateExpression: 'SET #state = :failed, lastError = :error',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':failed': permanent ? 'abandoned' : 'failed',
            ':error': permanent
              ? (error as Error).message.slice(0, 300)
              : ((error as Error)?.name ?? 'Error'),
          },
        }),
      )
      .catch(() => undefined);
    return permanent ? 'abandoned' : 'failed';
  }
}

export async function outboxRecord(key: string): Promise<OutboxRecord | undefined> {
  const got = await dynamo().send(
    new GetCommand({ TableName: tableName('outbox'), Key: { pk: key }, ConsistentRead: true }),
  );
  return got.Item as OutboxRecord | undefined;
}

/** Record a key as sent without sending (an organizer says the group emailed it itself). */
export async function markSentElsewhere(key: string, now: Date): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName('outbox'),
      Item: {
        pk: key,
        state: 'sent',
        attempts: 0,
        claimedAt: now.toISOString(),
        sentAt: now.toISOString(),
        kind: 'external',
      },
    }),
  );
}
