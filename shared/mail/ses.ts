// Mailer on SES v2, with the configuration set from configuration (bounce and
// complaint events flow from it in AWS). Addresses on the suppression list (hard
// bounces, complaints: shared/mail/suppression.ts) are left out; when no recipient is
// left nothing is sent and the message id says so.

import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../aws/ses.ts';
import { config } from '../config.ts';
import { log } from '../log.ts';
import type { Mailer, OutgoingEmail } from './port.ts';
import { headerSafe } from './safe-text.ts';
import { suppressedAmong } from './suppression.ts';

/** The message id of an email not sent because every recipient is suppressed. */
export const SUPPRESSED = 'suppressed';

const TAG_VALUE = /[^A-Za-z0-9_\-.@]/g;

export const sesMailer: Mailer = {
  async send(email: OutgoingEmail) {
    const blocked = await suppressedAmong(email.to);
    const to = email.to.filter((address) => !blocked.has(address));
    if (blocked.size > 0)
      log.warn('recipients left out: they bounce or complained', {
        kind: email.tags?.kind,
        left: blocked.size,
      });
    if (to.length === 0) return { messageId: SUPPRESSED };
    return sendThroughSes({ ...email, to });
  },
};

/**
 * Send without consulting the suppression list: for a caller that has checked it
 * already and must not touch DynamoDB between its own write and the send (see
 * shared/applications/submit.ts).
 */
export async function sendThroughSes(email: OutgoingEmail): Promise<{ messageId: string }> {
  const c = config();
  const result = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: c.mail.from,
      Destination: { ToAddresses: email.to },
      // Replies reach people: the organizers' contact address unless the email names another.
      ReplyToAddresses: email.replyTo ?? [c.mail.contact],
      ConfigurationSetName: c.mail.configurationSet,
      EmailTags: Object.entries(email.tags ?? {}).map(([Name, Value]) => ({
        Name,
        Value: Value.replace(TAG_VALUE, '_'),
      })),
      Content: {
        Simple: {
          Subject: { Data: headerSafe(email.subject), Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.text, Charset: 'UTF-8' },
            Html: { Data: email.html, Charset: 'UTF-8' },
          },
        },
      },
    }),
  );
  return { messageId: result.MessageId ?? '' };
}
