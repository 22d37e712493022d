// Runs in every test file (vitest setupFiles): once the file's tests are done, each
// request/reply pair its tests sent through the api() helper is checked against the
// OpenAPI document (test/support/contract.ts). A pair that breaks the document fails
// the file, naming the request, the status and what is wrong.

import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { takeRecorded } from './contract-record.ts';

afterAll(async () => {
  const exchanges = await takeRecorded();
  if (!exchanges.length) return;
  // Only a file that sent requests pays for building the document and its validators.
  const { contractProblem, findOperation } = await import('./contract.ts');
  const problems = exchanges.map(contractProblem).filter((p): p is string => p !== undefined);
  const file = expect.getState().testPath ?? 'unknown';
  writeFileSync(
    join(inject('contractCounts'), `${basename(file)}-${process.pid}.json`),
    JSON.stringify({
      file,
      checked: exchanges.length,
      problems: problems.length,
      // Which documented replies the suite has seen (the run reports those it never saw).
      seen: [
        ...new Set(
          exchanges.flatMap((e) => {
            const operation = findOperation(e.method, new URL(e.url, 'http://local').pathname);
            return operation ? [`${operation.method.toUpperCase()} ${operation.path} ${e.status}`] : [];
          }),
        ),
      ],
    }),
  );
  if (problems.length)
    throw new Error(
      `${problems.length} of ${exchanges.length} replies break the API contract (docs/api.md):\n${[...new Set(problems)].join('\n')}`,
    );
});
