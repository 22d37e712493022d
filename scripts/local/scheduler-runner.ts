// Fires the local scheduler's schedules, in time order, as the local clock moves.
// Before each firing the clock is set to the schedule's instant, so the target sees
// "now" exactly as it would in AWS. One-time schedules are deleted after they fire
// (ActionAfterCompletion: DELETE); a failing target is retried like EventBridge would,
// then parked as dead-lettered. Recurring schedules fire at each daily occurrence.

import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, queryAll } from '../../shared/aws/dynamodb.ts';
import type { MovableClock } from '../../shared/clock.ts';
import { log } from '../../shared/log.ts';
import { PENDING } from '../../shared/scheduler/local.ts';
import { nextOccurrence, type RecurringSchedule } from '../../shared/scheduler/recurring.ts';
import { tableName } from '../../shared/tables.ts';

export const MAX_ATTEMPTS = 3;
const CLOCK_ROW = '_local#clock';
const RECURRING_PREFIX = '_local#recurring#';

export interface Fired {
  name: string;
  at: string;
  target: string;
  payload: Record<string, unknown>;
  outcome: 'ok' | 'failed' | 'dead_letter';
}

export type Invoker = (target: string, payload: Record<string, unknown>) => Promise<unknown>;

interface Due {
  name: string;
  at: Date;
  target: string;
  payload: Record<string, unknown>;
  attempts: number;
  recurring?: RecurringSchedule;
}

export class SchedulerRunner {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: MovableClock,
    private readonly invoker: Invoker,
    private readonly recurring: RecurringSchedule[],
  ) {}

  /** Restore the clock saved by an earlier run, so a restart does not rewind time. */
  async restoreClock(): Promise<void> {
    const row = await dynamo().send(
      new GetCommand({ TableName: tableName('schedules'), Key: { name: CLOCK_ROW } }),
    );
    const saved = row.Item?.at as string | undefined;
    if (saved && new Date(saved) > this.clock.now()) this.clock.set(new Date(saved));
  }

  /** Move the clock to `to` (default: wherever it is when this runs), firing everything due up to it in order. Serialised. */
  advanceTo(to?: Date): Promise<Fired[]> {
    const run = this.chain.then(() => this.fireUntil(to));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Keep firing what falls due as real time passes (the clock runs at real speed). */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.advanceTo().catch((error) => log.error('local scheduler tick failed', { error }));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.chain;
  }

  /** Schedules still waiting (for tests and the /_local/schedules view). */
  async pending(): Promise<{ name: string; at: string; target: string }[]> {
    const items = await queryAll({
      TableName: tableName('schedules'),
      IndexName: 'byTime',
      KeyConditionExpression: 'pending = :p',
      ExpressionAttributeValues: { ':p': PENDING },
    });
    return items.map((item) => ({ name: item.name, at: item.at, target: item.target }));
  }

  private async fireUntil(target?: Date): Promise<Fired[]> {
    const to = target ?? this.clock.now();
    if (to.getTime() < this.clock.now().getTime()) throw new RangeError('the clock cannot move backwards');
    const fired: Fired[] = [];
    for (;;) {
      const next = await this.nextDue(to);
      if (!next) break;
      if (next.at > this.clock.now()) this.clock.set(next.at);
      fired.push(await this.fire(next));
    }
    // The clock runs on while targets work; only move it if it has not passed `to`.
    if (to > this.clock.now()) this.clock.set(to);
    await this.saveClock();
    return fired;
  }

  private async nextDue(to: Date): Promise<Due | undefined> {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('schedules'),
        IndexName: 'byTime',
        KeyConditionExpression: 'pending = :p AND #at <= :to',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':p': PENDING, ':to': to.toISOString() },
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    let best: Due | undefined = item
      ? {
          name: item.name,
          at: new Date(item.at),
          target: item.target,
          payload: item.payload,
          attempts: item.attempts ?? 0,
        }
      : undefined;
    for (const schedule of this.recurring) {
      const at = nextOccurrence(schedule, await this.lastRecurring(schedule));
      if (at <= to && (!best || at < best.at)) {
        best = {
          name: schedule.name,
          at,
          target: schedule.target,
          payload: schedule.payload,
          attempts: 0,
          recurring: schedule,
        };
      }
    }
    return best;
  }

  private async lastRecurring(schedule: RecurringSchedule): Promise<Date> {
    const row = await dynamo().send(
      new GetCommand({ TableName: tableName('schedules'), Key: { name: RECURRING_PREFIX + schedule.name } }),
    );
    // A recurring schedule that never fired starts counting from the present.
    if (!row.Item) {
      const now = this.clock.now();
      await this.saveRecurring(schedule, now);
      return now;
    }
    return new Date(row.Item.lastAt as string);
  }

  private saveRecurring(schedule: RecurringSchedule, at: Date) {
    return dynamo().send(
      new PutCommand({
        TableName: tableName('schedules'),
        Item: { name: RECURRING_PREFIX + schedule.name, lastAt: at.toISOString() },
      }),
    );
  }

  private async fire(due: Due): Promise<Fired> {
    const base = { name: due.name, at: due.at.toISOString(), target: due.target, payload: due.payload };
    let ok = true;
    try {
      await this.invoker(due.target, due.payload);
    } catch (error) {
      ok = false;
      log.warn('local schedule target failed', { schedule: due.name, error });
    }
    if (due.recurring) {
      await this.saveRecurring(due.recurring, due.at);
      return { ...base, outcome: ok ? 'ok' : 'failed' };
    }
    if (ok) {
      // Delete only the version that fired: the target may have moved it meanwhile.
      await dynamo()
        .send(
          new DeleteCommand({
            TableName: tableName('schedules'),
            Key: { name: due.name },
            ConditionExpression: '#at = :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': due.at.toISOString() },
          }),
        )
        .catch(() => undefined);
      return { ...base, outcome: 'ok' };
    }
    const attempts = due.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS;
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('schedules'),
        Key: { name: due.name },
        UpdateExpression: dead
          ? 'SET attempts = :n, deadLetter = :t REMOVE pending'
          : 'SET attempts = :n, #at = :retry',
        ExpressionAttributeNames: dead ? undefined : { '#at': 'at' },
        ExpressionAttributeValues: dead
          ? { ':n': attempts, ':t': true }
          : { ':n': attempts, ':retry': new Date(due.at.getTime() + 60_000 * attempts).toISOString() },
      }),
    );
    return { ...base, outcome: dead ? 'dead_letter' : 'failed' };
  }

  private async saveClock() {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('schedules'),
        Item: { name: CLOCK_ROW, at: this.clock.now().toISOString() },
      }),
    );
  }
}
