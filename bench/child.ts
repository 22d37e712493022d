// A child process run to its end with its output collected: the bench's load generator,
// its timed cold starts and its runs on the other Node all print their figures as the
// last line of stdout.

import { type SpawnOptions, spawn } from 'node:child_process';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last non-empty line of stdout, where the children print their result. */
  last: string;
}

export function runChild(command: string, args: string[], options: SpawnOptions = {}): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      resolvePromise({ code, stdout, stderr, last: stdout.trim().split('\n').pop() ?? '' }),
    );
  });
}
