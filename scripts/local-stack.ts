// `npm start`: the whole system on this machine. Data persists in .local/ (or
// LOCAL_DATA_DIR) between runs. It prints "ready" only when it is: tables created, seed
// written, port open.

import { DEFAULT_ADMIN_EMAIL, startLocalStack } from './local/stack.ts';

const port = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n <= 0 || n > 65535) {
    console.error(`${name} must be a port number (1-65535), not ${raw}`);
    process.exit(1);
  }
  return n;
};

const started = Date.now();
const dataRoot = process.env.LOCAL_DATA_DIR || '.local';
const dataDir = `${dataRoot}/dynamodb`;
const adminToken = process.env.ADMIN_TOKEN || 'local-admin-token';
const adminEmail = process.env.LOCAL_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL;
try {
  const stack = await startLocalStack({
    apiPort: port('PORT', 3000),
    dynamodbPort: port('DYNAMODB_PORT', 8000),
    sesPort: port('SES_PORT', 8005),
    s3Port: port('S3_PORT', 4569),
    s3Dir: `${dataRoot}/s3`,
    dbPath: dataDir,
    adminToken,
    adminEmail,
    tablePrefix: 'local-',
    tick: true,
    seed: true,
  });
  // Printed only now: every table exists, the seed is written and the port is open.
  console.log(
    [
      `Local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  API              ${stack.apiUrl}   (GET /health, GET /openapi.json)`,
      `  Email viewer     ${stack.sesUrl}`,
      `  DynamoDB Local   ${stack.dynamodbEndpoint}   (data in ${dataDir})`,
      `  S3 local         ${stack.s3Endpoint}   (s3rver; bucket ${stack.uploadsBucket}, documents in ${dataRoot}/s3)`,
      `  Clock            ${stack.clock.now().toISOString()}   (POST ${stack.apiUrl}/_local/clock {"to": "..."})`,
      `  Console          ${stack.apiUrl}/console/   (organizers' screens; docs/console.md)`,
      `  Console sign-in  ${stack.apiUrl}/console/sign-in   (local identity provider: ${stack.idp.issuer})`,
      `  Admin token      ${adminToken}   (Authorization: Bearer ...; acts as ${adminEmail} in organizers;`,
      '                   set ADMIN_TOKEN and LOCAL_ADMIN_EMAIL to change)',
      ...stack.seeded.map((line) => `  Seed             ${line}`),
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
