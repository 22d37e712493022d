// Physical names and the rule that keeps deployed stacks updatable in place.
//
// Each concern of the stateless stack (API, functions, scheduling, mail, alarms, sign-in)
// is a class in its own file that adds its resources to the stack itself, not a
// Construct one level down. A level in the construct tree would change the logical ID of
// every resource under it, and CDK derives some construct ids from a construct's full
// path (the Lambda permission of each API route, the permission of the bounce rule), so
// renaming logical IDs back afterwards would not catch them all. With physical names on
// functions, queues and schedules, a changed logical ID makes CloudFormation create the
// new resource before deleting the old one, and the create fails on the name.
// test/infra/logical-ids.test.ts holds every deployed logical ID to its place.

import type { DeployConfig } from '../config.ts';

export const physicalName = (config: DeployConfig, name: string) => `${config.prefix}-${name}`;
