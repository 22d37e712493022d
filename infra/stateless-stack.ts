// Everything that can be rebuilt from code: one Lambda function per entry of the route
// table, the HTTP API built from its routes, EventBridge Scheduler (the group the
// lifecycle writes per-affiliate schedules into, the role Scheduler assumes, the dead-
// letter queue, the recurring schedules), SES (identity, configuration set, bounce and
// complaint routing), and the alarms. Nothing here is listed by hand: add a function or
// route to shared/routes/, a table to shared/tables.ts or a recurring schedule to
// shared/scheduler/recurring.ts and the next deploy has it, with its grants.

import {
  ArnFormat,
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableEnvVar } from '../shared/config.ts';
import { METRIC_NAMESPACE } from '../shared/metrics.ts';
import { type FunctionDef, functions, type RouteDef, routes } from '../shared/routes/index.ts';
import { TARGET_RETRY } from '../shared/scheduler/aws.ts';
import { cronExpression, recurringSchedules } from '../shared/scheduler/recurring.ts';
import { type TableDef, type TableKey, tables } from '../shared/tables.ts';
import type { DeployConfig } from './config.ts';
import { AppFunction } from './function.ts';
import { acknowledge } from './nag.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { grantUploads, uploadsBucketName } from './uploads-bucket.ts';

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** The function EventBridge Scheduler invokes for per-affiliate schedules. */
export const LIFECYCLE_FUNCTION = 'lifecycle';
/** The function SES bounce and complaint events go to. */
export const SES_EVENTS_FUNCTION = 'ses-events';

/** Functions that one-time schedules invoke (see the Scheduler role). */
export function scheduledTargetNames(): string[] {
  const routed = new Set(routes.map((r) => r.function));
  return functions
    .filter((d) => d.name === LIFECYCLE_FUNCTION || (d.uses.schedules && !routed.has(d.name)))
    .map((d) => d.name);
}

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  stateful: StatefulStack;
}

export class StatelessStack extends Stack {
  readonly functions = new Map<string, AppFunction>();
  readonly api: apigw.HttpApi;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly schedulerDlq: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const physical = (name: string) => `${config.prefix}-${name}`;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Alarms go here. A customer-managed key, because CloudWatch cannot publish to a
    // topic encrypted with the AWS-managed SNS key.
    const alarmKey = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    alarmKey.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: physical('alarms'),
      masterKey: alarmKey,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    acknowledge(this.alarmTopic, [
      {
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: SNS retries delivery itself, and an undelivered alarm stays visible in ALARM state in CloudWatch.',
      },
    ]);
    const alarmAction = new SnsAction(this.alarmTopic);

