// Port checks for the local stack: a port already taken gets one clear line naming the
// port and the variable that moves it, instead of a stack trace from deep inside Java.

import { createServer } from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export function assertPortFree(port: number, variable: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new PortInUseError(`Port ${port} (${what}) is already in use; set ${variable} to another port.`),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A port that was free a moment ago (for tests, which must not collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
