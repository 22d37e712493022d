// Every log line says which invocation wrote it: API Gateway's request id, Lambda's,
// the function, whether it was a cold start, and the X-Ray trace when there is one;
// concurrent requests keep their own. Nothing personal in any of it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { setLogSink } from '../../shared/log.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const lines: Record<string, unknown>[] = [];
let previousSink: ReturnType<typeof setLogSink>;

beforeAll(async () => {
  previousSink = setLogSink((line) => lines.push(JSON.parse(line)), 'info');
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.stop();
  setLogSink(previousSink, 'info');
  delete process.env._X_AMZN_TRACE_ID;
});

const received = () => lines.filter((l) => l.message === 'application received');

describe('log lines', () => {
  it('carry request ids, function and cold start; concurrent requests keep their own', async () => {
    const bodies = [1, 2, 3].map((n) => applicationBody('logs', n));
    const replies = await Promise.all(bodies.map((json) => stack.api('/applications', { json })));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);

    const mine = received();
    expect(mine).toHaveLength(3);
    for (const line of mine) {
      expect(line.functionName).toBe('submit-application');
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.lambdaRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof line.coldStart).toBe('boolean');
    }
    expect(new Set(mine.map((l) => l.requestId)).size).toBe(3);
    expect(new Set(mine.map((l) => l.lambdaRequestId)).size).toBe(3);
    expect(mine.filter((l) => l.coldStart)).toHaveLength(1);
    const text = JSON.stringify(lines);
    for (const body of bodies) {
      expect(text).not.toContain(body.email as string);
      expect(text).not.toContain(body.cnic as string);
    }
  });

  it('carry the X-Ray trace id when Lambda sets one', async () => {
    process.env._X_AMZN_TRACE_ID =
      'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';
    const reply = await stack.api('/applications', { json: applicationBody('logs', 4) });
    expect(reply.status).toBe(202);
    const last = received().at(-1)!;
    expect(last.traceId).toBe('1-67891233-abcdef012345678912345678');
    expect(last.coldStart).toBe(false);
  });
});
