// What every Lambda invocation sets up before the function's own code runs: the log
// context (request ids, function, cold start, X-Ray trace) and the deadline that every
// AWS call carries. HTTP functions get it from shared/http/handler.ts; the scheduled
// and event functions wrap their middy handler with `invocation` directly.

import type { Context } from 'aws-lambda';
import { config, xrayTraceHeader } from './config.ts';
import { deadlineSignal, withDeadline } from './deadline.ts';
import { type LogContext, withLogContext } from './log.ts';

/** The Root=... part of the X-Ray header: what the X-Ray console searches by. */
export function traceIdOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.slice(0, 512).split(';')) if (part.startsWith('Root=')) return part.slice(5);
  return undefined;
}

export function invocation<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  requestIdOf: (event: E) => string | undefined = () => undefined,
): (event: E, context: Context) => Promise<R> {
  // Read at cold start: a missing setting or secret stops the function here, by name.
  config();
  let coldStart = true;
  return (event, context) => {
    const ctx: LogContext = {
      requestId: requestIdOf(event),
      lambdaRequestId: context?.awsRequestId,
      functionName: context?.functionName,
      coldStart,
      traceId: traceIdOf(xrayTraceHeader()),
    };
    coldStart = false;
    const remaining = context?.getRemainingTimeInMillis?.();
    const deadline = remaining === undefined ? undefined : deadlineSignal(remaining);
    return withLogContext(ctx, () => withDeadline(deadline, () => handler(event, context)));
  };
}
