// SES bounce and complaint events, handled by the ses-events function against the
// local stack: the address stops receiving mail, and organizers can see why on the
// affiliate's timeline or on the application.

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/ses-events.ts';
import { dynamo } from '../../shared/aws/dynamodb.ts';
import { clock } from '../../shared/clock.ts';
import { readTimeline } from '../../shared/lifecycle/store.ts';
import { sendOnce } from '../../shared/mail/outbox.ts';
import { SUPPRESSED, sesMailer } from '../../shared/mail/ses.ts';
import { suppression } from '../../shared/mail/suppression.ts';
import { setMetricSink } from '../../shared/metrics.ts';
import { tableName } from '../../shared/tables.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const metricLines: string[] = [];
beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-07-15T06:00:00Z') });
  setMetricSink((line) => metricLines.push(line));
});
afterAll(() => stack.stop());

/** An SES event as EventBridge delivers it (detail as SES publishes it). */
function sesEvent(detail: Record<string, unknown>): EventBridgeEvent<string, unknown> {
  const type = detail.eventType === 'Bounce' ? 'Email Bounced' : 'Email Complaint Received';
  return {
    version: '0',
    id: 'event-1',
    'detail-type': type,
    source: 'aws.ses',
    account: '123456789012',
    time: '2026-07-15T06:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

const bounce = (address: string, tags: Record<string, string[]>, type = 'Permanent', messageId = 'm-1') =>
  sesEvent({
    eventType: 'Bounce',
    mail: { messageId, destination: [address], tags: { 'ses:configuration-set': ['x-mail'], ...tags } },
    bounce: { bounceType: type, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }] },
  });

const invoke = (event: EventBridgeEvent<string, unknown>) => handler(event, {} as Context);

const email = (to: string[]) => ({
  to,
  subject: 'Your annual report is due on 15 July 2026',
  text: 'Report due 15 July 2026',
  html: '<p>Report due 15 July 2026</p>',
  tags: { kind: 'first_reminder', affiliate: 'wmpk' },
});

describe('a permanent bounce', () => {
  it('stops mail to the address and shows on the affiliate timeline, without the address', async () => {
    const outcome = await invoke(
      bounce('Dead.Box@Example.org', { kind: ['first_reminder'], affiliate: ['wmpk'] }),
    );
    expect(outcome).toBe('suppressed');

    const record = await suppression('dead.box@example.org');
    expect(record).toMatchObject({ reason: 'bounce', affiliate: 'wmpk', kind: 'first_reminder' });

    const timeline = await readTimeline('wmpk');
    const entry = timeline.find((e) => e.what === 'Email address bounces');
    expect(entry?.why).toContain('permanent bounce');
    expect(entry?.who).toBe('ses');
    expect(JSON.stringify(timeline).toLowerCase()).not.toContain('dead.box');

    // The next notice skips the dead address and still reaches the live one.
    await stack.clearEmails();
    expect(
      await sendOnce(
        { mailer: sesMailer, clock },
        'notice#1',
        email(['dead.box@example.org', 'live@example.org']),
      ),
    ).toBe('sent');
    expect(await stack.emailsTo('dead.box@example.org')).toHaveLength(0);
    expect(await stack.emailsTo('live@example.org')).toHaveLength(1);
    // Only the dead address: nothing goes to SES at all.
    expect(await sesMailer.send(email(['DEAD.BOX@example.org']))).toEqual({ messageId: SUPPRESSED });
    expect(await stack.emails()).toHaveLength(1);

    expect(metricLines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ EmailsSuppressed: 1, reason: 'bounce' }),
    );
  });

  it('delivered twice by EventBridge, is noted once', async () => {
    const event = bounce(
      'twice@example.org',
      { kind: ['expiry_notice'], affiliate: ['wmpk-twice'] },
      'Permanent',
      'm-2',
    );
    expect(await invoke(event)).toBe('suppressed');
    expect(await invoke(event)).toBe('duplicate');
    expect(await readTimeline('wmpk-twice')).toHaveLength(1);
    expect((await suppression('twice@example.org'))?.count).toBe(1);
  });
});

describe('other events', () => {
  it('a transient bounce (full mailbox) keeps the address', async () => {
    expect(await invoke(bounce('full@example.org', { affiliate: ['wmpk-full'] }, 'Transient', 'm-3'))).toBe(
      'ignored',
    );
    expect(await suppression('full@example.org')).toBeUndefined();
    expect(await readTimeline('wmpk-full')).toHaveLength(0);
  });

  it('a complaint about an application email marks the application', async () => {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('applications'),
        Item: { pk: 'APP#a-1', status: 'pending_review' },
      }),
    );
    const outcome = await invoke(
      sesEvent({
        eventType: 'Complaint',
        mail: { messageId: 'm-4', tags: { kind: ['application_received'], application: ['a-1'] } },
        complaint: {
          complaintFeedbackType: 'abuse',
          complainedRecipients: [{ emailAddress: 'angry@example.org' }],
        },
      }),
    );
    expect(outcome).toBe('suppressed');
    expect(await suppression('angry@example.org')).toMatchObject({ reason: 'complaint', application: 'a-1' });
    const got = await dynamo().send(
      new GetCommand({ TableName: tableName('applications'), Key: { pk: 'APP#a-1' } }),
    );
    expect(got.Item?.emailBouncing).toMatchObject({ reason: 'complaint', kind: 'application_received' });
  });

  it('an event it does not understand is ignored, not retried forever', async () => {
    expect(await invoke(sesEvent({ eventType: 'Bounce' }))).toBe('ignored');
  });
});
