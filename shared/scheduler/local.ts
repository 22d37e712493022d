// The local stand-in for EventBridge Scheduler: schedules are rows in the local-only
// `schedules` table; scripts/local/scheduler-runner.ts fires them in time order as the
// local clock moves. Pending rows carry `pending` so the byTime index is sparse.

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/dynamodb.ts';
import { tableName } from '../tables.ts';
import { assertScheduleName, type OneTimeSchedule, type Scheduler } from './port.ts';

export const PENDING = 'pending';

export class LocalScheduler implements Scheduler {
  async upsert(s: OneTimeSchedule): Promise<void> {
    assertScheduleName(s.name);
    await dynamo().send(
      new PutCommand({
        TableName: tableName('schedules'),
        Item: {
          name: s.name,
          pending: PENDING,
          at: s.at.toISOString(),
          target: s.target,
          payload: s.payload,
          attempts: 0,
        },
      }),
    );
  }

  async remove(name: string): Promise<void> {
    await dynamo().send(new DeleteCommand({ TableName: tableName('schedules'), Key: { name } }));
  }
}
