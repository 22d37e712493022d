// Scheduling: the group the lifecycle writes per-affiliate schedules into, the role
// EventBridge Scheduler assumes, the dead-letter queue of schedule targets, and the
// recurring schedules of shared/scheduler/recurring.ts (L2 `Schedule`s with our own
// target, so the role keeps exactly the permissions written here).

import { ArnFormat, type CfnElement, Duration, RemovalPolicy, type Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { functions, routes } from '../../shared/routes/index.ts';
import { TARGET_RETRY } from '../../shared/scheduler/aws.ts';
import { cronExpression, recurringSchedules } from '../../shared/scheduler/recurring.ts';
import type { DeployConfig } from '../config.ts';
import type { AppFunction } from '../function.ts';
import { acknowledge } from '../nag.ts';
import { physicalName } from './names.ts';

/** The function EventBridge Scheduler invokes for per-affiliate schedules. */
export const LIFECYCLE_FUNCTION = 'lifecycle';

/** Functions that one-time schedules invoke (see the Scheduler role). */
export function scheduledTargetNames(): string[] {
  const routed = new Set(routes.map((r) => r.function));
  return functions
    .filter((d) => d.name === LIFECYCLE_FUNCTION || (d.uses.schedules && !routed.has(d.name)))
    .map((d) => d.name);
}

/** A dead-letter queue: SQS-encrypted, TLS only, messages kept the 14 days SQS allows. */
export function deadLetterQueue(stack: Stack, id: string, name: string): sqs.Queue {
  const queue = new sqs.Queue(stack, id, {
    queueName: name,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, [
    {
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; it is watched by an alarm.',
    },
    { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue.' },
  ]);
  return queue;
}

/**
 * The target of a recurring schedule: one function, invoked with a fixed payload, the
 * same retry policy and dead-letter queue as the schedules the lifecycle creates at run
 * time. The L2 Lambda target would add its own grants to the role (including every
 * version, `:*`); this one adds nothing: the role's permissions are written by hand.
 */
class InvokeFunction implements scheduler.IScheduleTarget {
  constructor(
    private readonly arn: string,
    private readonly role: iam.IRole,
    private readonly payload: unknown,
    private readonly deadLetterArn: string,
  ) {}

  bind(): scheduler.ScheduleTargetConfig {
    return {
      arn: this.arn,
      role: this.role,
      input: scheduler.ScheduleTargetInput.fromText(JSON.stringify(this.payload)),
      retryPolicy: {
        maximumRetryAttempts: TARGET_RETRY.MaximumRetryAttempts,
        maximumEventAgeInSeconds: TARGET_RETRY.MaximumEventAgeInSeconds,
      },
      deadLetterConfig: { arn: this.deadLetterArn },
    };
  }
}

export class Scheduling {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetters: sqs.Queue;
  readonly lifecycleArn: string;

  constructor(
    private readonly stack: Stack,
    private readonly config: DeployConfig,
  ) {
    this.deadLetters = deadLetterQueue(stack, 'SchedulerDlq', physicalName(config, 'scheduler-dlq'));
    this.group = new scheduler.ScheduleGroup(stack, 'ScheduleGroup', {
      scheduleGroupName: physicalName(config, 'schedules'),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.lifecycleArn = this.functionArn(LIFECYCLE_FUNCTION);
    this.role = this.roleFor('SchedulerRole', LIFECYCLE_FUNCTION, this.lifecycleArn);
  }

  /**
   * A function's ARN written from its physical name. The lifecycle function needs its own
   * ARN in its environment (it is the target of the schedules it creates), and a
   * reference to its own Arn attribute would be a circular dependency.
   */
  functionArn(name: string): string {
    return this.stack.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: physicalName(this.config, name),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** A role EventBridge Scheduler assumes to invoke one function, and send to the DLQ. */
  private roleFor(id: string, target: string, targetArn: string): iam.Role {
    const role = new iam.Role(this.stack, id, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.stack.account } },
      }),
      description: `EventBridge Scheduler invokes ${target} with this role`,
    });
    // Scheduler sends undeliverable events to the dead-letter queue with this role too.
    this.deadLetters.grantSendMessages(role);
    if (target !== LIFECYCLE_FUNCTION)
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [targetArn] }),
      );
    return role;
  }

  /**
   * What the functions may do with schedules: those that manage schedules may do so in
   * the group only and pass this one role only; the role invokes what one-time schedules
   * call; each recurring schedule fires its target.
   */
  wire(deployed: Map<string, AppFunction>) {
    for (const def of functions.filter((d) => d.uses.schedules)) {
      const role = deployed.get(def.name)!.fn.role!;
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ManageSchedulesInGroup',
          actions: [
            'scheduler:CreateSchedule',
            'scheduler:UpdateSchedule',
            'scheduler:DeleteSchedule',
            'scheduler:GetSchedule',
          ],
          resources: [
            this.stack.formatArn({
              service: 'scheduler',
              resource: 'schedule',
              resourceName: `${this.group.scheduleGroupName}/*`,
            }),
          ],
        }),
      );
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'PassSchedulerRole',
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
    }

    // Recurring schedules (the daily reconciliation ...).
    const targetRoles = new Map<string, iam.IRole>([[LIFECYCLE_FUNCTION, this.role]]);
    for (const s of recurringSchedules) {
      const target = deployed.get(s.target);
      if (!target)
        throw new Error(`recurring schedule ${s.name} targets ${s.target}, which is not in the route table`);
      let role = targetRoles.get(s.target);
      if (!role) {
        role = this.roleFor(`SchedulerRole-${s.target}`, s.target, this.functionArn(s.target));
        targetRoles.set(s.target, role);
      }
      const schedule = new scheduler.Schedule(this.stack, `Recurring-${s.name}`, {
        scheduleName: physicalName(this.config, s.name),
        description: s.description,
        schedule: scheduler.ScheduleExpression.expression(cronExpression(s), TimeZone.of('UTC')),
        timeWindow: scheduler.TimeWindow.off(),
        enabled: true,
        target: new InvokeFunction(this.functionArn(s.target), role, s.payload, this.deadLetters.queueArn),
      });
      // Before the L2, the CfnSchedule sat directly in the stack under this id, so its
      // logical ID was the id without punctuation; the L2 puts it one level down
      // ("Resource"), which would add a hash: a new resource, and a name clash.
      (schedule.node.defaultChild as CfnElement).overrideLogicalId(
        `Recurring-${s.name}`.replace(/[^A-Za-z0-9]/g, ''),
      );
      // The target ARN is written from the name, so say the function must exist first.
      schedule.node.addDependency(target.fn);
    }

    // The Scheduler role invokes what one-time schedules call: the lifecycle function,
    // and any function that schedules work and has no HTTP route (verify-report retries
    // itself this way). ARNs written from names (see functionArn).
    const scheduledTargets = scheduledTargetNames();
    if (scheduledTargets.length > 0)
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'InvokeScheduledFunctions',
          actions: ['lambda:InvokeFunction'],
          resources: scheduledTargets.map((name) => this.functionArn(name)),
        }),
      );
  }
}
