// Every function as Lambda runs it: the esbuild bundle infra/function.ts deploys (same
// options as bench/functions.ts), imported by a fresh Node process with source maps on.
// Tests elsewhere import the TypeScript sources, so this is what catches a bundle that
// breaks at cold start: a module dropped by tree shaking (package.json declares our
// modules free of import side effects), a CommonJS dependency without `require`, a
// top-level await that throws.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_NODE_OPTIONS, lambdaBundling } from '../../bench/functions.ts';
import { ROOT } from '../../scripts/build-console.ts';
import { functions } from '../../shared/routes/index.ts';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundles-'));
  await build({
    ...lambdaBundling,
    entryPoints: Object.fromEntries(functions.map((f) => [f.name, join(ROOT, 'functions', `${f.name}.ts`)])),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
  });
  await writeFile(
    join(dir, 'load.mjs'),
    'const m = await import(process.argv[2]);\nprocess.stdout.write(typeof m.handler);\n',
  );
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('each Lambda bundle', () => {
  it.each(functions.map((f) => f.name))('%s loads in a fresh Node and exports its handler', async (name) => {
    const { stdout } = await run(
      process.execPath,
      [...LAMBDA_NODE_OPTIONS, join(dir, 'load.mjs'), pathToFileURL(join(dir, `${name}.mjs`)).href],
      // What the function has at a cold start locally; nothing is called at import.
      { env: { PATH: process.env.PATH ?? '', STAGE: 'local', AWS_REGION: 'eu-west-1' } },
    );
    expect(stdout).toBe('function');
  });
});
