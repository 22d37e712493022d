// Rewrites the README's bench results (between the bench markers) from the latest
// bench/results.json (bench/verdicts.ts makes the section). Nothing in that section is
// written by hand, so it cannot drift from the run.
//   npm run bench && npm run bench:readme

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { END, type Results, START, section } from './verdicts.ts';

const root = resolve(import.meta.dirname, '..');
const results = JSON.parse(await readFile(resolve(root, 'bench/results.json'), 'utf8')) as Results;
const readmePath = resolve(root, 'README.md');
const readme = await readFile(readmePath, 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from === -1 || to < from) throw new Error(`README.md has no "${START}" … "${END}" section`);
await writeFile(readmePath, readme.slice(0, from) + section(results) + readme.slice(to + END.length));
console.log(`README.md: bench section rewritten from the run of ${results.at}`);
