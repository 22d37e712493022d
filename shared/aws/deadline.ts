// Every call through an AWS client carries the invocation's deadline (shared/deadline.ts)
// unless the caller gives its own signal (undoing a write after the deadline does).

import { currentDeadline } from '../deadline.ts';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's send has several overloads.
type Sender = { send: (...args: any[]) => any };

export function boundByDeadline<C extends Sender>(client: C): C {
  // Looked up at each call, so a test double installed on the class later still applies.
  const proto = Object.getPrototypeOf(client) as Sender;
  const send = (...args: unknown[]) => proto.send.apply(client, args);
  client.send = ((command: unknown, options?: unknown, callback?: unknown) => {
    if (typeof options === 'function') return send(command, options);
    const abortSignal = currentDeadline();
    return send(command, abortSignal ? { abortSignal, ...(options as object) } : options, callback);
  }) as C['send'];
  return client;
}
