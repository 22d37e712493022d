// DynamoDB going away in the middle of a request. This file runs its OWN DynamoDB Local
// (on disk, so data survives the restart) so that stopping it disturbs no other test
// file. Before the k-th DynamoDB call of a membership application the database is
// stopped: the applicant must get a clear 503 with Retry-After, and once the database
// is back there must be no half-stored application: either nothing (the retry then
// succeeds and sends one email) or the whole of it with its confirmation email. Once the
// application is stored, only the limit counters are left to call; they fail open, so
// a database lost at that point still gives a 202 and the link.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { type RunningDynamo, startDynamo } from '../../scripts/local/dynamodb.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { type RunningSes, startSes } from '../../scripts/local/ses.ts';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack.ts';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { tableName } from '../../shared/tables.ts';

let dir: string;
let port: number;
let db: RunningDynamo;
let ses: RunningSes;
let stack: LocalStack;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dynamodb-outage-'));
  port = await freePort();
  db = await startDynamo({ port, dbPath: dir });
  ses = await startSes({ port: await freePort() });
  stack = await startLocalStack({
    dynamodbEndpoint: db.endpoint,
    sesEndpoint: ses.endpoint,
    apiPort: 0,
    adminToken: 'outage-admin-token',
    tablePrefix: 'outage-',
  });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await ses?.stop();
  await db?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

const apply = (body: Record<string, unknown>) =>
  fetch(`${stack.apiUrl}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

async function emailsTo(address: string): Promise<number> {
  const res = await fetch(`${ses.endpoint}/store`);
  const { emails } = (await res.json()) as { emails: { destination: { to: string[] } }[] };
  return emails.filter((e) => e.destination.to.some((to) => to.includes(address))).length;
}

/** Application items (APP#) and every other item (claims, tokens), for one applicant. */
async function storedFor(applicationName: string) {
  const page = await dynamo().send(
    new ScanCommand({ TableName: tableName('applications'), ConsistentRead: true }),
  );
  const items = page.Items ?? [];
  const application = items.find((i) => String(i.pk).startsWith('APP#') && i.name === applicationName);
  const related = application
    ? items.filter((i) => i.applicationId === application.id || i.pk === application.pk)
    : [];
  return { application, related, all: items.length };
}

/** Make DynamoDB Local stop right before the k-th DynamoDB call from now (1-based). */
function stopBeforeCall(k: number): { count: () => number; undo: () => void } {
  const client = dynamo() as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const original = client.send;
  let n = 0;
  client.send = async (...args: unknown[]) => {
    n++;
    if (n === k) await db.stop();
    return original.apply(client, args);
  };
  return {
    count: () => n,
    undo: () => {
      client.send = original;
    },
  };
}

describe('DynamoDB Local stopped in the middle of an application', () => {
  it('answers 503 with Retry-After, leaves no half-stored application, and the retry works', async () => {
    // How many DynamoDB calls a normal application makes.
    const probe = stopBeforeCall(Number.POSITIVE_INFINITY);
    const normal = await apply(applicationBody('71000', 1));
    probe.undo();
    expect(normal.status).toBe(202);
    const calls = probe.count();
    expect(calls).toBeGreaterThan(0);

    // Stop before the first call, before a middle one and before the last one.
    const points = [...new Set([1, Math.ceil(calls / 2), calls])];
    for (const [i, k] of points.entries()) {
      const body = applicationBody('71000', 100 + i);
      const fault = stopBeforeCall(k);
      const res = await apply(body);
      fault.undo();
      const context = `database stopped before DynamoDB call ${k} of ${calls}`;
      // Before the application is stored, the database being down is a 503.
      if (k === 1) expect(res.status, context).toBe(503);
      expect([202, 503], context).toContain(res.status);
      if (res.status === 503) {
        expect(res.headers.get('retry-after'), context).toBeTruthy();
        expect(((await res.json()) as { error: { code: string } }).error.code, context).toBe(
          'service_unavailable',
        );
      }

      db = await startDynamo({ port, dbPath: dir });
      const after = await storedFor(String(body.name));
      const sent = await emailsTo(String(body.email));
      if (res.status === 202) expect(after.application, `${context}: 202 but nothing stored`).toBeDefined();
      if (after.application) {
        // Stored whole: the application with its claims and token, and its email sent.
        // (Stored without the email would leave the applicant with no link, and a retry
        // refused as a duplicate until the claims expire.)
        expect(after.related.length, context).toBeGreaterThan(1);
        expect(sent, `${context}: application stored but no confirmation email sent`).toBe(1);
      } else {
        // Nothing of it left: no claim blocks the retry, and the retry goes through.
        expect(after.related, context).toEqual([]);
        expect(sent, context).toBe(0);
        const retry = await apply(body);
        expect(retry.status, context).toBe(202);
        expect(await emailsTo(String(body.email)), context).toBe(1);
      }
    }
  }, 120_000);
});
