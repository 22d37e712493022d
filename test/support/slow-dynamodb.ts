// A proxy in front of DynamoDB Local that can hold back the answer to a chosen
// operation: the request goes through at once (DynamoDB applies it), the reply comes
// late. What a slow network or an overloaded DynamoDB looks like to a Lambda function.

import { createServer, request } from 'node:http';

export interface SlowDynamo {
  endpoint: string;
  /** Hold back the next `times` answers to this operation (e.g. TransactWriteItems). */
  delay(operation: string, ms: number, times?: number): void;
  stop(): Promise<void>;
}

export async function startSlowDynamo(upstream: string): Promise<SlowDynamo> {
  const target = new URL(upstream);
  const plans: { operation: string; ms: number; times: number }[] = [];
  const server = createServer((req, res) => {
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    const plan = plans.find((p) => p.operation === operation && p.times > 0);
    if (plan) plan.times--;
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (c: Buffer) => chunks.push(c));
        upstreamRes.on('end', () => {
          setTimeout(() => {
            if (res.destroyed) return;
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            res.end(Buffer.concat(chunks));
          }, plan?.ms ?? 0);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    delay(operation, ms, times = 1) {
      plans.push({ operation, ms, times });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
