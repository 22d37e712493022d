// Many applications at once: a few thousand distinct applicants at concurrency 50, some
// of them submitting twice. Every 202 is one stored application, every stored
// application got a 202, no applicant is stored twice, and each got one email. A 503
// (overloaded: try again) is allowed, and must leave nothing behind. (50
// identical applications at the same instant: test/integration/applications.test.ts.)

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, LIMITS_OUT_OF_THE_WAY } from '../../bench/samples.ts';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { tableName } from '../../shared/tables.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  // One client sending 2,000 applications to one domain: over every default limit.
  stack = await startTestStack({ env: LIMITS_OUT_OF_THE_WAY });
});
afterAll(() => stack?.stop());

const apply = (body: Record<string, unknown>) =>
  fetch(`${stack.apiUrl}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

/** Stored applications (APP# items), read consistently. */
async function storedApplications(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: tableName('applications'),
        FilterExpression: 'begins_with(pk, :app)',
        ExpressionAttributeValues: { ':app': 'APP#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Run `jobs` with at most `concurrency` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

describe('applications under load', () => {
  it('2,000 submissions at concurrency 50 (1,800 applicants, 200 of them twice): stored equals accepted, no duplicates', async () => {
    const applicants = Array.from({ length: 1_800 }, (_, n) => applicationBody('56000', n));
    // Every ninth applicant submits a second time, soon after the first.
    const submissions = applicants.flatMap((body, n) => (n % 9 === 0 ? [body, body] : [body]));
    expect(submissions).toHaveLength(2_000);
    const statuses = await pool(
      submissions.map((body) => async () => {
        const res = await apply(body);
        await res.arrayBuffer();
        return res.status;
      }),
      50,
    );

    // Overload may refuse a submission with 503 ("try again"); it must then store nothing.
    expect(statuses.filter((s) => ![202, 409, 503].includes(s))).toEqual([]);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBeGreaterThan(submissions.length / 2);
    const mine = (await storedApplications()).filter((a) => String(a.name).startsWith('Load Tester 56000 '));
    expect(mine).toHaveLength(accepted);
    expect(new Set(mine.map((a) => a.email)).size).toBe(mine.length);
    const emails = await stack.emails();
    const confirmations = emails.filter((e) => e.destination.to.some((to) => to.startsWith('load.56000.')));
    expect(confirmations).toHaveLength(accepted);
  }, 240_000);
});
