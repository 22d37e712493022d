// Exactly once, against DynamoDB Local and SES local: at-least-once schedule delivery,
// reconciliation overlapping a schedule, and SES down while a notice is due.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../scripts/local/invoke.ts';
import { getAffiliateWithTimeline, upsertAffiliate } from '../../shared/lifecycle/service.ts';
import { readAffiliate, readTimeline } from '../../shared/lifecycle/store.ts';
import { outboxRecord } from '../../shared/mail/outbox.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
// A user group, due 30 March 2026: first reminder 28 February, second 23 March, at
// 09:00 in Karachi (04:00 UTC); reconciliation runs daily at 05:00 UTC.
const AGREEMENT = { start: '2025-03-01', end: '2026-02-28' };
const PERIOD = '2025-03-01_2026-02-28';
const contact = (id: string) => `${id}@groups.example.org`;

const register = (id: string) =>
  upsertAffiliate(
    {
      id,
      name: `Group ${id}`,
      type: 'user_group',
      country: 'Pakistan',
      contactEmails: [contact(id)],
      languages: ['en'],
      metaPage: `https://meta.wikimedia.org/wiki/Group_${id}`,
      logoUrl: `https://upload.wikimedia.org/${id}.svg`,
      agreement: AGREEMENT,
    },
    'arn:test:organizer',
  );

beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-02-01T00:00:00Z') });
  for (const id of ['crowd', 'race', 'outage']) await register(id);
});
afterAll(() => stack?.stop());

describe('exactly once', () => {
  it('50 simultaneous deliveries of the same schedule payload send one email and change state once', async () => {
    // Time passes the first reminder without the scheduler firing; then it delivers 50 times.
    stack.clock.set(new Date('2026-02-28T04:00:30Z'));
    const payload = { affiliateId: 'crowd', period: PERIOD, action: 'first_reminder' };
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => invoke('lifecycle', payload)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    expect(await stack.emailsTo(contact('crowd'))).toHaveLength(1);
    const timeline = await readTimeline('crowd');
    expect(timeline.filter((e) => e.what === 'Report due soon: first reminder')).toHaveLength(1);
    expect(timeline.filter((e) => e.what === 'Email sent: first_reminder')).toHaveLength(1);
    const record = await readAffiliate('crowd');
    expect(record?.status).toBe('report_due');
    expect(record?.owed).toEqual([]);
  });

  it('reconciliation racing a schedule changes state once and sends once', async () => {
    stack.clock.set(new Date('2026-03-23T04:00:30Z'));
    const payload = { affiliateId: 'race', period: PERIOD, action: 'second_reminder' };
    await Promise.all([
      invoke('lifecycle', payload),
      invoke('lifecycle', { action: 'reconcile' }),
      invoke('lifecycle', payload),
      invoke('lifecycle', { action: 'reconcile' }),
    ]);
    const timeline = await readTimeline('race');
    // Reminders that were overtaken are caught up in order, each once.
    expect(timeline.filter((e) => e.data?.action).map((e) => e.data?.action)).toEqual([
      'first_reminder',
      'second_reminder',
    ]);
    // The first reminder was overtaken by the second: only the second is sent.
    const mails = await stack.emailsTo(contact('race'));
    expect(mails.map((m) => m.subject)).toEqual([
      'Group race: one week left for your annual report (due 30 March 2026)',
    ]);
  });

  it('a notice due while SES is down stays owed and arrives exactly once when SES is back', async () => {
    await stack.stopSes();
    // The expiry notice schedule fires on 31 March at 04:00 UTC; SES refuses it.
    stack.clock.set(new Date('2026-03-30T12:00:00Z'));
    await stack.advanceTo('2026-03-31T04:30:00Z');
    const owed = await getAffiliateWithTimeline('outage');
    expect(owed?.status).toBe('expired');
    expect(owed?.owedNotices).toEqual(['expiry_notice']);
    expect((await outboxRecord(`notice#outage#${PERIOD}#expiry_notice#${contact('outage')}`))?.state).toBe(
      'failed',
    );

    await stack.startSes();
    // The daily reconciliation (05:00 UTC) finds the owed notice through the index and sends it.
    await stack.advanceTo('2026-03-31T05:30:00Z');
    await stack.advanceTo('2026-04-02T06:00:00Z');
    const mails = await stack.emailsTo(contact('outage'));
    expect(mails.map((m) => m.subject)).toEqual([
      'Group outage: one week left for your annual report (due 30 March 2026)',
      'Group outage: annual report past due, agreement expired',
    ]);
    expect((await getAffiliateWithTimeline('outage'))?.owedNotices).toEqual([]);
  });
});
