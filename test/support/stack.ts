// The local stack for one test file: the shared DynamoDB Local (own tables, named with a
// unique prefix), its own SES local, the HTTP front on a free port and the scheduler on
// a clock the test moves. Helpers to read what was emailed and to call the API.

import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { freePort } from '../../scripts/local/ports.ts';
import { startSes } from '../../scripts/local/ses.ts';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack.ts';
import { record } from './contract-record.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export interface TestStack extends LocalStack {
  /** Every email SES local holds, oldest first. */
  emails(): Promise<StoredEmail[]>;
  emailsTo(address: string): Promise<StoredEmail[]>;
  clearEmails(): Promise<void>;
  stopSes(): Promise<void>;
  startSes(): Promise<void>;
  /** fetch against the API; `admin: true` adds the admin token. */
  api(path: string, init?: RequestInit & { admin?: boolean; json?: unknown }): Promise<Response>;
  /** Move the local clock, firing what is due (POST /_local/clock). */
  advanceTo(
    to: string | Date,
  ): Promise<{ now: string; fired: { name: string; at: string; target: string }[] }>;
}

export async function startTestStack(
  options: {
    startAt?: Date;
    env?: Record<string, string>;
    /** Another way to the shared DynamoDB Local (a slow proxy in front of it). */
    dynamodbEndpoint?: string;
    timeoutsMs?: Record<string, number>;
  } = {},
): Promise<TestStack> {
  const sesPort = await freePort();
  let ses = await startSes({ port: sesPort });
  const stack = await startLocalStack({
    dynamodbEndpoint: options.dynamodbEndpoint ?? inject('dynamodbEndpoint'),
    sesEndpoint: ses.endpoint,
    apiPort: 0,
    adminToken: ADMIN_TOKEN,
    tablePrefix: `t${randomUUID().slice(0, 8)}-`,
    startAt: options.startAt,
    env: options.env,
    timeoutsMs: options.timeoutsMs,
  });
  const sesUrl = ses.endpoint;

  const test: TestStack = {
    ...stack,
    async emails() {
      const res = await fetch(`${sesUrl}/store`);
      const body = (await res.json()) as { emails: StoredEmail[] };
      return body.emails;
    },
    async emailsTo(address) {
      const wanted = address.toLowerCase();
      return (await test.emails()).filter((e) =>
        [...e.destination.to, ...e.destination.cc, ...e.destination.bcc].some((a) =>
          a.toLowerCase().includes(wanted),
        ),
      );
    },
    async clearEmails() {
      await fetch(`${sesUrl}/clear-store`, { method: 'POST' });
    },
    async stopSes() {
      await ses.stop();
    },
    async startSes() {
      ses = await startSes({ port: sesPort });
    },
    async api(path, init = {}) {
      const { admin, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (admin) headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const method = rest.method ?? (json !== undefined ? 'POST' : 'GET');
      const body = json !== undefined ? JSON.stringify(json) : rest.body;
      const response = await fetch(`${stack.apiUrl}${path}`, { ...rest, method, headers, body });
      // Checked against the OpenAPI document at the end of the file (contract-setup.ts).
      record(method, path, { type: headers.get('content-type') ?? undefined, body }, response);
      return response;
    },
    async advanceTo(to) {
      const res = await fetch(`${stack.apiUrl}/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: typeof to === 'string' ? to : to.toISOString() }),
      });
      if (!res.ok) throw new Error(`clock move failed: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ now: string; fired: { name: string; at: string; target: string }[] }>;
    },
    async stop() {
      await stack.stop();
      await ses.stop().catch(() => undefined);
    },
  };
  return test;
}
