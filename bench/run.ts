// `npm run bench`: every figure beside the ceiling it is bounded by, measured in the same
// run, printed as a table and written to bench/results.json. See docs/bench.md.
//
//   npm run bench                      everything
//   npm run bench -- functions api     only some sections
//   npm run bench -- --rows-json       print the rows as one JSON line (used to run the
//                                      sections on another Node, see node-versions.ts)
//   BENCH_REPS=5 npm run bench         repeated runs (default 5; reconcile takes at most 3)
//   BENCH_INIT_REPS=21                  cold starts timed per function and ceiling
//   BENCH_API_SECONDS=3                 length of each autocannon run
//   BENCH_RECONCILE_LARGE=100000        the large table of the reconciliation figure
//   BENCH_LIFECYCLE_N=60                affiliates in the three-year simulation

import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { functions } from '../shared/routes/index.ts';
import { benchApi } from './api.ts';
import { benchConsole } from './console.ts';
import { benchFunctions } from './functions.ts';
import { benchLifecycle } from './lifecycle.ts';
import { benchOn, compareRows, otherNode } from './node-versions.ts';
import { benchReconcile } from './reconcile.ts';
import { startBenchStack } from './stack.ts';
import { formatTable, type Row } from './stats.ts';

const SECTIONS = ['functions', 'console', 'api', 'reconcile', 'lifecycle', 'node'] as const;
type Section = (typeof SECTIONS)[number];

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !SECTIONS.includes(a as Section));
if (unknown.length) {
  console.error(`unknown section ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wanted = new Set<Section>(asked.length ? (asked as Section[]) : SECTIONS);
const reps = Number(process.env.BENCH_REPS ?? 5);
// Cold starts on this kind of machine spread by a quarter either way from one process to
// the next; the median of 21 settles to within a few per cent, enough to judge 10%.
const initReps = Number(process.env.BENCH_INIT_REPS ?? 21);
const rowsJson = process.argv.includes('--rows-json');
const log = (line: string) => console.error(line);

const rows: Row[] = [];
const skipped: string[] = [];
const details: Record<string, unknown> = {};
const started = Date.now();
const loadAtStart = loadavg()[0]!;

/** Run one section; a section that fails is reported and the others still run. */
async function section(name: Section, run: () => Promise<void>): Promise<void> {
  if (!wanted.has(name)) return;
  try {
    await run();
  } catch (error) {
    skipped.push(`${name}: failed: ${(error as Error).message.split('\n')[0]}`);
    log(`${name} failed: ${(error as Error).stack}`);
  }
}
await section('functions', async () => {
  log(`functions: bundling and timing ${functions.length} functions, ${initReps} runs each`);
  const result = await benchFunctions(functions, { reps: initReps, log });
  rows.push(...result.rows);
  skipped.push(...result.failed);
  details.functions = result.figures;
});

await section('console', async () => {
  log("console: the console's script, minified and gzipped");
  const result = await benchConsole();
  rows.push(...result.rows);
  details.console = result.details;
});

await section('api', async () => {
  log('api: POST /applications under autocannon vs the same SDK calls made directly');
  const stack = await startBenchStack();
  try {
    const result = await benchApi(stack, {
      reps: Math.min(reps, 5),
      seconds: Number(process.env.BENCH_API_SECONDS ?? 3),
      concurrencies: [1, 10, 50],
      log,
    });
    if ('skipped' in result) skipped.push(result.skipped);
    else {
      rows.push(...result.rows);
      details.api = { ...result.details, handlerLogs: stack.logs };
    }
  } finally {
    await stack.stop();
  }
});

await section('reconcile', async () => {
  const large = Number(process.env.BENCH_RECONCILE_LARGE ?? 100_000);
  log(`reconcile: 100 due among 1,000 and then ${large.toLocaleString('en')} affiliates`);
  const result = await benchReconcile({ sizes: [1_000, large], due: 100, reps: Math.min(reps, 3), log });
  if ('skipped' in result) skipped.push(result.skipped);
  else {
    rows.push(...result.rows);
    details.reconcile = result.details;
  }
});

await section('lifecycle', async () => {
  const n = Number(process.env.BENCH_LIFECYCLE_N ?? 60);
  log(`lifecycle: ${n} affiliates through three simulated years`);
  const result = await benchLifecycle({ n, log });
  if ('skipped' in result) skipped.push(result.skipped);
  else {
    rows.push(...result.rows);
    details.lifecycle = result.details;
  }
});

// Last, so that the other Node runs on the same machine right after this one.
await section('node', async () => {
  const other = otherNode(log);
  if ('missing' in other) {
    skipped.push(`node: ${other.missing}`);
    return;
  }
  const mineSections = (['functions', 'api'] as const).filter((s) => wanted.has(s));
  if (!mineSections.length) {
    skipped.push('node: compares the functions and api sections; run them too');
    return;
  }
  const mine = `Node ${process.versions.node.split('.')[0]}`;
  log(`node: ${mineSections.join(' and ')} again on Node ${other.major}`);
  const result = await benchOn(other.path, [...mineSections], {
    BENCH_REPS: String(reps),
    BENCH_INIT_REPS: String(initReps),
  });
  details[`node${other.major}`] = result;
  rows.push(...compareRows(rows, result.rows, { mine, other: `Node ${other.major}` }));
});

const seconds = (Date.now() - started) / 1000;
if (rowsJson) {
  console.log(JSON.stringify({ rows, skipped, version: process.version }));
  process.exit(0);
}
console.log(formatTable(rows));
for (const s of skipped) console.log(`skipped: ${s}`);
console.log(
  `\n${cpus().length} cores, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start, ${seconds.toFixed(0)} s`,
);
await writeFile(
  resolve(import.meta.dirname, 'results.json'),
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        node: process.version,
        loadAverageAtStart: loadAtStart,
      },
      seconds,
      reps,
      rows,
      skipped,
      details,
    },
    null,
    2,
  )}\n`,
);
