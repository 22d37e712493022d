// API throughput: POST /applications at several concurrencies, beside the raw rate of
// the same DynamoDB Local and SES local calls made directly with the SDK at the same
// concurrency (see replay.ts). Both run against the same local services in the same
// run, alternating, so machine noise hits both alike.
//
// Ours is measured two ways:
// - handler: the function's handler invoked in this process with an API Gateway event,
//   as the Lambda runtime invokes it. The ceiling runs in this process too, so the ratio
//   is exactly what our code (parsing, validation, HMACs, middy, the handler) adds to
//   the SDK calls. This is the figure the goal tracks: in AWS the HTTP front is API
//   Gateway's, not ours.
// - HTTP: autocannon in its own process against the local HTTP front. On a 2-core
//   machine the load generator and the front share the cores with DynamoDB Local and
//   SES local, so this figure also measures the local stand-ins; it is kept to show
//   that the front adds no surprises (errors, a long tail).

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { invoke } from '../scripts/local/invoke.ts';
import type { HttpEvent, HttpResult } from '../shared/http/types.ts';
import { routes } from '../shared/routes/index.ts';
import { runChild } from './child.ts';
import { describeCalls, type RecordedCall, Replayer, recordCalls } from './replay.ts';
import { applicationBody } from './samples.ts';
import type { BenchStack } from './stack.ts';
import { median, percentile, type Row, row } from './stats.ts';

const root = resolve(import.meta.dirname, '..');

interface Load {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

async function cannon(url: string, connections: number, seconds: number, run: string): Promise<Load> {
  const out = await runChild(
    process.execPath,
    ['--import', 'tsx', resolve(root, 'bench/cannon.ts'), JSON.stringify({ url, connections, seconds, run })],
    { cwd: root },
  );
  if (out.code !== 0) throw new Error(`autocannon exited with ${out.code}: ${out.stderr.slice(-800)}`);
  const r = JSON.parse(out.last) as {
    ok: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    seconds: number;
    p50: number;
    p99: number;
  };
  return { rps: r.ok / r.seconds, p50: r.p50, p99: r.p99, failed: r.non2xx + r.errors + r.timeouts };
}

/** `connections` loops calling `once` for `seconds`; a call that throws counts as failed. */
async function closedLoop(once: () => Promise<void>, connections: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await once();
          latencies.push(performance.now() - t);
        } catch {
          failed++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
  };
}

const ceiling = (replayer: Replayer, connections: number, seconds: number) =>
  closedLoop(() => replayer.once(), connections, seconds);

/** The API Gateway (payload 2.0) event of one application, as the HTTP front builds it. */
function applicationEvent(body: unknown): HttpEvent {
  const now = new Date();
  const headers = { 'content-type': 'application/json', accept: 'application/json', host: '127.0.0.1' };
  return {
    version: '2.0',
    routeKey: 'POST /applications',
    rawPath: '/applications',
    rawQueryString: '',
    headers,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: 'POST',
        path: '/applications',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey: 'POST /applications',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  } as HttpEvent;
}

/** The handler of POST /applications invoked in this process, as Lambda would, with new applicants. */
export function handlerLoad(connections: number, seconds: number, run: string): Promise<Load> {
  const name = routes.find((r) => r.method === 'POST' && r.path === '/applications')!.function;
  // Applicants numbered apart from autocannon's (which count from 0): the CNIC is made
  // from the run's digits and the number, and a CNIC seen twice is refused.
  let n = 5_000_000;
  return closedLoop(
    async () => {
      const result = (await invoke(name, applicationEvent(applicationBody(run, n++)))) as HttpResult;
      if (result.statusCode >= 300) throw new Error(`status ${result.statusCode}`);
    },
    connections,
    seconds,
  );
}

