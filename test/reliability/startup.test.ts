// `npm start` opens its port and says "ready" only when it is: every table exists, the
// example affiliate is written and the API answers. Runs the real start script as a
// child process on its own ports and data directory, knocks on the API port from the
// moment it is spawned, and calls it again the moment "ready" is printed.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { EXAMPLE_AFFILIATE_ID } from '../../scripts/local/seed.ts';

const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dataDir: string;
let apiUrl: string;
let s3Url: string;
let output = '';
/** The first replies the API gave at all, to requests sent while it was starting. */
let earliest: { health: unknown; affiliates: string } | undefined;

async function firstAnswer(url: string): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch {
      if (child?.exitCode !== null) throw new Error('npm start exited');
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Resolves when the start script prints its ready line (or fails when it exits). */
function started(process: ChildProcess): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Local stack ready')) resolveReady();
    };
    process.stdout?.on('data', onData);
    process.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    process.once('exit', (code) =>
      reject(new Error(`npm start exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'affiliate-start-'));
  const [port, dynamodbPort, sesPort, s3Port] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  apiUrl = `http://127.0.0.1:${port}`;
  s3Url = `http://127.0.0.1:${s3Port}`;
  child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/local-stack.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DYNAMODB_PORT: String(dynamodbPort),
      SES_PORT: String(sesPort),
      S3_PORT: String(s3Port),
      LOCAL_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const knocking = Promise.all([firstAnswer(`${apiUrl}/health`), firstAnswer(`${apiUrl}/affiliates`)]);
  await started(child);
  const [health, affiliates] = await knocking;
  earliest = { health: await health.json(), affiliates: await affiliates.text() };
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('gives no answer at all until every table exists and the seed is written', () => {
    expect(earliest?.health).toEqual({ status: 'ok', dependencies: { dynamodb: 'ok', ses: 'ok' } });
    expect(earliest?.affiliates).toContain(EXAMPLE_AFFILIATE_ID);
  });

  it('answers the first requests after "ready": health, an application, the seeded group', async () => {
    const [health, application, list] = await Promise.all([
      fetch(`${apiUrl}/health`),
      fetch(`${apiUrl}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(applicationBody('startup', 1)),
      }),
      fetch(`${apiUrl}/affiliates`),
    ]);
    expect(await health.json()).toEqual({ status: 'ok', dependencies: { dynamodb: 'ok', ses: 'ok' } });
    expect(application.status).toBe(202);
    expect(JSON.stringify(await list.json())).toContain(EXAMPLE_AFFILIATE_ID);
  });

  it('has S3 local running with the report documents bucket', async () => {
    expect(output).toContain(`S3 local         ${s3Url}`);
    const bucket = await fetch(`${s3Url}/local-uploads`);
    expect(bucket.status).toBe(200);
    expect(await bucket.text()).toContain('<Name>local-uploads</Name>');
  });
});
