// Builds the console's browser script (console/main.ts) into build/console/console.js:
// one minified ES module for current browsers, with no dependency. The local stack runs
// it at start, the bench measures its output, and `cdk synth` runs it first (cdk.json)
// so the console function's bundle can copy it beside itself (FunctionDef `files`).
// Nothing in console/ is imported by any function: no Lambda bundle carries it.
//
//   npx tsx scripts/build-console.ts      build once

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_ENTRY = join(ROOT, 'console', 'main.ts');
export const CONSOLE_SCRIPT = join(ROOT, 'build', 'console', 'console.js');

/** Build the script and write it atomically (parallel test stacks may build at once). */
export async function buildConsole(): Promise<{ bytes: number }> {
  const result = await build({
    entryPoints: [CONSOLE_ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  mkdirSync(join(ROOT, 'build', 'console'), { recursive: true });
  const temp = `${CONSOLE_SCRIPT}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, code);
  renameSync(temp, CONSOLE_SCRIPT);
  return { bytes: code.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes } = await buildConsole();
  console.log(`build/console/console.js: ${bytes} bytes`);
}
