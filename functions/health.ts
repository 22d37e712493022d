// GET /health: does each dependency answer? Cheap calls only: DescribeTable for every
// table (each must exist and be ACTIVE) and SES GetAccount. 200 when all answer, 503
// otherwise, with each one's state and the tables that are not ready.

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { dynamo } from '#shared/aws/dynamodb.ts';
import { ses } from '#shared/aws/ses.ts';
import { config } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { type TableDef, type TableKey, tableName, tables } from '#shared/tables.ts';

const TIMEOUT_MS = 2000;

async function probe(call: (signal: AbortSignal) => Promise<boolean>): Promise<'ok' | 'unavailable'> {
  try {
    return (await call(AbortSignal.timeout(TIMEOUT_MS))) ? 'ok' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

const tableReady = (key: TableKey) =>
  probe(async (abortSignal) => {
    const out = await dynamo().send(new DescribeTableCommand({ TableName: tableName(key) }), { abortSignal });
    return out.Table?.TableStatus === 'ACTIVE';
  });

/** The tables this stage has: the local stack adds its stand-ins for AWS services. */
const stageTables = () =>
  (Object.keys(tables) as TableKey[]).filter(
    (key) => config().stage === 'local' || !(tables[key] as TableDef).localOnly,
  );

export const handler = httpHandler(async () => {
  const keys = stageTables();
  const [email, ...tableStates] = await Promise.all([
    probe(async (abortSignal) => !!(await ses().send(new GetAccountCommand({}), { abortSignal }))),
    ...keys.map(tableReady),
  ]);
  const notReady = keys.filter((_, i) => tableStates[i] !== 'ok');
  const dynamodb = notReady.length ? 'unavailable' : 'ok';
  const healthy = dynamodb === 'ok' && email === 'ok';
  return json(
    healthy ? 200 : 503,
    {
      status: healthy ? 'ok' : 'degraded',
      dependencies: { dynamodb, ses: email },
      ...(notReady.length ? { tablesNotReady: notReady } : {}),
    },
    { 'cache-control': 'no-store' },
  );
});
