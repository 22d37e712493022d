// The real thing: `npx cdk synth` for prod, offline and with no AWS credentials, with
// every function bundled by the local esbuild and cdk-nag running as a validation
// plugin (an unacknowledged finding fails the synth). Then the bundles themselves:
// one ESM bundle per function, with only the AWS clients the function says it uses.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../shared/routes/index.ts';
import { ROOT } from '../support/cdk.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Json = any;

const out = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
let result: { code: number | null; output: string; ms: number };

function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('AWS_') && !k.startsWith('CDK_')) env[k] = v;
  return {
    ...env,
    AWS_CONFIG_FILE: join(out, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(out, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

beforeAll(async () => {
  const started = Date.now();
  result = await new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['cdk', 'synth', '--quiet', '--no-notices', '--no-version-reporting', '-c', 'stage=prod', '-o', out],
      { cwd: ROOT, env: offlineEnv() },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}, 600_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const template = (name: string): Json => JSON.parse(readFileSync(join(out, `${name}.template.json`), 'utf8'));

describe('npx cdk synth (prod, offline, no credentials)', () => {
  it('succeeds, with cdk-nag finding nothing unacknowledged', () => {
    expect(result.code, result.output.slice(-3000)).toBe(0);
    expect(existsSync(join(out, 'AffiliateCompliance-prod-Stateful.template.json'))).toBe(true);
    expect(existsSync(join(out, 'AffiliateCompliance-prod-Stateless.template.json'))).toBe(true);
  });

  it('bundles each function as ESM with a source map, holding only the AWS clients it uses', () => {
    expect(result.code).toBe(0);
    const lambdas = Object.values(template('AffiliateCompliance-prod-Stateless').Resources as Json).filter(
      (r: Json) => r.Type === 'AWS::Lambda::Function',
    ) as Json[];
    expect(lambdas).toHaveLength(functions.length);
    const mismatches: string[] = [];
    for (const def of functions) {
      const fn = lambdas.find((l) => l.Properties.FunctionName === `affiliate-compliance-prod-${def.name}`);
      const dir = join(out, fn.Metadata['aws:asset:path']);
      expect(existsSync(join(dir, 'index.mjs')), def.name).toBe(true);
      const sources: string[] = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')).sources;
      expect(sources.some((s) => s.endsWith(`functions/${def.name}.ts`))).toBe(true);
      const has = (pkg: string) => sources.some((s) => s.includes(`node_modules/${pkg}/`));
      // The SDK is in the bundle (not taken from the runtime), and in its ESM build.
      if (has('@aws-sdk/client-dynamodb'))
        expect(sources.some((s) => s.includes('client-dynamodb/dist-es/'))).toBe(true);
      // A client in the bundle that the route table does not declare is an AccessDenied
      // waiting in AWS; a declared one that is not bundled is a permission nobody uses.
      if (has('@aws-sdk/client-scheduler') !== !!def.uses.schedules)
        mismatches.push(
          `${def.name}: Scheduler client bundled=${has('@aws-sdk/client-scheduler')}, uses.schedules=${!!def.uses.schedules}`,
        );
      if (has('@aws-sdk/client-secrets-manager') !== (def.uses.secrets ?? []).length > 0)
        mismatches.push(
          `${def.name}: Secrets Manager client bundled=${has('@aws-sdk/client-secrets-manager')}, uses.secrets=${JSON.stringify(def.uses.secrets ?? [])}`,
        );
      if (has('@aws-sdk/client-sesv2') && !def.uses.sendsMail)
        mismatches.push(`${def.name}: SES client bundled, uses.sendsMail not set`);
    }
    expect(mismatches).toEqual([]);
  });

  it("copies the console's script beside the console function, and beside no other", () => {
    expect(result.code).toBe(0);
    const lambdas = Object.values(template('AffiliateCompliance-prod-Stateless').Resources as Json).filter(
      (r: Json) => r.Type === 'AWS::Lambda::Function',
    ) as Json[];
    const withScript = lambdas
      .filter((fn) => existsSync(join(out, fn.Metadata['aws:asset:path'], 'console', 'console.js')))
      .map((fn) => fn.Properties.FunctionName);
    expect(withScript).toEqual(['affiliate-compliance-prod-console']);
  });
});
