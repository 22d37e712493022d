// Per function: minified bundle size and cold init time, each beside a ceiling built in
// the same run: a bundle holding only the AWS SDK clients the function's `uses` (route
// table) says it needs. Cold init = the time from a fresh Node process's start to the
// end of its import of the bundle, minus the same for a process importing an empty
// module (a bare Node start).

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import type { FunctionDef } from '../shared/routes/index.ts';
import { runChild } from './child.ts';
import { ICU_SUBJECT, median, type Row, row } from './stats.ts';

const root = resolve(import.meta.dirname, '..');

/**
 * The esbuild options of infra/function.ts (CDK's NodejsFunction), for every function:
 * one minified ESM file for Node 24, `module` entry points first so the AWS SDK's ES
 * modules are tree-shaken, the SDK bundled rather than taken from the runtime, a linked
 * source map without sources, UTF-8 output, and `require` provided for CommonJS dependencies. The
 * function runs with NODE_OPTIONS=--enable-source-maps, so the timing does too.
 */
export const lambdaBundling: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  external: [],
  sourcemap: 'linked',
  sourcesContent: false,
  // Non-ASCII text (the Urdu catalogues) as UTF-8, not \uXXXX escapes: a third of the bytes.
  charset: 'utf8',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
  },
  logLevel: 'silent',
};
export const LAMBDA_NODE_OPTIONS = ['--enable-source-maps'];

/** The smallest code that gives a function the SDK clients its `uses` declares. */
export function ceilingSource(uses: FunctionDef['uses']): string {
  const lines: string[] = [];
  if (uses.tables.length) {
    lines.push("export { DynamoDBClient } from '@aws-sdk/client-dynamodb';");
    lines.push("export { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';");
  }
  if (uses.sendsMail) lines.push("export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';");
  if (uses.schedules)
    lines.push("export { SchedulerClient, CreateScheduleCommand } from '@aws-sdk/client-scheduler';");
  if (uses.secrets?.length)
    lines.push(
      "export { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';",
    );
  if (uses.uploads?.length) lines.push("export { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3';");
  if (!lines.length) lines.push('export const nothing = 0;');
  return `${lines.join('\n')}\n`;
}

const signature = (uses: FunctionDef['uses']) =>
  [
    uses.tables.length > 0,
    !!uses.sendsMail,
    !!uses.schedules,
    !!uses.secrets?.length,
    !!uses.uploads?.length,
  ].join(',');

/**
 * Start a fresh Node process that imports `args[1]`, and read back how long after the
 * process began the import finished (performance.now() counts from process start).
 * Timing inside the process leaves out the noise of spawning and tearing it down.
 */
async function timeProcess(args: string[]): Promise<number> {
  const out = await runChild(process.execPath, [...LAMBDA_NODE_OPTIONS, ...args], {
    // What the function sees at a cold start locally; nothing is called at import.
    env: { PATH: process.env.PATH ?? '', STAGE: 'local', AWS_REGION: 'eu-west-1' },
  });
  const ms = Number(out.last);
  if (out.code !== 0 || !Number.isFinite(ms))
    throw new Error(`node ${args.join(' ')} exited with ${out.code}: ${out.stderr.slice(-500)}`);
  return ms;
}

export interface FunctionFigures {
  name: string;
  bytes: number;
  ceilingBytes: number;
  /** What the bundle holds beyond the packages of its ceiling: our code and our libraries. */
  ownBytes: number;
  initMs: number;
  ceilingInitMs: number;
  bareMs: number;
  runs: number;
}

