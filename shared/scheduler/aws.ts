// EventBridge Scheduler adapter: one-time at() schedules in UTC, deleted by the service
// after they fire, with the retry policy and dead-letter queue every target must have.

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { boundByDeadline } from '../aws/deadline.ts';
import { config } from '../config.ts';
import { assertScheduleName, atExpression, type OneTimeSchedule, type Scheduler } from './port.ts';

/** Retries EventBridge makes before the event goes to the dead-letter queue. */
export const TARGET_RETRY = { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 24 * 60 * 60 };

/**
 * The ARN of a schedule's target function. Deployed functions are named <prefix>-<name>
 * (infra/stateless/names.ts), and configuration holds the lifecycle function's ARN; any
 * other target is the same ARN with its own name in place of "lifecycle".
 */
export function targetArn(target: string): string {
  const lifecycle = config().scheduler.targetArn;
  if (target === 'lifecycle') return lifecycle;
  if (!/^[a-z0-9-]+$/.test(target) || !/lifecycle$/.test(lifecycle))
    throw new RangeError(`cannot derive the ARN of schedule target ${target}`);
  return lifecycle.replace(/lifecycle$/, target);
}

export class AwsScheduler implements Scheduler {
  constructor(
    private readonly client: SchedulerClient = boundByDeadline(
      new SchedulerClient({ region: config().region }),
    ),
  ) {}

  async upsert(s: OneTimeSchedule): Promise<void> {
    assertScheduleName(s.name);
    const c = config().scheduler;
    const input = {
      Name: s.name,
      GroupName: c.group,
      ScheduleExpression: atExpression(s.at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      ActionAfterCompletion: 'DELETE' as const,
      Target: {
        Arn: targetArn(s.target),
        RoleArn: c.roleArn,
        Input: JSON.stringify(s.payload),
        RetryPolicy: TARGET_RETRY,
        DeadLetterConfig: { Arn: c.deadLetterArn },
      },
    };
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      // Same deterministic name already there: move it rather than fail.
      if (!(error instanceof ConflictException)) throw error;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: config().scheduler.group }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
