// Helpers the reliability tests share: what is stored (item counts of every table,
// emails in SES local), and the documented error shape.

import { request } from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { type TableKey, tableName, tables } from '../../shared/tables.ts';
import type { TestStack } from '../support/stack.ts';

/** Items in each of our tables, read with consistent scans. */
export async function countItems(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const key of Object.keys(tables) as TableKey[]) {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new ScanCommand({
          TableName: tableName(key),
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    counts[key] = count;
  }
  return counts;
}

/** Everything a request could have left behind: table items and emails. */
export async function storedState(stack: TestStack) {
  return { items: await countItems(), emails: (await stack.emails()).length };
}

/** A reply is a documented error: JSON `{error:{code,message}}` or an HTML page. */
export function expectErrorShape(status: number, contentType: string, body: string, context: string): void {
  if (contentType.startsWith('text/html')) {
    expect(body.toLowerCase(), context).toContain('<!doctype html');
    return;
  }
  expect(contentType, context).toMatch(/^application\/json/);
  let parsed: { error?: { code?: unknown; message?: unknown } };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${context}: ${status} reply is not JSON: ${body.slice(0, 200)}`);
  }
  expect(typeof parsed.error?.code, context).toBe('string');
  expect(typeof parsed.error?.message, context).toBe('string');
}

/**
 * POST JSON from a given loopback address (127.0.0.0/8 all reach the local server), so a
 * test can be two different clients as API Gateway's sourceIp sees them.
 */
export function postFrom(
  sourceIp: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: () => unknown }> {
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        localAddress: sourceIp,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': String(payload.length),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
