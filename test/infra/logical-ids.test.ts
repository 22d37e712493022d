// Deployed stacks update in place. Functions, queues, schedules, log groups and the API
// have physical names, so a resource whose logical ID changes would be created anew
// before the old one is deleted, and the create would fail on the name. The fixture
// holds every logical ID and type of the templates as deployed before the stateless
// stack was split into concerns (synthesized from main at that point); each one must
// still be there, with the same type. New resources may come; one may go only when it is
// listed below with the reason.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/cdk.ts';

type Ids = Record<string, string>;
const deployed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'fixtures/deployed-logical-ids.json'), 'utf8'),
) as Record<'dev' | 'prod', Record<'Stateful' | 'Stateless', Ids>>;

/** Resources removed on purpose, and why. */
const REMOVED: Record<string, string> = {
  AdminApiAccess5001E794:
    'The IAM policy allowing execute-api:Invoke on /admin/*: admin routes take a JWT from the user pool now, so it granted nothing (issue 11).',
};

let apps: Record<'dev' | 'prod', TestApp>;
beforeAll(() => {
  apps = { dev: testApp('dev'), prod: testApp('prod') };
}, 120_000);

const idsOf = (app: TestApp, stack: 'Stateful' | 'Stateless'): Ids =>
  Object.fromEntries(
    Object.entries(
      (stack === 'Stateful' ? app.statefulTemplate : app.statelessTemplate).toJSON().Resources as Record<
        string,
        { Type: string }
      >,
    ).map(([id, r]) => [id, r.Type]),
  );

describe.each(['dev', 'prod'] as const)('%s', (stage) => {
  it.each(['Stateful', 'Stateless'] as const)(
    '%s: every deployed logical ID is still there, with its type',
    (stack) => {
      const now = idsOf(apps[stage], stack);
      const before = deployed[stage][stack];
      expect(Object.keys(before).length).toBeGreaterThan(0);
      const missing = Object.entries(before)
        .filter(([id, type]) => now[id] !== type && !(id in REMOVED))
        .map(([id, type]) => `${id} (${type}) is now ${now[id] ?? 'gone'}`);
      expect(missing).toEqual([]);
      for (const id of Object.keys(REMOVED)) expect(now[id], `${id} was removed on purpose`).toBeUndefined();
    },
  );
});
