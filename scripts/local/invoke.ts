// Invoking a Lambda handler in this process, the way the Lambda runtime would: the
// module functions/<name>.ts is imported once (a "cold start") and its exported middy
// handler is called with the event and a Context.

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionDef } from '../../shared/routes/index.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const loaded = new Map<string, Promise<Handler>>();
/** Timeouts other than the route table's, in ms (tests that run a function out of time). */
const timeoutOverrides = new Map<string, number>();

export function overrideTimeouts(timeouts: Record<string, number>): void {
  timeoutOverrides.clear();
  for (const [name, ms] of Object.entries(timeouts)) timeoutOverrides.set(name, ms);
}
const root = resolve(import.meta.dirname, '../..');

function load(name: string): Promise<Handler> {
  let handler = loaded.get(name);
  if (!handler) {
    handler = import(pathToFileURL(resolve(root, 'functions', `${name}.ts`)).href).then((m) => {
      if (typeof m.handler !== 'function') throw new Error(`functions/${name}.ts does not export a handler`);
      return m.handler as Handler;
    });
    loaded.set(name, handler);
  }
  return handler;
}

export async function invoke(name: string, event: unknown): Promise<unknown> {
  const def = functionDef(name);
  const handler = await load(name);
  const started = Date.now();
  const timeoutMs = timeoutOverrides.get(name) ?? def.timeoutSeconds * 1000;
  const context: Context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: String(def.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  return handler(event, context);
}