    // --- Dead-letter queues: one for schedule targets, one for other asynchronous
    // invocations (Lambda async retries exhausted, EventBridge rule targets).
    const queue = (id: string, name: string) => {
      const q = new sqs.Queue(this, id, {
        queueName: physical(name),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(q, [
        {
          id: 'AwsSolutions-SQS3',
          reason: 'This queue is itself a dead-letter queue; it is watched by an alarm.',
        },
        { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter queue.' },
      ]);
      return q;
    };
    this.schedulerDlq = queue('SchedulerDlq', 'scheduler-dlq');
    const eventsDlq = queue('EventsDlq', 'events-dlq');

    // --- Scheduling. Functions are given physical names so the lifecycle function's ARN
    // can be written from its name: the lifecycle function needs its own ARN in its
    // environment (it is the target of the schedules it creates), and a reference to
    // its own Arn attribute would be a circular dependency.
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: physical('schedules'),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const functionArn = (name: string) =>
      this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: physical(name),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const lifecycleArn = functionArn(LIFECYCLE_FUNCTION);
    this.schedulerRole = this.schedulerRoleFor('SchedulerRole', LIFECYCLE_FUNCTION, lifecycleArn);

    // --- Mail.
    const identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: config.mail.identity.includes('@')
        ? ses.Identity.email(config.mail.identity)
        : ses.Identity.domain(config.mail.identity),
    });
    const configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: physical('mail'),
      reputationMetrics: true,
      sendingEnabled: true,
      // SES's own account-level list too, as a second line behind ours.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(
        events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      ),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    });

    // --- The HTTP API (created first: its URL is the public base URL by default).
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: physical('api'),
      description: 'Affiliate membership and reporting compliance',
      createDefaultStage: false,
      // No CORS: every page that calls the API is served by the API itself.
    });

    // --- Environment every function gets: everything shared/config.ts requires in AWS.
    const environment: Record<string, string> = {
      STAGE: config.stage,
      SCHEDULER_MODE: 'aws',
      SCHEDULE_GROUP: this.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      LIFECYCLE_FUNCTION_ARN: lifecycleArn,
      SCHEDULER_DLQ_ARN: this.schedulerDlq.queueArn,
      MAIL_FROM: config.mail.from,
      ORGANIZERS_EMAIL: config.mail.organizers,
      WIKIMEDIA_L_EMAIL: config.mail.wikimediaL,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      PUBLIC_BASE_URL: config.publicBaseUrl ?? this.api.apiEndpoint,
      AFFILIATE_TIME_ZONE: config.timeZone,
      CNIC_HMAC_SECRET_ARN: stateful.secrets.get('cnicHmac')!.secretArn,
      REPORT_LINK_SECRET_ARN: stateful.secrets.get('reportLink')!.secretArn,
      UPLOADS_BUCKET: uploadsBucketName(config.prefix),
      TALK_PAGE_NOTICES: config.talkPageNotices === 'all' ? 'all' : config.talkPageNotices.join(',') || 'off',
      ...(stateful.metaBotPassword ? { META_BOT_PASSWORD_ARN: stateful.metaBotPassword.secretArn } : {}),
      ...Object.fromEntries([...stateful.tables].map(([key, table]) => [tableEnvVar(key), table.tableName])),
    };

    // --- Functions, one per route-table entry, with the grants their `uses` declare.
    const routed = new Set(routes.map((r) => r.function));
    for (const def of functions) {
      const asynchronous = !routed.has(def.name);
      const f = new AppFunction(this, `Fn-${def.name}`, {
        def,
        functionName: physical(def.name),
        environment,
        logRetention,
        removalPolicy,
        ...(asynchronous ? { onFailure: eventsDlq } : {}),
      });
      this.functions.set(def.name, f);
      this.grantUses(f, def, { stateful, identity, configurationSetArn });
      grantUploads(f, f.fn.role!, config.prefix, def);
      this.suppressFunctionFindings(f, def, asynchronous);
    }

    // The scheduler role may invoke the lifecycle function only; the lifecycle function
    // (and any function that manages schedules) may manage schedules in the group only
    // and pass that one role only.
    for (const def of functions.filter((d) => d.uses.schedules)) {
      const role = this.functions.get(def.name)!.fn.role!;
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
            this.formatArn({
              service: 'scheduler',
              resource: 'schedule',
              resourceName: `${this.scheduleGroup.scheduleGroupName}/*`,
            }),
          ],
        }),
      );
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'PassSchedulerRole',
          actions: ['iam:PassRole'],
          resources: [this.schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
    }

    // --- Recurring schedules (the daily reconciliation ...), every target with the
    // same retry policy and dead-letter queue as the runtime-created ones. Written at the
    // CloudFormation level: the L2 target would add its own invoke grants (including
    // every version, `:*`) to the role, which must stay exactly as narrow as below.
    const targetRoles = new Map<string, iam.IRole>([[LIFECYCLE_FUNCTION, this.schedulerRole]]);
    for (const s of recurringSchedules) {
      if (!this.functions.has(s.target))
        throw new Error(`recurring schedule ${s.name} targets ${s.target}, which is not in the route table`);
      let role = targetRoles.get(s.target);
      if (!role) {
        role = this.schedulerRoleFor(`SchedulerRole-${s.target}`, s.target, functionArn(s.target));
        targetRoles.set(s.target, role);
      }
      const schedule = new scheduler.CfnSchedule(this, `Recurring-${s.name}`, {
        name: physical(s.name),
        description: s.description,
        scheduleExpression: cronExpression(s),
        scheduleExpressionTimezone: 'UTC',
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: functionArn(s.target),
          roleArn: role.roleArn,
          input: JSON.stringify(s.payload),
          retryPolicy: {
            maximumRetryAttempts: TARGET_RETRY.MaximumRetryAttempts,
            maximumEventAgeInSeconds: TARGET_RETRY.MaximumEventAgeInSeconds,
          },
          deadLetterConfig: { arn: this.schedulerDlq.queueArn },
        },
      });
      // The target ARN is written from the name, so say the function must exist first.
      schedule.node.addDependency(this.functions.get(s.target)!.fn);
    }
    // The Scheduler role invokes what one-time schedules call: the lifecycle function,
    // and any function that schedules work and has no HTTP route (verify-report retries
    // itself this way). ARNs written from names (see above).
    const scheduledTargets = scheduledTargetNames();
    if (scheduledTargets.length > 0)
      this.schedulerRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'InvokeScheduledFunctions',
          actions: ['lambda:InvokeFunction'],
          resources: scheduledTargets.map(functionArn),
        }),
      );

    // --- SES bounce and complaint events -> ses-events.
    const sesEvents = this.functions.get(SES_EVENTS_FUNCTION);
    if (sesEvents) {
      new events.Rule(this, 'SesBouncesAndComplaints', {
        ruleName: physical('ses-bounces-complaints'),
        description: 'SES bounces and complaints of our configuration set, to the ses-events function',
        eventPattern: {
          source: ['aws.ses'],
          detailType: ['Email Bounced', 'Email Complaint Received'],
          detail: { mail: { tags: { 'ses:configuration-set': [configurationSet.configurationSetName] } } },
        },
        targets: [
          new eventTargets.LambdaFunction(sesEvents.fn, {
            deadLetterQueue: eventsDlq,
            retryAttempts: 10,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    }

    // --- HTTP routes from the route table; IAM authorization exactly on admin routes.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${physical('api')}`,
      retention: logRetention,
      removalPolicy,
    });
    const stage = new apigw.HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // JSON, and no source IP or caller identity beyond the IAM user for admin calls.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            caller: '$context.identity.userArn',
          }),
        ),
      },
    });
    const iamAuthorizer = new HttpIamAuthorizer();
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      const target = this.functions.get(route.function);
      if (!target)
        throw new Error(
          `route ${route.method} ${route.path} names ${route.function}, which is not a function`,
        );
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration-${route.function}`, target.fn);
        integrations.set(route.function, integration);
      }
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        ...(route.access === 'admin' ? { authorizer: iamAuthorizer } : {}),
      });
      if (route.access === 'public' && added) suppressPublicRoute(added, route);
    }

    // Who may call admin routes: this policy, attached to the configured principals.
    const adminPolicy = new iam.ManagedPolicy(this, 'AdminApiAccess', {
      managedPolicyName: physical('admin-api'),
      description: 'Call the /admin/* routes of the affiliate compliance API',
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [this.api.arnForExecuteApi('*', '/admin/*', '*')],
        }),
      ],
      roles: config.adminPrincipals
        .filter((arn) => arn.includes(':role/'))
        .map((arn, i) => iam.Role.fromRoleArn(this, `AdminRole${i}`, arn, { mutable: false })),
      users: config.adminPrincipals
        .filter((arn) => arn.includes(':user/'))
        .map((arn, i) => iam.User.fromUserArn(this, `AdminUser${i}`, arn)),
    });

    acknowledge(adminPolicy, [
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${this.getLogicalId(this.api.node.defaultChild as CfnElement)}>/*/*/admin/*]`,
        reason:
          'Every method of every /admin/* route of this one API, and nothing else: that is the organizer role.',
      },
    ]);

    // --- Alarms.
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) =>
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(alarmAction);
    for (const [name, q] of [
      ['SchedulerDlq', this.schedulerDlq],
      ['EventsDlq', eventsDlq],
    ] as const) {
      alarm(
        `Alarm-${name}`,
        q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `A message is waiting in ${q.queueName}: an event failed every retry. See README, Deploy, Alarms.`,
      );
    }
    for (const [name, f] of this.functions) {
      alarm(
        `Alarm-Errors-${name}`,
        f.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        `${name} threw an error. Read its log group for the request. See README, Deploy, Alarms.`,
      );
      alarm(
        `Alarm-Throttles-${name}`,
        f.fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        `${name} was throttled: the account's concurrency is exhausted. See README, Deploy, Alarms.`,
      );
    }
    alarm(
      'Alarm-Api5xx',
      this.api.metricServerError({
        period: Duration.minutes(5),
        statistic: 'Sum',
        dimensionsMap: { ApiId: this.api.apiId, Stage: stage.stageName },
      }),
      'The API answered 5xx: a bug or a dependency that is down. See README, Deploy, Alarms.',
    );
    alarm(
      'Alarm-ConfirmationDailyCap',
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: 'ConfirmationDailyCapReached',
        dimensionsMap: { stage: config.stage },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      'The daily cap on confirmation emails was reached: applicants are refused with 429 until midnight UTC. A mail-bombing attempt or a real rush; see docs/limits.md.',
    );

    // --- What an operator needs after a deploy.
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the API' });
    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduleGroup.scheduleGroupName });
    new CfnOutput(this, 'SchedulerDlqUrl', { value: this.schedulerDlq.queueUrl });
    new CfnOutput(this, 'EventsDlqUrl', { value: eventsDlq.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'AdminPolicyArn', {
      value: adminPolicy.managedPolicyArn,
      description: 'Attach to an IAM role or user to let it call /admin/* routes',
    });
    new CfnOutput(this, 'SesConfigurationSet', { value: configurationSet.configurationSetName });
    new CfnOutput(this, 'SesIdentity', {
      value: config.mail.identity,
      description: 'Verify this identity in SES',
    });
  }

  /** A role EventBridge Scheduler assumes to invoke one function, and send to the DLQ. */
  private schedulerRoleFor(id: string, target: string, targetArn: string): iam.Role {
    const role = new iam.Role(this, id, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: `EventBridge Scheduler invokes ${target} with this role`,
    });
    // Scheduler sends undeliverable events to the dead-letter queue with this role too.
    this.schedulerDlq.grantSendMessages(role);
    if (target !== LIFECYCLE_FUNCTION) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [targetArn] }),
      );
    }
    return role;
  }

  private grantUses(
    f: AppFunction,
    def: FunctionDef,
    deps: { stateful: StatefulStack; identity: ses.EmailIdentity; configurationSetArn: string },
  ) {
    const role = f.fn.role!;
    const grantTable = (key: TableKey, access: 'read' | 'readwrite') => {
      const table = deps.stateful.tables.get(key);
      if (!table) throw new Error(`${def.name} uses table ${key}, which is not deployed`);
      // The table and each of its indexes by name, rather than CDK's index/* wildcard.
      const indexes = (tables[key] as TableDef).indexes.map((i) => `${table.tableArn}/index/${i.name}`);
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: access === 'read' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE],
          resources: [table.tableArn, ...indexes],
        }),
      );
    };
    for (const use of def.uses.tables) grantTable(use.table, use.access);
    if (def.uses.sendsMail) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'SendMail',
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [deps.identity.emailIdentityArn, deps.configurationSetArn],
        }),
      );
      // The mailer checks every recipient against the suppression list first.
      if (!def.uses.tables.some((t) => t.table === 'suppressions')) grantTable('suppressions', 'read');
    }
    for (const name of def.uses.secrets ?? []) deps.stateful.secrets.get(name)!.grantRead(f.fn);
    if (def.uses.talkPage) deps.stateful.metaBotPassword?.grantRead(f.fn);
  }

  private suppressFunctionFindings(f: AppFunction, def: FunctionDef, asynchronous: boolean) {
    acknowledge(f, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x on purpose: the code and its tests run on Node 22 (package.json); a runtime move is a tested upgrade.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'nodejs22.x on purpose: the code and its tests run on Node 22 (package.json); a runtime move is a tested upgrade.',
      },
    ]);
    if (def.uses.schedules)
      acknowledge(f, [
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.scheduleGroup.scheduleGroupName}/*]`,
          reason:
            'Per-affiliate schedules are created at run time with names not known here; the grant is limited to our one group.',
        },
      ]);
    if (asynchronous)
      acknowledge(f, [
        {
          id: 'Serverless-LambdaDLQ',
          reason: `${def.name} is invoked asynchronously and sends failed events to an on-failure destination (the events queue), which carries more context than a DLQ.`,
        },
      ]);
    else
      acknowledge(f, [
        {
          id: 'Serverless-LambdaDLQ',
          reason: `${def.name} is invoked synchronously by API Gateway: the caller gets the error, nothing is queued.`,
        },
      ]);
  }
}

function suppressPublicRoute(route: apigw.HttpRoute, def: RouteDef) {
  acknowledge(route, [
    {
      id: 'AwsSolutions-APIG4',
      reason: `${def.method} ${def.path} is public by design (${def.summary}); only /admin/* routes need an IAM identity.`,
    },
  ]);
}
