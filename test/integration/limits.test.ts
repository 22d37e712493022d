// The abuse limits on the local stack, set low so each can be reached in a few requests:
// applications per client (source address) per hour, confirmation emails per domain per
// hour and per day (with the metric the alarm watches), and stored reports per affiliate
// per day. Over a limit: 429 with Retry-After and the documented error shape, nothing
// stored, nothing sent. (Per mailbox, with the default limits: test/reliability/fuzz.test.ts.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { setMetricSink } from '../../shared/metrics.ts';
import { countItems, postFrom } from '../reliability/support.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';
import { createAffiliate, goodReport } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const LIMITS = {
  LIMIT_APPLICATIONS_PER_CLIENT_HOUR: '5',
  LIMIT_CONFIRMATIONS_PER_DOMAIN_HOUR: '4',
  LIMIT_CONFIRMATIONS_PER_DAY: '12',
  LIMIT_REPORTS_PER_AFFILIATE_DAY: '2',
};

let stack: TestStack;
let meta: FakeMediaWiki;
const metricLines: string[] = [];

beforeAll(async () => {
  meta = await startFakeMediaWiki();
  stack = await startTestStack({
    // In the future: DynamoDB Local expires items by TTL on the real clock, so a stack
    // set in the past would see applications vanish while the test counts them.
    startAt: new Date('2027-07-15T07:10:00Z'),
    env: { ...LIMITS, META_API_URL: meta.url, META_API_TIMEOUT_MS: '300' },
  });
  setMetricSink((line) => metricLines.push(line));
});
afterAll(async () => {
  await stack?.stop();
  await meta?.stop();
});

let n = 0;
/** A new applicant at its own domain, unless told which. */
const applicant = (domain = `d${n}.example`) => ({
  ...applicationBody('47000', n),
  email: `applicant.${n++}@${domain}`,
});
const applyFrom = (sourceIp: string, body: unknown) =>
  postFrom(sourceIp, `${stack.apiUrl}/applications`, body);
const secondsToEndOfHour = () => 3600 - (Math.floor(stack.clock.now().getTime() / 1000) % 3600);

/** A 429 from `limit`, whose Retry-After is the end of the window (the clock runs on meanwhile). */
async function expectLimited(
  reply: Awaited<ReturnType<typeof postFrom>>,
  limit: string,
  retryAfter: number,
): Promise<void> {
  expect(reply.status).toBe(429);
  const seconds = Number(reply.headers['retry-after']);
  expect(seconds).toBeGreaterThan(retryAfter - 10);
  expect(seconds).toBeLessThanOrEqual(retryAfter);
  expect(reply.json()).toMatchObject({
    error: { code: 'rate_limited', message: expect.any(String), limit, retryAfterSeconds: seconds },
  });
}

describe('applications per client per hour', () => {
  it('429 with Retry-After past the limit, storing and sending nothing; another client and the next hour are unaffected', async () => {
    for (let i = 0; i < 5; i++) expect((await applyFrom('127.0.0.3', applicant())).status).toBe(202);
    const before = { items: await countItems(), emails: (await stack.emails()).length };
    const over = applicant();
    const windowLeft = secondsToEndOfHour();
    await expectLimited(await applyFrom('127.0.0.3', over), 'applications_per_client', windowLeft);
    expect((await countItems()).applications).toBe(before.items.applications);
    expect(await stack.emailsTo(over.email)).toHaveLength(0);
    expect((await stack.emails()).length).toBe(before.emails);

    // A different source address is a different client.
    expect((await applyFrom('127.0.0.4', applicant())).status).toBe(202);
    // The next hour the first client may apply again.
    await stack.advanceTo(new Date(stack.clock.now().getTime() + secondsToEndOfHour() * 1000 + 1000));
    expect((await applyFrom('127.0.0.3', applicant())).status).toBe(202);
  });
});

describe('confirmation emails per domain per hour', () => {
  it('a fifth address at one domain within the hour is refused; other domains still get theirs', async () => {
    const ips = ['127.0.0.5', '127.0.0.6'];
    for (let i = 0; i < 4; i++)
      expect((await applyFrom(ips[i % 2]!, applicant('bulk.example'))).status).toBe(202);
    const before = await countItems();
    const windowLeft = secondsToEndOfHour();
    await expectLimited(
      await applyFrom('127.0.0.7', applicant('Bulk.Example')),
      'confirmations_per_domain',
      windowLeft,
    );
    expect((await countItems()).applications).toBe(before.applications);
    expect(await stack.emailsTo('@bulk.example')).toHaveLength(4);
    expect((await applyFrom('127.0.0.7', applicant())).status).toBe(202);
  });
});

describe('confirmation emails per day', () => {
  it('refuses past the daily cap until midnight UTC, and emits the metric the alarm watches', async () => {
    await stack.advanceTo('2027-07-16T00:00:05Z');
    metricLines.length = 0;
    let accepted = 0;
    let ip = 10;
    for (; accepted < 12; accepted++) {
      const reply = await applyFrom(`127.0.1.${ip++ % 200}`, applicant());
      expect(reply.status).toBe(202);
    }
    const before = await countItems();
    await expectLimited(await applyFrom(`127.0.1.${ip}`, applicant()), 'confirmations_per_day', 86_400 - 5);
    expect((await countItems()).applications).toBe(before.applications);
    const capMetrics = metricLines.filter((l) => l.includes('"ConfirmationDailyCapReached":1'));
    expect(capMetrics).toHaveLength(1);
  });
});

describe('stored reports per affiliate per day', () => {
  it('429 past the limit; a repeated or refused report costs nothing, and nothing is stored or sent', async () => {
    await createAffiliate(stack, 'limited');
    const send = (body: unknown) =>
      stack.api('/admin/affiliates/limited/reports', { admin: true, json: body });
    const reports = async () =>
      (
        (await (await stack.api('/admin/affiliates/limited/reports', { admin: true })).json()) as {
          reports: unknown[];
        }
      ).reports;
    expect((await send(goodReport('Limited report one'))).status).toBe(201);
    // The same report again is the stored one (200) and does not count.
    expect((await send(goodReport('Limited report one'))).status).toBe(200);
    // A report that breaks the rules is 422 and does not count either.
    expect((await send({ ...goodReport('Limited report bad'), periodStart: '2025-08-01' })).status).toBe(422);
    expect((await send(goodReport('Limited report two'))).status).toBe(201);

    const emailsBefore = (await stack.emailsTo('limited@groups.example.org')).length;
    const over = await send(goodReport('Limited report three'));
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({
      error: { code: 'rate_limited', limit: 'reports_per_affiliate' },
    });
    expect(await reports()).toHaveLength(2);
    expect(await stack.emailsTo('limited@groups.example.org')).toHaveLength(emailsBefore);
  });
});
