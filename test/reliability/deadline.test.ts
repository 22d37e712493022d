// A request answered 503 because its time ran out stores nothing. DynamoDB Local is
// slowed down by a proxy that applies the application's transaction at once but holds
// back its answer past the function's deadline: the moment after which, before, the
// handler went on and the application stayed stored although the client saw 503.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { localCredentials } from '../../shared/aws/local.ts';
import { tableName } from '../../shared/tables.ts';
import { type SlowDynamo, startSlowDynamo } from '../support/slow-dynamodb.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const TIMEOUT_MS = 3000;
let slow: SlowDynamo;
let stack: TestStack;
/** Reads straight from DynamoDB Local, past the proxy. */
const direct = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'local',
    credentials: localCredentials,
  }),
);

beforeAll(async () => {
  slow = await startSlowDynamo(inject('dynamodbEndpoint'));
  stack = await startTestStack({
    dynamodbEndpoint: slow.endpoint,
    timeoutsMs: { 'submit-application': TIMEOUT_MS },
  });
});
afterAll(async () => {
  await stack?.stop();
  await slow?.stop();
  direct.destroy();
});

const applicationItems = async () =>
  (await direct.send(new ScanCommand({ TableName: tableName('applications'), ConsistentRead: true })))
    .Items ?? [];

describe('the deadline', () => {
  it('503 when DynamoDB answers after the deadline, and the application is not kept', async () => {
    slow.delay('TransactWriteItems', TIMEOUT_MS + 1500);
    const started = Date.now();
    const replying = stack.api('/applications', { json: applicationBody('deadline', 1) });

    // The transaction reached DynamoDB and was applied; only its answer is late.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS / 2));
    expect((await applicationItems()).length).toBeGreaterThan(0);

    const reply = await replying;
    const elapsed = Date.now() - started;
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBeTruthy();
    // Answered at the deadline, not when the held-back answer came (a second of slack
    // for a machine shared with other test runs).
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);

    // Wait until the held-back answer has gone out, then look again.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 1500 - elapsed + 200));
    expect(await applicationItems()).toEqual([]);
    expect(await stack.emails()).toEqual([]);
  });

  it('a retry of the same application then goes through', async () => {
    const reply = await stack.api('/applications', { json: applicationBody('deadline', 1) });
    expect(reply.status).toBe(202);
    expect((await applicationItems()).length).toBeGreaterThan(0);
  });
});
