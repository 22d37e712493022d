// Where the time of POST /applications goes: start the bench stack in this process,
// load it with autocannon (its own process) for a few seconds, and let Node's CPU
// profiler (run this file with --cpu-prof) record this process. Summarise the profile
// with bench/profile-summary.ts.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-api.ts [connections] [seconds]

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { applicationBody } from './samples.ts';
import { startBenchStack } from './stack.ts';

const connections = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 10);
const stack = await startBenchStack();
const url = `${stack.apiUrl}/applications`;
const warm = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify(applicationBody('80001', 0)),
});
if (warm.status >= 300) throw new Error(`warm-up got ${warm.status}`);
const out = await new Promise<string>((done, fail) => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(import.meta.dirname, 'cannon.ts'),
      JSON.stringify({ url, connections, seconds, run: `p${Date.now() % 1000}` }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => {
    text += d.toString();
  });
  child.once('error', fail);
  child.once('exit', () => done(text));
});
console.error(out.trim());
await stack.stop();
