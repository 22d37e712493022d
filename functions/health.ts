// GET /health: does each dependency answer? Cheap calls only: DescribeTable and
// SES GetAccount. 200 when both answer, 503 otherwise, with each one's state.

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { dynamo } from '#shared/aws/dynamodb.ts';
import { ses } from '#shared/aws/ses.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { tableName } from '#shared/tables.ts';

const TIMEOUT_MS = 2000;

async function probe(call: (signal: AbortSignal) => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  try {
    await call(AbortSignal.timeout(TIMEOUT_MS));
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

export const handler = httpHandler(async () => {
  const [dynamodb, email] = await Promise.all([
    probe((abortSignal) =>
      dynamo().send(new DescribeTableCommand({ TableName: tableName('applications') }), { abortSignal }),
    ),
    probe((abortSignal) => ses().send(new GetAccountCommand({}), { abortSignal })),
  ]);
  const healthy = dynamodb === 'ok' && email === 'ok';
  return json(
    healthy ? 200 : 503,
    { status: healthy ? 'ok' : 'degraded', dependencies: { dynamodb, ses: email } },
    {
      'cache-control': 'no-store',
    },
  );
});
