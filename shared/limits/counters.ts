// The limit counters in DynamoDB (table `limits`): one item per limit, subject and
// window, incremented with a conditional write so that no number of simultaneous
// requests can pass the maximum. Each item expires (TTL) a day after its window ends.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/dynamodb.ts';
import { tooManyRequests } from '../errors.ts';
import { log } from '../log.ts';
import { metric } from '../metrics.ts';
import { tableName } from '../tables.ts';
import { type Counter, counterKey, retryAfterSeconds, windowOf } from './policy.ts';

export interface LimitStore {
  /** Count one; false (and nothing counted) when the window already holds `max`. */
  take(counter: Counter, now: Date): Promise<boolean>;
  /** Undo one `take` whose request then did nothing. */
  giveBack(counter: Counter, now: Date): Promise<void>;
}

/**
 * When TTL may delete a counter: a day after its window ends. TTL runs on the storage's
 * own time, not on our Clock; where the two differ (the local stack's movable clock
 * set in the past) the later of them keeps a counter alive through its window.
 */
function expiresAt(counter: Counter, now: Date): number {
  const storageNow = Math.floor(Date.now() / 1000);
  const windowEnd = windowOf(counter, now).end;
  return Math.max(windowEnd, storageNow + counter.windowSeconds) + 86_400;
}

export class DynamoLimitStore implements LimitStore {
  async take(counter: Counter, now: Date): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName('limits'),
          Key: { pk: counterKey(counter, now) },
          UpdateExpression: 'ADD n :one SET expiresAt = if_not_exists(expiresAt, :expires)',
          ConditionExpression: 'attribute_not_exists(n) OR n < :max',
          ExpressionAttributeValues: {
            ':one': 1,
            ':max': counter.max,
            ':expires': expiresAt(counter, now),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async giveBack(counter: Counter, now: Date): Promise<void> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName('limits'),
          Key: { pk: counterKey(counter, now) },
          UpdateExpression: 'ADD n :minus',
          ConditionExpression: 'n > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      // Giving back is a courtesy: a count left behind only makes the limit stricter.
      log.warn('limit counter not given back', { limit: counter.limit, error: (error as Error)?.name });
    }
  }
}

export const limitStore: LimitStore = new DynamoLimitStore();

/**
 * Count every counter, or none. They are taken at once (one round trip, whatever their
 * number); when any refuses, those taken are given back and the request is answered 429
 * with the Retry-After of the refusing window that ends last. `message` words the
 * refusal for the client.
 */
export async function takeAll(
  store: LimitStore,
  counters: Counter[],
  now: Date,
  message: (refused: Counter, retryAfter: number) => string,
): Promise<void> {
  const taken = await Promise.all(counters.map((c) => store.take(c, now)));
  const refused = counters.filter((_, i) => !taken[i]);
  if (refused.length === 0) return;
  await Promise.all(counters.filter((_, i) => taken[i]).map((c) => store.giveBack(c, now)));
  for (const counter of refused) {
    metric('RequestsLimited', 1, { name: 'limit', value: counter.limit });
    if (counter.limit === 'confirmations_per_day') metric('ConfirmationDailyCapReached');
    log.warn('request refused by a limit', { limit: counter.limit });
  }
  const last = refused.reduce((a, b) => (retryAfterSeconds(b, now) > retryAfterSeconds(a, now) ? b : a));
  const retryAfter = retryAfterSeconds(last, now);
  throw tooManyRequests(message(last, retryAfter), retryAfter, last.limit);
}

/** Give back every counter (a request that counted, then stored and sent nothing). */
export async function giveBackAll(store: LimitStore, counters: Counter[], now: Date): Promise<void> {
  await Promise.all(counters.map((c) => store.giveBack(c, now)));
}
