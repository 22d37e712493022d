// API throughput: POST /applications under autocannon at several concurrencies, beside
// the raw rate of the same DynamoDB Local and SES local calls made directly with the SDK
// at the same concurrency (see replay.ts). Both run against the same local services in
// the same run, alternating, so machine noise hits both alike.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { routes } from '../shared/routes/index.ts';
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

function cannon(url: string, connections: number, seconds: number, run: string): Promise<Load> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(root, 'bench/cannon.ts'),
        JSON.stringify({ url, connections, seconds, run }),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.slice(-800)}`));
      const r = JSON.parse(out.trim().split('\n').pop()!) as {
        ok: number;
        non2xx: number;
        errors: number;
        timeouts: number;
        seconds: number;
        p50: number;
        p99: number;
      };
      resolvePromise({
        rps: r.ok / r.seconds,
        p50: r.p50,
        p99: r.p99,
        failed: r.non2xx + r.errors + r.timeouts,
      });
    });
  });
}

async function ceiling(replayer: Replayer, connections: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await replayer.once();
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
    await ceiling(replayer, 4, 0.5); // warm the replay clients
    for (const c of options.concurrencies) {
      const ours: Load[] = [];
      const ceil: Load[] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        ours.push(await cannon(url, c, options.seconds, `${c}${rep}${Date.now() % 1000}`));
        ceil.push(await ceiling(replayer, c, options.seconds));
        options.log(
          `  api: concurrency ${c}, run ${rep + 1}/${options.reps}: ${ours.at(-1)!.rps.toFixed(0)} vs ${ceil.at(-1)!.rps.toFixed(0)} req/s`,
        );
        await stack.clearEmails(); // SES local keeps every email in memory
      }
      (details.runs as unknown[]).push({ concurrency: c, ours, ceiling: ceil });
      const failed = ours.reduce((n, l) => n + l.failed, 0);
      const ceilFailed = ceil.reduce((n, l) => n + l.failed, 0);
      const note = `${failed} non-2xx/errors; ceiling ${ceilFailed} failed`;
      const base = { section: 'api', subject: `POST /applications c=${c}`, runs: options.reps };
      rows.push(
        row({
          ...base,
          metric: 'throughput',
          unit: 'req/s',
          ours: median(ours.map((l) => l.rps)),
          ceiling: median(ceil.map((l) => l.rps)),
          note: `${note}; ceiling = ${work} via SDK`,
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
  } finally {
    replayer.destroy();
  }
  return { rows, details };
}
