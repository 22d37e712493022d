// cdk-nag (v3) runs as a CDK validation plugin; a finding we accept is acknowledged on
// the construct it is about, with the reason a reviewer reads. v3 has no wildcard
// acknowledgements: each finding (`AwsSolutions-IAM5[Resource::...]`) is named exactly.

import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, rules: { id: string; reason: string }[]): void {
  if (rules.length > 0) Validations.of(scope).acknowledge(...rules);
}

/** The packs every stage is checked against; synth fails on an unacknowledged finding. */
export const nagPacks = (app: App) => [
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
];
