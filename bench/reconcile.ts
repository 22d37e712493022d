// Reconciliation cost against table size: the same 100 affiliates due, in a table of
// 1,000 affiliates and then of 100,000 (bulk-loaded with BatchWrite). The daily
// reconciliation reads the sparse byNextAction index up to "now + look-ahead", so its
// time and read capacity should follow the 100 due, not the table. The 1,000-affiliate
// run is the ceiling the 100,000 run is compared to; a full-table scan is shown beside
// it for what a design without the index would read.

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { invoke } from '../scripts/local/invoke.ts';
import { dynamo } from '../shared/aws/dynamodb.ts';
import { routes } from '../shared/routes/index.ts';
import { tableName } from '../shared/tables.ts';
import { meterCapacity } from './capacity.ts';
import { BENCH_ADMIN_TOKEN, startBenchStack } from './stack.ts';
import { median, type Row, row } from './stats.ts';

const START = new Date('2027-01-01T00:00:00Z');
/** After template "due"'s first reminder (2027-01-31), long before "later"'s (2027-06-30). */
const RECONCILE_AT = new Date('2027-02-03T00:00:00Z');

export function affiliateBody(id: string, agreement: { start: string; end: string }, contacts = 1) {
  return {
    id,
    name: `Bench affiliate ${id}`,
    type: 'user_group',
    country: 'Pakistan',
    contactEmails: Array.from({ length: contacts }, (_, i) => `contact${i}.${id}@example.org`),
    languages: ['en'],
    metaPage: `https://meta.wikimedia.org/wiki/Bench/${id}`,
    logoUrl: `https://upload.wikimedia.org/bench/${id}.png`,
    agreement,
  };
}

type Item = Record<string, unknown>;

/** A copy of a stored affiliate under another id. */
function clone(template: Item, id: string): Item {
  const contactEmails = [`contact0.${id}@example.org`];
  return {
    ...template,
    pk: `AFF#${id}`,
    id,
    name: `Bench affiliate ${id}`,
    contactEmails,
    scheduleName: undefined,
  };
}

async function batchPut(items: Item[], concurrency = 16): Promise<void> {
  const table = tableName('affiliates');
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        let pending = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const res = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (res.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
}

/**
 * What one full scan of the table would read, in RCU: DynamoDB charges an eventually
 * consistent scan half a unit per 4 KB of item data it reads. Taken from the table size
 * DynamoDB reports (DynamoDB Local is too slow at paging a 100,000-item scan to run one).
 */
async function fullScanReadUnits(): Promise<number> {
  const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: tableName('affiliates') }));
  return Math.ceil((Table?.TableSizeBytes ?? 0) / 4096) / 2;
}

interface Run {
  ms: number;
  readUnits: number;
  writeUnits: number;
  processed: number;
}

export async function benchReconcile(options: {
  sizes: [number, number];
  due: number;
  reps: number;
  log: (line: string) => void;
}): Promise<{ rows: Row[]; details: Record<string, unknown> } | { skipped: string }> {
  if (!routes.some((r) => r.method === 'POST' && r.path === '/admin/affiliates')) {
    return { skipped: 'reconcile: POST /admin/affiliates is not in the route table yet' };
  }
  const stack = await startBenchStack({ startAt: START });
  try {
    const register = async (body: unknown) => {
      const res = await fetch(`${stack.apiUrl}/admin/affiliates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (res.status >= 300)
        throw new Error(`registering an affiliate got ${res.status}: ${await res.text()}`);
    };
    const read = async (id: string) =>
      (
        await dynamo().send(
          new GetCommand({ TableName: tableName('affiliates'), Key: { pk: `AFF#${id}`, sk: 'META' } }),
        )
      ).Item!;
    // Two real affiliates registered through the API serve as templates.
    await register(affiliateBody('template-due', { start: '2026-02-01', end: '2027-01-31' }));
    await register(affiliateBody('template-later', { start: '2026-07-01', end: '2027-06-30' }));
    const due = await read('template-due');
    const later = await read('template-later');
    // Move time without firing schedules: only reconciliation will act.
    stack.clock.set(RECONCILE_AT);
    await invoke('lifecycle', { action: 'reconcile' }); // the template itself, and a warm handler

    const runs = new Map<number, Run[]>();
    let loaded = 2;
    let loadSeconds = 0;
    for (const size of options.sizes) {
      const target = size - options.due;
      const t0 = performance.now();
      const fill: Item[] = [];
      for (let i = loaded; i < target; i++) fill.push(clone(later, `bench-${i}`));
      await batchPut(fill);
      loadSeconds += (performance.now() - t0) / 1000;
      options.log(`  reconcile: ${target} affiliates not due loaded (${loadSeconds.toFixed(0)} s so far)`);
      loaded = Math.max(loaded, target);
      const list: Run[] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        // A fresh 100 due each run (the last run's are past their first reminder now).
        await batchPut(Array.from({ length: options.due }, (_, i) => clone(due, `due-${size}-${rep}-${i}`)));
        const meter = meterCapacity();
        const t = performance.now();
        const result = (await invoke('lifecycle', { action: 'reconcile' })) as { processed: number };
        const ms = performance.now() - t;
        meter.stop();
        list.push({ ms, readUnits: meter.read, writeUnits: meter.write, processed: result.processed });
        options.log(
          `  reconcile: ${size} affiliates, run ${rep + 1}: ${result.processed} processed in ${ms.toFixed(0)} ms, ${meter.read.toFixed(1)} RCU`,
        );
      }
      runs.set(size, list);
    }
    const scanUnits = await fullScanReadUnits();
    const [small, large] = options.sizes;
    const s = runs.get(small)!;
    const l = runs.get(large)!;
    const processedOk = [...s, ...l].every((r) => r.processed === options.due);
    const subject = `${options.due} due, ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} affiliates`;
    const note = `ceiling = same ${options.due} due in ${small.toLocaleString('en')} affiliates; ${processedOk ? 'each run processed exactly the due ones' : 'PROCESSED COUNT DIFFERS FROM DUE'}`;
    const rows = [
      row({
        section: 'reconcile',
        subject,
        metric: 'time',
        unit: 'ms',
        ours: median(l.map((r) => r.ms)),
        ceiling: median(s.map((r) => r.ms)),
        runs: options.reps,
        note,
      }),
      row({
        section: 'reconcile',
        subject,
        metric: 'read capacity',
        unit: 'RCU',
        ours: median(l.map((r) => r.readUnits)),
        ceiling: median(s.map((r) => r.readUnits)),
        runs: options.reps,
        note: `one full scan of the ${large.toLocaleString('en')}-affiliate table would read ${scanUnits.toFixed(0)} RCU (from its size)`,
      }),
    ];
    return {
      rows,
      details: {
        sizes: options.sizes,
        due: options.due,
        runs: Object.fromEntries(runs),
        bulkLoadSeconds: loadSeconds,
        fullScanReadUnits: scanUnits,
        handlerLogs: stack.logs,
      },
    };
  } finally {
    await stack.stop();
  }
}
