// The same bench sections on another Node.js major, beside this one, in the same run.
// The other Node is the `node` devDependency of bench/other-node/ (its own small
// package, so its binary does not take the project's place in node_modules/.bin),
// installed from its lockfile with `npm ci` the first time it is needed. It runs
// bench/run.ts in a child process, which prints its rows as JSON. Rows compare like
// with like: each figure on the other Node over the same figure on this one.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runChild } from './child.ts';
import { median, type Row, row } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const otherDir = resolve(root, 'bench/other-node');
const otherBinary = resolve(otherDir, 'node_modules/node/bin/node');

/** The other Node's binary and major version (installed on first use), or why there is none. */
export function otherNode(
  log: (line: string) => void,
): { major: number; path: string } | { missing: string } {
  if (!existsSync(otherBinary)) {
    log('node: installing the Node of bench/other-node (npm ci, once)');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', otherDir], {
      cwd: otherDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (npm.status !== 0 || !existsSync(otherBinary))
      return { missing: `npm ci in bench/other-node failed: ${(npm.stderr ?? '').trim().split('\n').pop()}` };
  }
  const version = spawnSync(otherBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const major = Number(/^v(\d+)/.exec(version)?.[1]);
  if (major === Number(process.versions.node.split('.')[0]))
    return { missing: `bench/other-node holds ${version}, the Node this bench runs on` };
  return { major, path: otherBinary };
}

export async function benchOn(
  node: string,
  sections: string[],
  env: Record<string, string>,
): Promise<{ rows: Row[]; version: string }> {
  const out = await runChild(
    node,
    ['--import', 'tsx', resolve(root, 'bench/run.ts'), ...sections, '--rows-json'],
    { cwd: root, env: { ...process.env, ...env, PATH: `${resolve(node, '..')}:${process.env.PATH ?? ''}` } },
  );
  if (out.code !== 0 || !out.last.startsWith('{'))
    throw new Error(`${node} bench exited ${out.code}: ${out.stderr.slice(-600)}`);
  return JSON.parse(out.last) as { rows: Row[]; version: string };
}

/**
 * Rows comparing two runs of the same sections: per figure kind, the other Node's value
 * over this Node's (cold init: the median over the functions of each one's ratio).
 */
export function compareRows(mine: Row[], other: Row[], labels: { mine: string; other: string }): Row[] {
  const find = (rows: Row[], r: Row) =>
    rows.find((o) => o.section === r.section && o.subject === r.subject && o.metric === r.metric);
  const out: Row[] = [];
  const inits = mine.filter((r) => r.metric === 'cold init' && Number.isFinite(r.ratio));
  const pairs = inits.map((r) => [r, find(other, r)] as const).filter((p) => p[1]);
  if (pairs.length) {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    out.push(
      row({
        section: 'node',
        subject: `cold init, all ${pairs.length} functions`,
        metric: 'total',
        unit: 'ms',
        ours: sum(pairs.map((p) => p[1]!.ours)),
        ceiling: sum(pairs.map((p) => p[0].ours)),
        note: `${labels.other} over ${labels.mine}`,
      }),
      row({
        section: 'node',
        subject: 'cold init over SDK ceiling, worst function',
        metric: 'ratio',
        unit: 'x',
        ours: Math.max(...pairs.map((p) => p[1]!.ratio)),
        ceiling: Math.max(...pairs.map((p) => p[0].ratio)),
        note: `${labels.other} (ours) beside ${labels.mine} (ceiling column)`,
      }),
      row({
        section: 'node',
        subject: 'cold init over SDK ceiling, median function',
        metric: 'ratio',
        unit: 'x',
        ours: median(pairs.map((p) => p[1]!.ratio)),
        ceiling: median(pairs.map((p) => p[0].ratio)),
        note: `${labels.other} (ours) beside ${labels.mine} (ceiling column)`,
      }),
    );
  }
  for (const r of mine.filter((m) => m.section === 'api' && m.metric !== 'p50 latency')) {
    const o = find(other, r);
    if (!o) continue;
    out.push(
      row({
        section: 'node',
        subject: r.subject,
        metric: r.metric,
        unit: r.unit,
        ours: o.ours,
        ceiling: r.ours,
        note: `${labels.other} over ${labels.mine}; ours/SDK ceiling on ${labels.other}: ${o.ratio.toFixed(2)}`,
      }),
    );
  }
  return out;
}
