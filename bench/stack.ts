// The local stack for the bench: its own in-memory DynamoDB Local and SES local on free
// ports, so `npm run bench` needs nothing running and disturbs nothing that is.
// Handler logs are counted rather than printed (they would drown the table), the last
// errors are kept to explain a failed figure, and metric lines are dropped.

import { freePort } from '../scripts/local/ports.ts';
import { type LocalStack, startLocalStack } from '../scripts/local/stack.ts';
import { setLogSink } from '../shared/log.ts';
import { setMetricSink } from '../shared/metrics.ts';
import { LIMITS_OUT_OF_THE_WAY } from './samples.ts';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token';

export interface BenchStack extends LocalStack {
  /** Emails SES local holds. */
  emailCount(): Promise<number>;
  clearEmails(): Promise<void>;
  logs: { warn: number; error: number; lastErrors: string[] };
}

export async function startBenchStack(options: { startAt?: Date } = {}): Promise<BenchStack> {
  const logs = { warn: 0, error: 0, lastErrors: [] as string[] };
  setLogSink((line) => {
    const level = /"level":"(\w+)"/.exec(line)?.[1];
    if (level === 'warn') logs.warn++;
    if (level === 'error') {
      logs.error++;
      logs.lastErrors = [...logs.lastErrors.slice(-4), line.slice(0, 600)];
    }
  }, 'warn');
  setMetricSink(() => undefined); // EMF lines on stdout would drown the table too
  const stack = await startLocalStack({
    dynamodbPort: await freePort(),
    sesPort: await freePort(),
    apiPort: 0,
    adminToken: BENCH_ADMIN_TOKEN,
    tablePrefix: 'bench-',
    startAt: options.startAt,
    env: LIMITS_OUT_OF_THE_WAY,
  });
  // aws-ses-v2-local keeps one store per process, shared by every server it starts:
  // start each stack with it empty.
  await fetch(`${stack.sesUrl}/clear-store`, { method: 'POST' });
  return {
    ...stack,
    logs,
    async emailCount() {
      const res = await fetch(`${stack.sesUrl}/store`);
      return ((await res.json()) as { emails: unknown[] }).emails.length;
    },
    async clearEmails() {
      await fetch(`${stack.sesUrl}/clear-store`, { method: 'POST' });
    },
  };
}
