// Mail: the SES identity we send as, the configuration set every email goes through
// (with SES's account-level suppression as a second line behind ours), and bounces and
// complaints routed through EventBridge to the ses-events function.

import { Duration, type Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { DeployConfig } from '../config.ts';
import { physicalName } from './names.ts';

/** The function SES bounce and complaint events go to. */
export const SES_EVENTS_FUNCTION = 'ses-events';

export class Mail {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;

  constructor(
    private readonly stack: Stack,
    private readonly config: DeployConfig,
  ) {
    this.identity = new ses.EmailIdentity(stack, 'SenderIdentity', {
      identity: config.mail.identity.includes('@')
        ? ses.Identity.email(config.mail.identity)
        : ses.Identity.domain(config.mail.identity),
    });
    this.configurationSet = new ses.ConfigurationSet(stack, 'ConfigurationSet', {
      configurationSetName: physicalName(config, 'mail'),
      reputationMetrics: true,
      sendingEnabled: true,
      // SES's own account-level list too, as a second line behind ours.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.eventBus(
        events.EventBus.fromEventBusName(stack, 'DefaultBus', 'default'),
      ),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Sending as our identity, through our configuration set, and nothing else. */
  grantSend(role: iam.IRole) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendMail',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
  }

  /** Bounces and complaints of our configuration set, to this function. */
  routeBouncesTo(fn: lambda.IFunction, deadLetters: sqs.IQueue) {
    new events.Rule(this.stack, 'SesBouncesAndComplaints', {
      ruleName: physicalName(this.config, 'ses-bounces-complaints'),
      description: 'SES bounces and complaints of our configuration set, to the ses-events function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new eventTargets.LambdaFunction(fn, {
          deadLetterQueue: deadLetters,
          retryAttempts: 10,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }
}