export async function benchFunctions(
  all: FunctionDef[],
  options: { reps: number; log: (line: string) => void },
): Promise<{ rows: Row[]; figures: FunctionFigures[]; failed: string[] }> {
  let defs = all;
  const dir = await mkdtemp(join(tmpdir(), 'bench-functions-'));
  try {
    const starter = join(dir, 'start.mjs');
    await writeFile(
      starter,
      'const target = process.argv[2];\nif (target) await import(target);\nprocess.stdout.write(String(performance.now()));\n',
    );
    const empty = join(dir, 'empty.mjs');
    await writeFile(empty, 'export {};\n');
    // The first Intl date format of a process loads ICU's data. No handler pays it at
    // init any more (a cold start checks only the time zone's name; cdk synth asks ICU); a function
    // that computes dates pays it on its first date. Timed on its own to show what a
    // module-level date format would add.
    const icu = join(dir, 'icu.mjs');
    await writeFile(
      icu,
      "new Intl.DateTimeFormat('en', { timeZone: 'Asia/Karachi', dateStyle: 'long' }).format(new Date());\nexport {};\n",
    );

    // Bundle every function and every distinct ceiling.
    const bundles = new Map<string, string>();
    const metafiles = new Map<string, Metafile>();
    const ceilings = new Map<string, string>();
    const ceilingMetafiles = new Map<string, Metafile>();
    const failed: string[] = [];
    await Promise.all(
      defs.map(async (def) => {
        const outfile = join(dir, `${def.name}.mjs`);
        try {
          const built = await build({
            ...lambdaBundling,
            entryPoints: [join(root, 'functions', `${def.name}.ts`)],
            outfile,
            metafile: true,
          });
          bundles.set(def.name, outfile);
          metafiles.set(def.name, built.metafile);
        } catch (error) {
          // A feature still being built must not stop the rest of the bench.
          failed.push(`${def.name}: does not bundle (${(error as Error).message.split('\n')[1] ?? ''})`);
        }
      }),
    );
    defs = defs.filter((d) => bundles.has(d.name));
    for (const def of defs) {
      const sig = signature(def.uses);
      if (ceilings.has(sig)) continue;
      const entry = join(dir, `ceiling-${ceilings.size}.ts`);
      await writeFile(entry, ceilingSource(def.uses));
      const outfile = join(dir, `ceiling-${ceilings.size}.mjs`);
      // Resolve the SDK from the project, as the function bundles do.
      const built = await build({
        ...lambdaBundling,
        entryPoints: [entry],
        outfile,
        nodePaths: [join(root, 'node_modules')],
        metafile: true,
      });
      ceilings.set(sig, outfile);
      ceilingMetafiles.set(sig, built.metafile);
    }

    // Time the imports, interleaved so that drift in machine load hits all three alike.
    const url = (file: string) => pathToFileURL(file).href;
    const bare: number[] = [];
    const icuRuns: number[] = [];
    const ours = new Map<string, number[]>(defs.map((d) => [d.name, []]));
    const ceil = new Map<string, number[]>([...ceilings.keys()].map((k) => [k, []]));
    await timeProcess([starter, url(empty)]); // warm the file cache
    for (let rep = 0; rep < options.reps; rep++) {
      bare.push(await timeProcess([starter, url(empty)]));
      icuRuns.push(await timeProcess([starter, url(icu)]));
      for (const [sig, file] of ceilings) ceil.get(sig)!.push(await timeProcess([starter, url(file)]));
      for (const def of defs)
        ours.get(def.name)!.push(await timeProcess([starter, url(bundles.get(def.name)!)]));
      options.log(`  functions: run ${rep + 1}/${options.reps}`);
    }

    const bareMs = median(bare);
    const figures: FunctionFigures[] = [];
    for (const def of defs) {
      const sig = signature(def.uses);
      figures.push({
        name: def.name,
        bytes: (await stat(bundles.get(def.name)!)).size,
        ceilingBytes: (await stat(ceilings.get(sig)!)).size,
        ownBytes: ownBytes(metafiles.get(def.name)!, ceilingMetafiles.get(sig)!),
        initMs: median(ours.get(def.name)!) - bareMs,
        ceilingInitMs: median(ceil.get(sig)!) - bareMs,
        bareMs,
        runs: options.reps,
      });
    }
    const rows = figures.flatMap((f) => {
      const def = defs.find((d) => d.name === f.name)!;
      const clients = describeClients(def.uses);
      // With no SDK client the ceiling is an empty module: its init time is noise around
      // zero, so a ratio to it would mean nothing.
      const noClient = signature(def.uses) === signature({ tables: [] });
      return [
        row({
          section: 'function',
          subject: f.name,
          metric: 'bundle size',
          unit: 'KB',
          ours: f.bytes / 1024,
          ceiling: f.ceilingBytes / 1024,
          note: `ours beyond the SDK: ${(f.ownBytes / 1024).toFixed(0)} KB; ceiling: ${clients}`,
        }),
        row({
          section: 'function',
          subject: f.name,
          metric: 'cold init',
          unit: 'ms',
          ours: f.initMs,
          ceiling: f.ceilingInitMs,
          runs: f.runs,
          note: `bare node start ${bareMs.toFixed(0)} ms subtracted`,
        }),
      ].map((r) => (noClient ? { ...r, ratio: Number.NaN } : r));
    });
    rows.push(
      row({
        section: 'function',
        subject: ICU_SUBJECT,
        metric: 'cold init',
        unit: 'ms',
        ours: median(icuRuns) - bareMs,
        ceiling: Number.NaN,
        runs: options.reps,
        note: "ICU's data, loaded by a process's first date format: not in the cold inits above, paid on a function's first date",
      }),
    );
    return { rows, figures, failed };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The package (or project folder) an esbuild input path belongs to. */
const packageOf = (input: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, -1).join('/');

/** Output bytes of a bundle's inputs from packages its ceiling does not hold. */
function ownBytes(bundle: Metafile, ceiling: Metafile): number {
  const sdk = new Set(Object.keys(ceiling.inputs).map(packageOf));
  const output = Object.values(bundle.outputs).find((o) => o.entryPoint)!;
  return Object.entries(output.inputs)
    .filter(([input]) => !sdk.has(packageOf(input)))
    .reduce((n, [, i]) => n + i.bytesInOutput, 0);
}

function describeClients(uses: FunctionDef['uses']): string {
  const names = [
    uses.tables.length ? 'DynamoDB doc client' : '',
    uses.sendsMail ? 'SESv2' : '',
    uses.schedules ? 'Scheduler' : '',
    uses.secrets?.length ? 'Secrets Manager' : '',
    uses.uploads?.length ? 'S3' : '',
  ].filter(Boolean);
  return names.length ? names.join(' + ') : 'no SDK client (empty module)';
}
