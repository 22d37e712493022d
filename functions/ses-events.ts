// SES bounce and complaint events (configuration set -> EventBridge -> here): the
// address goes on the suppression list and the bounce on the affiliate's timeline or
// the application, so organizers see why a notice did not arrive. A failure throws, so
// Lambda retries the event and, after that, it lands in the events dead-letter queue.

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { dynamo } from '#shared/aws/dynamodb.ts';
import { clock } from '#shared/clock.ts';
import { invocation } from '#shared/invocation.ts';
import { appendTimeline } from '#shared/lifecycle/service.ts';
import { type BounceNote, handleSesEvent, type SesEventOutcome } from '#shared/mail/ses-events.ts';
import { tableName } from '#shared/tables.ts';

const WHO = 'ses';

export async function noteOnAffiliate(affiliateId: string, note: BounceNote): Promise<void> {
  await appendTimeline(affiliateId, {
    what: note.reason === 'bounce' ? 'Email address bounces' : 'Recipient complained about an email',
    why: `SES reported a ${note.detail} for a ${note.kind ?? 'message'}; the address will not be mailed again until an organizer removes it from the suppression list.`,
    who: WHO,
    data: { reason: note.reason, kind: note.kind, addresses: note.addresses },
  });
}

export async function noteOnApplication(applicationId: string, note: BounceNote): Promise<void> {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName('applications'),
        Key: { pk: `APP#${applicationId}` },
        UpdateExpression: 'SET emailBouncing = :note',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':note': { reason: note.reason, detail: note.detail, kind: note.kind, at: note.at.toISOString() },
        },
      }),
    )
    .catch((error: Error) => {
      // The application may be gone already (retention); the suppression still stands.
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

export const handler = invocation(
  middy<EventBridgeEvent<string, unknown>, SesEventOutcome>().handler((event) =>
    handleSesEvent(event.detail, { clock, noteOnAffiliate, noteOnApplication }),
  ),
  (event) => event?.id,
);
