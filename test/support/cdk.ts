// Building the CDK app in tests: the context from cdk.json (as `cdk synth` would read
// it), the stage, and no asset bundling (assertion tests look at templates, not
// bundles; test/infra/synth.test.ts runs the real, bundled `cdk synth`).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type BuiltApp, buildApp } from '../../infra/app.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export function cdkContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(ROOT, 'cdk.json'), 'utf8')).context;
}

export interface TestApp extends BuiltApp {
  statefulTemplate: Template;
  statelessTemplate: Template;
}

export function testApp(stage: 'dev' | 'prod', context: Record<string, unknown> = {}): TestApp {
  const app = new App({
    context: { ...cdkContext(), stage, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const built = buildApp(app, { nag: false });
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}
