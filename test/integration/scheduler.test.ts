// The local stand-in for EventBridge Scheduler fires one-time schedules in time order
// as the clock moves, with "now" set to each schedule's instant, and fires recurring
// schedules at each daily occurrence.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerRunner } from '../../scripts/local/scheduler-runner.ts';
import { clock } from '../../shared/clock.ts';
import { LocalScheduler } from '../../shared/scheduler/local.ts';
import type { RecurringSchedule } from '../../shared/scheduler/recurring.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ startAt: new Date('2026-01-01T00:00:00Z') });
});
afterAll(() => stack.stop());

const daily: RecurringSchedule = {
  name: 'daily-test',
  target: 'recorder',
  payload: { action: 'reconcile' },
  dailyAtUtc: { hour: 1, minute: 0 },
  description: 'test',
};

describe('local scheduler', () => {
  it('fires what is due in time order, at its instant, once, and keeps the rest', async () => {
    const calls: { payload: Record<string, unknown>; now: string }[] = [];
    const runner = new SchedulerRunner(
      stack.clock,
      async (_target, payload) => {
        // The clock runs on at real speed while a target works; compare to the second.
        calls.push({ payload, now: clock.now().toISOString().slice(0, 19) });
      },
      [daily],
    );
    const local = new LocalScheduler();
    await local.upsert({
      name: 'c',
      at: new Date('2026-01-03T05:00:00Z'),
      target: 'recorder',
      payload: { n: 3 },
    });
    await local.upsert({
      name: 'a',
      at: new Date('2026-01-01T05:00:00Z'),
      target: 'recorder',
      payload: { n: 1 },
    });
    await local.upsert({
      name: 'b',
      at: new Date('2026-01-09T05:00:00Z'),
      target: 'recorder',
      payload: { n: 2 },
    });
    // Upserting the same name moves it rather than adding a second one.
    await local.upsert({
      name: 'b',
      at: new Date('2026-01-02T05:00:00Z'),
      target: 'recorder',
      payload: { n: 2 },
    });
    await local.upsert({
      name: 'later',
      at: new Date('2026-02-01T00:00:00Z'),
      target: 'recorder',
      payload: { n: 9 },
    });

    const fired = await runner.advanceTo(new Date('2026-01-03T12:00:00Z'));

    expect(calls).toEqual([
      { payload: { action: 'reconcile' }, now: '2026-01-01T01:00:00' },
      { payload: { n: 1 }, now: '2026-01-01T05:00:00' },
      { payload: { action: 'reconcile' }, now: '2026-01-02T01:00:00' },
      { payload: { n: 2 }, now: '2026-01-02T05:00:00' },
      { payload: { action: 'reconcile' }, now: '2026-01-03T01:00:00' },
      { payload: { n: 3 }, now: '2026-01-03T05:00:00' },
    ]);
    expect(fired.every((f) => f.outcome === 'ok')).toBe(true);
    expect(clock.now().toISOString()).toMatch(/^2026-01-03T12:00/);
    expect((await runner.pending()).map((p) => p.name)).toEqual(['later']);

    // Moving again to the same point fires nothing twice.
    calls.length = 0;
    await runner.advanceTo(new Date('2026-01-03T12:00:01Z'));
    expect(calls).toEqual([]);
  });

  it('retries a failing target and then parks it as dead-lettered', async () => {
    let attempts = 0;
    const runner = new SchedulerRunner(stack.clock, async () => {
      attempts++;
      throw new Error('target down');
    }, []);
    await new LocalScheduler().upsert({
      name: 'flaky',
      at: new Date('2026-01-05T00:00:00Z'),
      target: 'recorder',
      payload: {},
    });
    const fired = await runner.advanceTo(new Date('2026-01-06T00:00:00Z'));
    expect(attempts).toBe(3);
    expect(fired.map((f) => f.outcome)).toEqual(['failed', 'failed', 'dead_letter']);
    expect((await runner.pending()).map((p) => p.name)).not.toContain('flaky');
  });

  it('POST /_local/clock fires through the real invoker and lists what fired', async () => {
    await new LocalScheduler().upsert({
      name: 'health-ping',
      at: new Date('2026-01-10T00:00:00Z'),
      target: 'health',
      payload: { rawPath: '/health', requestContext: { http: { method: 'GET' } }, headers: {} },
    });
    const moved = await stack.advanceTo('2026-01-11T00:00:00Z');
    expect(moved.now).toMatch(/^2026-01-11T00:00:00/);
    // The daily lifecycle reconciliation (a recurring schedule) fires along the way too.
    expect(moved.fired.filter((f) => f.target !== 'lifecycle').map((f) => f.name)).toEqual(['health-ping']);
  });
});