export async function benchApi(
  stack: BenchStack,
  options: { reps: number; seconds: number; concurrencies: number[]; log: (line: string) => void },
): Promise<{ rows: Row[]; details: Record<string, unknown> } | { skipped: string }> {
  if (!routes.some((r) => r.method === 'POST' && r.path === '/applications')) {
    return { skipped: 'api: POST /applications is not in the route table yet' };
  }
  const url = `${stack.apiUrl}/applications`;
  const post = (body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });

  // Warm the handler (its cold start is measured elsewhere), then record what one
  // steady-state request does.
  const warm = await post(applicationBody('90001', 0));
  if (warm.status >= 300) {
    return { skipped: `api: a valid application got ${warm.status}: ${(await warm.text()).slice(0, 300)}` };
  }
  const recording = recordCalls();
  const sample = await post(applicationBody('90001', 1));
  recording.stop();
  const calls: RecordedCall[] = recording.calls;
  if (sample.status >= 300) return { skipped: `api: sample application got ${sample.status}` };
  const work = describeCalls(calls);
  options.log(`  api: one application = ${work}`);

  const replayer = new Replayer(calls, { dynamodb: stack.dynamodbEndpoint, ses: stack.sesUrl });
  const rows: Row[] = [];
  const details: Record<string, unknown> = { callsPerRequest: work, runs: [] as unknown[] };
  try {
    // Warm the replay clients, the handler's, the HTTP front and DynamoDB Local's JIT
    // (a fresh JVM serves its first few thousand requests slower), so the first
    // repetition measures the same steady state as the last.
    for (let k = 0; k < 3; k++) {
      await ceiling(replayer, 10, 2);
      await handlerLoad(10, 2, `w${k}`);
      await cannon(url, 10, 1, `w${k}`);
    }
    await stack.clearEmails();
    for (const c of options.concurrencies) {
      const http: Load[] = [];
      const handler: Load[] = [];
      const ceil: Load[] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        const run = `${c}${rep}${Date.now() % 1000}`;
        // The three in turn, starting each repetition with the next one: whatever runs
        // right after another (an autocannon process exiting, a garbage collection in
        // DynamoDB Local) does not always fall on the same figure.
        const measure = [
          async () => handler.push(await handlerLoad(c, options.seconds, `h${run}`)),
          async () => ceil.push(await ceiling(replayer, c, options.seconds)),
          async () => http.push(await cannon(url, c, options.seconds, run)),
        ];
        for (let k = 0; k < measure.length; k++) await measure[(rep + k) % measure.length]!();
        options.log(
          `  api: concurrency ${c}, run ${rep + 1}/${options.reps}: handler ${handler.at(-1)!.rps.toFixed(0)}, HTTP ${http.at(-1)!.rps.toFixed(0)} vs ${ceil.at(-1)!.rps.toFixed(0)} req/s`,
        );
        await stack.clearEmails(); // SES local keeps every email in memory
      }
      (details.runs as unknown[]).push({ concurrency: c, handler, http, ceiling: ceil });
      const ceilFailed = ceil.reduce((n, l) => n + l.failed, 0);
      for (const [how, ours] of [
        ['handler', handler],
        ['HTTP', http],
      ] as const) {
        const failed = ours.reduce((n, l) => n + l.failed, 0);
        const base = { section: 'api', subject: `POST /applications c=${c} (${how})`, runs: options.reps };
        rows.push(
          row({
            ...base,
            metric: 'throughput',
            unit: 'req/s',
            ours: median(ours.map((l) => l.rps)),
            ceiling: median(ceil.map((l) => l.rps)),
            note:
              how === 'handler'
                ? `${failed} failed; ceiling ${ceilFailed} failed; ceiling = ${work} via SDK; the goal's figure`
                : `${failed} non-2xx/errors; autocannon in its own process through the local HTTP front`,
          }),
          row({
            ...base,
            metric: 'p50 latency',
            unit: 'ms',
            ours: median(ours.map((l) => l.p50)),
            ceiling: median(ceil.map((l) => l.p50)),
          }),
          row({
            ...base,
            metric: 'p99 latency',
            unit: 'ms',
            ours: median(ours.map((l) => l.p99)),
            ceiling: median(ceil.map((l) => l.p99)),
          }),
        );
      }
    }
  } finally {
    replayer.destroy();
  }
  return { rows, details };
}
