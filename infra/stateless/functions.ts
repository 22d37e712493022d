// Functions: one Lambda function per entry of the route table (infra/function.ts has
// their defaults), each with exactly the grants its `uses` declares, and the queue where
// functions invoked asynchronously send the events they failed.

import type { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { type FunctionDef, functions, routes } from '../../shared/routes/index.ts';
import { type TableDef, type TableKey, tables } from '../../shared/tables.ts';
import type { DeployConfig } from '../config.ts';
import { AppFunction } from '../function.ts';
import { acknowledge } from '../nag.ts';
import type { StatefulStack } from '../stateful-stack.ts';
import { grantUploads } from '../uploads-bucket.ts';
import type { Mail } from './mail.ts';
import { physicalName } from './names.ts';
import { deadLetterQueue } from './scheduling.ts';

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

const RUNTIME_REASON =
  'nodejs24.x on purpose: the code and its tests run on Node 24 (package.json); a runtime move is a tested upgrade.';

export interface FunctionsProps {
  config: DeployConfig;
  stateful: StatefulStack;
  mail: Mail;
  /** Environment every function gets: everything shared/config.ts requires in AWS. */
  environment: Record<string, string>;
  /** Extra environment for single functions (console-auth's sign-in settings). */
  environmentOf?: Record<string, Record<string, string>>;
  /** The schedule group's name, for the finding acknowledged on functions that manage schedules. */
  scheduleGroupName: string;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class Functions {
  readonly byName = new Map<string, AppFunction>();
  /** Where functions invoked asynchronously (schedules, events) send failed events. */
  readonly deadLetters: sqs.Queue;

  constructor(stack: Stack, props: FunctionsProps) {
    const { config } = props;
    // One for other asynchronous invocations (Lambda async retries exhausted, EventBridge
    // rule targets); schedule targets have their own (scheduling.ts).
    this.deadLetters = deadLetterQueue(stack, 'EventsDlq', physicalName(config, 'events-dlq'));
    const routed = new Set(routes.map((r) => r.function));
    for (const def of functions) {
      const asynchronous = !routed.has(def.name);
      const f = new AppFunction(stack, `Fn-${def.name}`, {
        def,
        functionName: physicalName(config, def.name),
        environment: { ...props.environment, ...(props.environmentOf?.[def.name] ?? {}) },
        logRetention: props.logRetention,
        removalPolicy: props.removalPolicy,
        ...(asynchronous ? { onFailure: this.deadLetters } : {}),
      });
      this.byName.set(def.name, f);
      grantUses(f, def, props);
      grantUploads(f, f.fn.role!, config.prefix, def);
      acknowledgeFindings(f, def, asynchronous, props.scheduleGroupName);
    }
  }

  get(name: string): AppFunction | undefined {
    return this.byName.get(name);
  }
}

function grantUses(f: AppFunction, def: FunctionDef, props: FunctionsProps) {
  const role = f.fn.role!;
  const grantTable = (key: TableKey, access: 'read' | 'readwrite') => {
    const table = props.stateful.tables.get(key);
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
    props.mail.grantSend(role);
    // The mailer checks every recipient against the suppression list first.
    if (!def.uses.tables.some((t) => t.table === 'suppressions')) grantTable('suppressions', 'read');
  }
  for (const name of def.uses.secrets ?? []) props.stateful.secrets.get(name)!.grantRead(f.fn);
  if (def.uses.talkPage) props.stateful.metaBotPassword?.grantRead(f.fn);
}

function acknowledgeFindings(
  f: AppFunction,
  def: FunctionDef,
  asynchronous: boolean,
  scheduleGroupName: string,
) {
  acknowledge(f, [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN.',
    },
    { id: 'AwsSolutions-L1', reason: RUNTIME_REASON },
    { id: 'Serverless-LambdaLatestVersion', reason: RUNTIME_REASON },
  ]);
  if (def.uses.schedules)
    acknowledge(f, [
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduleGroupName}/*]`,
        reason:
          'Per-affiliate schedules are created at run time with names not known here; the grant is limited to our one group.',
      },
    ]);
  acknowledge(f, [
    {
      id: 'Serverless-LambdaDLQ',
      reason: asynchronous
        ? `${def.name} is invoked asynchronously and sends failed events to an on-failure destination (the events queue), which carries more context than a DLQ.`
        : `${def.name} is invoked synchronously by API Gateway: the caller gets the error, nothing is queued.`,
    },
  ]);
}
