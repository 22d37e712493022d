// Alarms: one SNS topic (email to the configured address) and the alarms that publish to
// it. Every alarm fires on one occurrence in five minutes: each one is something a person
// should look at (README, Deploy, Alarms).

import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { METRIC_NAMESPACE } from '../../shared/metrics.ts';
import type { DeployConfig } from '../config.ts';
import type { AppFunction } from '../function.ts';
import { acknowledge } from '../nag.ts';
import { physicalName } from './names.ts';

const FIVE_MINUTES = Duration.minutes(5);

export class Alarms {
  readonly topic: sns.Topic;
  private readonly action: SnsAction;

  constructor(
    private readonly stack: Stack,
    private readonly config: DeployConfig,
  ) {
    // A customer-managed key, because CloudWatch cannot publish to a topic encrypted
    // with the AWS-managed SNS key.
    const key = new kms.Key(stack, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(stack, 'AlarmTopic', {
      topicName: physicalName(config, 'alarms'),
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    acknowledge(this.topic, [
      {
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: SNS retries delivery itself, and an undelivered alarm stays visible in ALARM state in CloudWatch.',
      },
    ]);
    this.action = new SnsAction(this.topic);
  }

  private alarm(id: string, metric: cloudwatch.IMetric, description: string) {
    new cloudwatch.Alarm(this.stack, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    }).addAlarmAction(this.action);
  }

  /** A message waiting in a dead-letter queue: an event failed every retry. */
  deadLetters(name: string, queue: sqs.Queue) {
    this.alarm(
      `Alarm-${name}`,
      queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      `A message is waiting in ${queue.queueName}: an event failed every retry. See README, Deploy, Alarms.`,
    );
  }

  /** A function that threw, or was throttled. */
  functionFailures(name: string, f: AppFunction) {
    this.alarm(
      `Alarm-Errors-${name}`,
      f.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      `${name} threw an error. Read its log group for the request. See README, Deploy, Alarms.`,
    );
    this.alarm(
      `Alarm-Throttles-${name}`,
      f.fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      `${name} was throttled: the account's concurrency is exhausted. See README, Deploy, Alarms.`,
    );
  }

  /** Any 5xx answer of the API. */
  serverErrors(api: apigw.HttpApi, stage: apigw.HttpStage) {
    this.alarm(
      'Alarm-Api5xx',
      api.metricServerError({
        period: FIVE_MINUTES,
        statistic: 'Sum',
        dimensionsMap: { ApiId: api.apiId, Stage: stage.stageName },
      }),
      'The API answered 5xx: a bug or a dependency that is down. See README, Deploy, Alarms.',
    );
  }

  /** The daily cap on confirmation emails, which submit-application reports as a metric. */
  confirmationCap() {
    this.alarm(
      'Alarm-ConfirmationDailyCap',
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: 'ConfirmationDailyCapReached',
        dimensionsMap: { stage: this.config.stage },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      'The daily cap on confirmation emails was reached: applicants are refused with 429 until midnight UTC. A mail-bombing attempt or a real rush; see docs/limits.md.',
    );
  }
}
