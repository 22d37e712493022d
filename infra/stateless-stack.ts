// Everything that can be rebuilt from code, wired from one class per concern (each in
// infra/stateless/, and each adding its resources to this stack directly: names.ts says
// why): alarms, scheduling, mail, the HTTP API, the organisers' sign-in (Cognito and the
// JWT authorizer on /admin/*), and one Lambda function per entry of the route table. Nothing here is listed by hand: add a function or route to shared/routes/,
// a table to shared/tables.ts or a recurring schedule to shared/scheduler/recurring.ts
// and the next deploy has it, with its grants.

import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableEnvVar } from '../shared/config.ts';
import type { DeployConfig } from './config.ts';
import type { AppFunction } from './function.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { Alarms } from './stateless/alarms.ts';
import { Api } from './stateless/api.ts';
import { Functions } from './stateless/functions.ts';
import { Mail, SES_EVENTS_FUNCTION } from './stateless/mail.ts';
import { Scheduling } from './stateless/scheduling.ts';
import { SignIn } from './stateless/sign-in.ts';

export { SES_EVENTS_FUNCTION } from './stateless/mail.ts';
export { LIFECYCLE_FUNCTION, scheduledTargetNames } from './stateless/scheduling.ts';

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  stateful: StatefulStack;
}

export class StatelessStack extends Stack {
  readonly functions: Map<string, AppFunction>;
  readonly api: apigw.HttpApi;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly schedulerDlq: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const alarms = new Alarms(this, config);
    const scheduling = new Scheduling(this, config);
    const mail = new Mail(this, config);
    const api = new Api(this, config);
    const baseUrl = config.publicBaseUrl ?? api.httpApi.apiEndpoint;
    const signIn = new SignIn(this, config, baseUrl);

    const functions = new Functions(this, {
      config,
      stateful,
      mail,
      logRetention,
      removalPolicy,
      scheduleGroupName: scheduling.group.scheduleGroupName,
      environment: {
        STAGE: config.stage,
        SCHEDULER_MODE: 'aws',
        SCHEDULE_GROUP: scheduling.group.scheduleGroupName,
        SCHEDULER_ROLE_ARN: scheduling.role.roleArn,
        LIFECYCLE_FUNCTION_ARN: scheduling.lifecycleArn,
        SCHEDULER_DLQ_ARN: scheduling.deadLetters.queueArn,
        MAIL_FROM: config.mail.from,
        ORGANIZERS_EMAIL: config.mail.organizers,
        WIKIMEDIA_L_EMAIL: config.mail.wikimediaL,
        SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
        PUBLIC_BASE_URL: baseUrl,
        AFFILIATE_TIME_ZONE: config.timeZone,
        CNIC_HMAC_SECRET_ARN: stateful.secrets.get('cnicHmac')!.secretArn,
        REPORT_LINK_SECRET_ARN: stateful.secrets.get('reportLink')!.secretArn,
        ...Object.fromEntries(
          [...stateful.tables].map(([key, table]) => [tableEnvVar(key), table.tableName]),
        ),
      },
      // Only the function that signs people in knows the user pool's client and domain.
      environmentOf: { 'console-auth': signIn.environment },
    });

    scheduling.wire(functions.byName);
    const sesEvents = functions.get(SES_EVENTS_FUNCTION);
    if (sesEvents) mail.routeBouncesTo(sesEvents.fn, functions.deadLetters);
    api.addRoutes(functions, signIn.authorizer, { retention: logRetention, removalPolicy });
    const invitePolicy = signIn.invitePolicy();

    alarms.deadLetters('SchedulerDlq', scheduling.deadLetters);
    alarms.deadLetters('EventsDlq', functions.deadLetters);
    for (const [name, f] of functions.byName) alarms.functionFailures(name, f);
    alarms.serverErrors(api.httpApi, api.stage!);
    alarms.confirmationCap();

    // --- What an operator needs after a deploy.
    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint, description: 'Base URL of the API' });
    new CfnOutput(this, 'ScheduleGroupName', { value: scheduling.group.scheduleGroupName });
    new CfnOutput(this, 'SchedulerDlqUrl', { value: scheduling.deadLetters.queueUrl });
    new CfnOutput(this, 'EventsDlqUrl', { value: functions.deadLetters.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'ConsoleUrl', { value: `${baseUrl}/console/`, description: 'The organiser console' });
    new CfnOutput(this, 'UserPoolId', {
      value: signIn.userPool.userPoolId,
      description: 'Organisers (Cognito)',
    });
    new CfnOutput(this, 'UserPoolClientId', { value: signIn.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', { value: signIn.domain.baseUrl(), description: 'Managed login' });
    new CfnOutput(this, 'InvitePolicyArn', {
      value: invitePolicy.managedPolicyArn,
      description: 'Attach to an IAM role or user to let it invite organisers (npm run admin -- invite)',
    });
    new CfnOutput(this, 'SesConfigurationSet', { value: mail.configurationSet.configurationSetName });
    new CfnOutput(this, 'SesIdentity', {
      value: config.mail.identity,
      description: 'Verify this identity in SES',
    });

    this.functions = functions.byName;
    this.api = api.httpApi;
    this.scheduleGroup = scheduling.group;
    this.schedulerRole = scheduling.role;
    this.schedulerDlq = scheduling.deadLetters;
    this.alarmTopic = alarms.topic;
  }
}
