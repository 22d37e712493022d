// Mailer on SES v2, with the configuration set from configuration (bounce and
// complaint events flow from it in AWS).

import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../aws/ses.ts';
import { config } from '../config.ts';
import type { Mailer, OutgoingEmail } from './port.ts';

const TAG_VALUE = /[^A-Za-z0-9_\-.@]/g;

export const sesMailer: Mailer = {
  async send(email: OutgoingEmail) {
    const c = config();
    const result = await ses().send(
      new SendEmailCommand({
        FromEmailAddress: c.mail.from,
        Destination: { ToAddresses: email.to },
        ReplyToAddresses: email.replyTo,
        ConfigurationSetName: c.mail.configurationSet,
        EmailTags: Object.entries(email.tags ?? {}).map(([Name, Value]) => ({
          Name,
          Value: Value.replace(TAG_VALUE, '_'),
        })),
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? '' };
  },
};
