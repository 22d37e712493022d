// The CDK app: `npx cdk synth -c stage=dev|prod`. Two environment-agnostic stacks per
// stage (no account or region in the template, so synth needs no AWS credentials; the
// deploy takes both from the caller's profile): stateful (tables, secrets) and
// stateless (functions, API, schedules, mail, alarms, sign-in). cdk-nag checks both.

import { App, Tags, Validations } from 'aws-cdk-lib';
import { deployConfig } from './config.ts';
import { nagPacks } from './nag.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface BuiltApp {
  app: App;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** `nag: false` leaves the checks to the caller (the tests list findings themselves). */
export function buildApp(app: App = new App(), options: { nag?: boolean } = {}): BuiltApp {
  const config = deployConfig((key) => app.node.tryGetContext(key));
  const name = `AffiliateCompliance-${config.stage}`;
  const stateful = new StatefulStack(app, `${name}-Stateful`, {
    config,
    description: `Affiliate compliance (${config.stage}): tables and secrets`,
    terminationProtection: config.retainData,
  });
  const stateless = new StatelessStack(app, `${name}-Stateless`, {
    config,
    stateful,
    description: `Affiliate compliance (${config.stage}): functions, API, schedules, mail, alarms, sign-in`,
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('project', 'affiliate-compliance');
  Tags.of(app).add('stage', config.stage);
  if (options.nag !== false) Validations.of(app).addPlugins(...nagPacks(app));
  return { app, stateful, stateless };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  buildApp().app.synth();
}
