// Where the time of POST /applications goes: start the bench stack in this process,
// load it for a few seconds, and let Node's CPU profiler (run this file with
// --cpu-prof) record this process. Summarise the profile with bench/profile-summary.ts.
// The load is autocannon in its own process through the local HTTP front (`http`, the
// default), or the handler invoked in this process as Lambda does (`handler`: the
// figure the API goal tracks).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-api.ts [connections] [seconds] [http|handler]

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { handlerLoad } from './api.ts';
import { applicationBody } from './samples.ts';
import { startBenchStack } from './stack.ts';

const connections = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 10);
const mode = process.argv[4] ?? 'http';
const stack = await startBenchStack();
const url = `${stack.apiUrl}/applications`;
const warm = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify(applicationBody('80001', 0)),
});
if (warm.status >= 300) throw new Error(`warm-up got ${warm.status}`);
if (mode === 'handler') {
  const load = await handlerLoad(connections, seconds, `p${Date.now() % 1000}`);
  console.error(JSON.stringify(load));
  await stack.stop();
  process.exit(0);
}
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
