// The EventBridge Scheduler adapter, with the lifecycle's schedules: the exact commands
// it sends, checked with aws-sdk-client-mock (the one mock this project allows).

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reloadConfig } from '../../shared/config.ts';
import { scheduleFor, scheduleName } from '../../shared/lifecycle/schedules.ts';
import { actionInstant } from '../../shared/lifecycle/transition.ts';
import { AwsScheduler, TARGET_RETRY } from '../../shared/scheduler/aws.ts';

const ENV = {
  SCHEDULE_GROUP: 'affiliate-compliance-prod',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler-invoke',
  LIFECYCLE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:lifecycle',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:123456789012:scheduler-dlq',
};
const saved: Record<string, string | undefined> = {};
const mock = mockClient(SchedulerClient);

beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  reloadConfig();
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  reloadConfig();
  mock.restore();
});
beforeEach(() => mock.reset());

const WMPK = {
  id: 'wikimedia-community-user-group-pakistan',
  agreement: { start: '2025-08-31', end: '2026-08-30' },
};
const scheduler = () => new AwsScheduler(new SchedulerClient({ region: 'eu-west-1' }));

describe('AwsScheduler with lifecycle schedules', () => {
  it('creates a one-time at() schedule in UTC, deleted after it fires, targeting the lifecycle function', async () => {
    const at = actionInstant(
      { type: 'user_group', agreement: WMPK.agreement },
      'first_reminder',
      'Asia/Karachi',
    );
    const schedule = scheduleFor(WMPK, 'first_reminder', at, new Date('2026-01-01T00:00:00Z'));
    await scheduler().upsert(schedule);

    const calls = mock.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Name: 'wikimedia-community-aad6b2cb-2025083120260830-remind1',
      GroupName: 'affiliate-compliance-prod',
      // Due 29 September 2026; first reminder 30 August at 09:00 in Karachi = 04:00 UTC.
      ScheduleExpression: 'at(2026-08-30T04:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: ENV.LIFECYCLE_FUNCTION_ARN,
        RoleArn: ENV.SCHEDULER_ROLE_ARN,
        Input: JSON.stringify({
          affiliateId: WMPK.id,
          period: '2025-08-31_2026-08-30',
          action: 'first_reminder',
        }),
        RetryPolicy: TARGET_RETRY,
        DeadLetterConfig: { Arn: ENV.SCHEDULER_DLQ_ARN },
      },
    });
    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('moves a schedule that already exists under the same deterministic name', async () => {
    mock
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    const at = new Date('2026-09-22T04:00:00Z');
    await scheduler().upsert(scheduleFor(WMPK, 'second_reminder', at, new Date('2026-01-01T00:00:00Z')));
    const update = mock.commandCalls(UpdateScheduleCommand);
    expect(update).toHaveLength(1);
    expect(update[0]!.args[0].input.Name).toBe(scheduleName(WMPK.id, WMPK.agreement, 'second_reminder'));
    expect(update[0]!.args[0].input.ScheduleExpression).toBe('at(2026-09-22T04:00:00)');
  });

  it('deletes by name in the stage group, and deleting a missing schedule is not an error', async () => {
    mock
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    const name = scheduleName(WMPK.id, WMPK.agreement, 'remove');
    await expect(scheduler().remove(name)).resolves.toBeUndefined();
    expect(mock.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toEqual({
      Name: name,
      GroupName: 'affiliate-compliance-prod',
    });
  });

  it('names are deterministic, distinct per affiliate, period and action, and valid for EventBridge', () => {
    const names = new Set<string>();
    for (const id of [WMPK.id, `${WMPK.id}-2`, 'a'])
      for (const agreement of [WMPK.agreement, { start: '2026-08-31', end: '2027-08-30' }])
        for (const action of [
          'first_reminder',
          'second_reminder',
          'expire',
          'final_reminder',
          'remove',
        ] as const) {
          const name = scheduleName(id, agreement, action);
          expect(name).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
          expect(scheduleName(id, agreement, action)).toBe(name);
          names.add(name);
        }
    expect(names.size).toBe(30);
  });
});

describe('targets other than the lifecycle function', () => {
  it('are addressed by their own function name, next to the lifecycle function', async () => {
    await scheduler().upsert({
      name: 'verify-r1',
      at: new Date('2026-05-01T10:00:00Z'),
      target: 'verify-report',
      payload: { reportId: 'r1' },
    });
    const input = mock.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input.Target?.Arn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:verify-report');
    expect(input.ScheduleExpression).toBe('at(2026-05-01T10:00:00)');
  });
});
