// Mail goes through the real SES v2 client to SES local; the outbox makes each keyed
// email exactly-once, even under concurrency and while SES is down.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../shared/clock.ts';
import { outboxRecord, sendOnce } from '../../shared/mail/outbox.ts';
import { sesMailer } from '../../shared/mail/ses.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const email = (to: string, subject = 'Your application') => ({
  to: [to],
  subject,
  text: 'Plain text body: 15 July 2026',
  html: '<p>HTML body: 15 July 2026</p>',
  tags: { kind: 'test' },
});

describe('mail through SES local', () => {
  it('delivers subject, text and HTML to the recipient, from the configured sender', async () => {
    await sesMailer.send(email('ayesha@example.org', 'درخواست موصول ہوئی'));
    const [got] = await stack.emailsTo('ayesha@example.org');
    expect(got?.subject).toBe('درخواست موصول ہوئی');
    expect(got?.from).toContain('noreply@wikimedia.pk.example');
    expect(got?.body.text).toContain('15 July 2026');
    expect(got?.body.html).toContain('<p>HTML body');
  });

  it('sends a keyed email once when 20 deliveries race for it', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        sendOnce({ mailer: sesMailer, clock }, 'race#1', email('race@example.org')),
      ),
    );
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(await stack.emailsTo('race@example.org')).toHaveLength(1);
    expect(await sendOnce({ mailer: sesMailer, clock }, 'race#1', email('race@example.org'))).toBe(
      'already_sent',
    );
  });

  it('keeps an email owed while SES is down and sends it once when SES is back', async () => {
    await stack.stopSes();
    const first = await sendOnce({ mailer: sesMailer, clock }, 'outage#1', email('outage@example.org'));
    expect(first).toBe('failed');
    expect((await outboxRecord('outage#1'))?.state).toBe('failed');
    await stack.startSes();
    expect(await sendOnce({ mailer: sesMailer, clock }, 'outage#1', email('outage@example.org'))).toBe(
      'sent',
    );
    expect(await sendOnce({ mailer: sesMailer, clock }, 'outage#1', email('outage@example.org'))).toBe(
      'already_sent',
    );
    expect(await stack.emailsTo('outage@example.org')).toHaveLength(1);
  });
});
