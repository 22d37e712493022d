// The console's browser code stays out of every Lambda bundle (it is served as a file by
// the console function, never imported), and its script stays small: the issue aims for
// under 60 KB gzipped for the first screen, and the whole console is that one script.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CONSOLE_GZIP_AIM_KB } from '../../bench/console.ts';
import { lambdaBundling } from '../../bench/functions.ts';
import { buildConsole, CONSOLE_SCRIPT, ROOT } from '../../scripts/build-console.ts';
import { functions } from '../../shared/routes/index.ts';

describe('the console in bundles', () => {
  it('no function bundle holds a file of console/', async () => {
    const result = await build({
      ...lambdaBundling,
      entryPoints: functions.map((f) => join(ROOT, 'functions', `${f.name}.ts`)),
      outdir: '/nowhere',
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(process.cwd(), p)));
    expect(inputs.some((p) => p.startsWith('functions/console.ts'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('console/'))).toEqual([]);
  }, 120_000);

  it(`the console script is under ${CONSOLE_GZIP_AIM_KB} KB gzipped`, async () => {
    await buildConsole();
    const gzipped = gzipSync(readFileSync(CONSOLE_SCRIPT), { level: 9 }).length;
    expect(gzipped / 1024).toBeLessThan(CONSOLE_GZIP_AIM_KB);
  });
});
