// The deadline of the current invocation: an AbortSignal that fires a margin before the
// Lambda timeout. The handler wrapper sets it; every AWS client passes it into each call
// (shared/aws/deadline.ts), so once it fires nothing new starts and calls in flight are
// abandoned, and the margin is left to settle an uncertain write and answer 503.

import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<AbortSignal>();

/** A fifth of the time left, at least 200 ms and at most 2 s. */
export function deadlineMargin(remainingMs: number): number {
  return Math.min(2000, Math.max(200, Math.floor(remainingMs / 5)));
}

/** A signal that fires `deadlineMargin` before the time left runs out. */
export function deadlineSignal(remainingMs: number): AbortSignal {
  return AbortSignal.timeout(Math.max(0, remainingMs - deadlineMargin(remainingMs)));
}

export function withDeadline<T>(signal: AbortSignal | undefined, fn: () => T): T {
  return signal ? current.run(signal, fn) : fn();
}

export function currentDeadline(): AbortSignal | undefined {
  return current.getStore();
}

/** True once the current invocation's deadline has passed. */
export function pastDeadline(): boolean {
  return current.getStore()?.aborted ?? false;
}

/** An AbortError or TimeoutError from a call cut short by a signal. */
export function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
