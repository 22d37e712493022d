import { defineConfig } from 'vitest/config';

// The unit tests alone, for `npm run mutation`: the pure domain needs no DynamoDB Local,
// SES local or browser, so there is no global setup, and the slower folders stay out of
// the thousands of runs a mutation run makes.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Configuration fails closed without STAGE; the unit tests run as the local stack does.
    env: { STAGE: 'local' },
    pool: 'forks',
    testTimeout: 30_000,
  },
});
