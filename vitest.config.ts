import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local and one SES local for the whole run; each test file gets its
    // own tables (see test/support/stack.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Every reply a test gets through the api() helper is checked against the OpenAPI
    // document when its file ends (test/support/contract.ts).
    setupFiles: ['test/support/contract-setup.ts'],
    // Configuration fails closed without STAGE; the tests run as the local stack does.
    env: { STAGE: 'local' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over the CPU with Java.
    maxWorkers: 2,
  },
});
