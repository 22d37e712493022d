// The lifecycle's transition table: every state with every event, and ticks that
// arrive early, late, twice or out of order. Pure: no services, no clock.

import { describe, expect, it } from 'vitest';
import { type Agreement, periodKey } from '../../shared/affiliates/model.ts';
import { instantAt } from '../../shared/dates.ts';
import { plannedSteps } from '../../shared/lifecycle/plan.ts';
import {
  actionDay,
  dueDate,
  type LifecycleEvent,
  type LifecycleState,
  nextAction,
  type Outcome,
  startInPresent,
  transition,
} from '../../shared/lifecycle/transition.ts';

const TZ = 'Asia/Karachi';
const agreement: Agreement = { start: '2025-09-01', end: '2026-08-31' };
const period = periodKey(agreement);
// user_group: due 30 September 2026; reminders 31 August and 23 September; notice
// 1 October; final reminder 24 October; removal 31 October.
const at = (day: string, hour = 9) => instantAt(day, hour, TZ);

const base: LifecycleState = {
  status: 'active',
  type: 'user_group',
  agreement,
  paused: false,
  acceptedPeriods: [],
  owed: [],
};

function run(state: LifecycleState, event: LifecycleEvent, now: Date): Outcome {
  return transition(state, event, { now, timeZone: TZ });
}
const tick = (state: LifecycleState, now: Date, extra: Partial<{ period: string }> = {}) =>
  run(state, { kind: 'tick', ...extra }, now);
const notices = (o: Outcome) => o.effects.flatMap((e) => (e.type === 'notice' ? [e.notice.kind] : []));

/** The state after walking the calendar to `day` with no report. */
function walkedTo(day: string): LifecycleState {
  return tick(base, at(day)).state;
}

describe('dates of a period', () => {
  it('puts every step on its calendar day, by type', () => {
    expect(dueDate('user_group', agreement)).toBe('2026-09-30');
    expect(dueDate('chapter', agreement)).toBe('2026-12-29');
    expect(
      (['first_reminder', 'second_reminder', 'expire', 'final_reminder', 'remove'] as const).map((a) =>
        actionDay({ type: 'user_group', agreement }, a),
      ),
    ).toEqual(['2026-08-31', '2026-09-23', '2026-10-01', '2026-10-24', '2026-10-31']);
  });
});

describe('ticks', () => {
  it('do nothing before the first reminder is due, even one hour early', () => {
    const o = tick(base, at('2026-08-31', 8));
    expect(o.ignored).toBe('nothing_due');
    expect(o.state).toBe(base);
  });

  it('walk active -> report_due -> expired -> formerly_active with one notice per step', () => {
    const steps: [string, string, string[]][] = [
      ['2026-08-31', 'report_due', ['first_reminder']],
      ['2026-09-23', 'report_due', ['second_reminder']],
      ['2026-10-01', 'expired', ['expiry_notice']],
      ['2026-10-24', 'expired', ['final_reminder']],
      ['2026-10-31', 'formerly_active', ['formerly_active', 'formerly_active_announcement']],
    ];
    let state = base;
    for (const [day, status, kinds] of steps) {
      const o = tick(state, at(day));
      expect(o.ignored).toBeUndefined();
      expect(o.state.status).toBe(status);
      expect(notices(o)).toEqual(kinds);
      state = o.state;
    }
    expect(state.formerlyActiveOn).toBe('2026-10-31');
    expect(nextAction(state, TZ)).toBeUndefined();
    expect(state.owed.map((n) => [n.kind, n.audience])).toEqual([
      ['first_reminder', 'contacts'],
      ['second_reminder', 'contacts'],
      ['expiry_notice', 'contacts'],
      ['final_reminder', 'contacts'],
      ['formerly_active', 'contacts'],
      ['formerly_active_announcement', 'wikimedia_l'],
    ]);
  });

  it('ignore a duplicate delivery of a step already done', () => {
    const once = tick(base, at('2026-08-31'));
    const twice = tick(once.state, at('2026-08-31', 10), { period });
    expect(twice.ignored).toBe('nothing_due');
    expect(twice.state).toBe(once.state);
  });

  it('catch up in order when late, skipping reminders the next step overtook', () => {
    // Nothing ran between 30 August and 2 October: expiry is due, both reminders are moot.
    const o = tick(base, at('2026-10-02'));
    expect(o.state.status).toBe('expired');
    expect(o.state.lastAction).toBe('expire');
    expect(notices(o)).toEqual(['expiry_notice']);
    expect(o.effects.filter((e) => e.type === 'timeline')).toHaveLength(3);
  });

  it('ignore a schedule from another period (late, after renewal)', () => {
    const renewed = run(base, { kind: 'report_accepted', period, reportId: 'r1' }, at('2026-08-01')).state;
    const o = tick(renewed, at('2026-09-23'), { period });
    expect(o.ignored).toBe('other_period');
  });

  it('an out-of-order delivery (the later action first) does only what is due by now', () => {
    // The expiry schedule is delivered at the second reminder's time.
    const atFirst = tick(base, at('2026-08-31')).state;
    const o = run(atFirst, { kind: 'tick', period, action: 'expire' }, at('2026-09-23'));
    expect(o.state.status).toBe('report_due');
    expect(notices(o)).toEqual(['second_reminder']);
  });

  it('do nothing while paused', () => {
    const paused = run(base, { kind: 'pause', reason: 'renewal negotiated' }, at('2026-08-01')).state;
    expect(tick(paused, at('2026-10-02')).ignored).toBe('paused');
    expect(nextAction(paused, TZ)).toBeUndefined();
  });

  it('do nothing in reinstatement_review or formerly_active', () => {
    expect(tick({ ...base, status: 'reinstatement_review' }, at('2027-01-01')).ignored).toBe('nothing_due');
    expect(tick(walkedTo('2026-10-31'), at('2027-01-01')).ignored).toBe('nothing_due');
  });
});

describe('report accepted', () => {
  const accept = (state: LifecycleState, now: Date, p = period) =>
    run(state, { kind: 'report_accepted', period: p, reportId: 'r1' }, now);

  it('while active renews for the next 12 months from the end of the current agreement', () => {
    const o = accept(base, at('2026-07-01'));
    expect(o.state.status).toBe('active');
    expect(o.state.agreement).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(o.state.lastAction).toBeUndefined();
    expect(nextAction(o.state, TZ)?.day).toBe('2027-08-31');
  });

  it('while report_due renews and drops a reminder still owed', () => {
    const due = walkedTo('2026-09-23');
    const o = accept(due, at('2026-09-24'));
    expect(o.state.status).toBe('active');
    expect(o.state.owed).toEqual([]);
  });

  it('while expired goes to reinstatement_review and cancels the removal', () => {
    const expired = walkedTo('2026-10-01');
    const o = accept(expired, at('2026-10-05'));
    expect(o.state.status).toBe('reinstatement_review');
    expect(nextAction(o.state, TZ)).toBeUndefined();
    const why = o.effects.find((e) => e.type === 'timeline');
    expect(why?.type === 'timeline' && why.why).toContain('2026-10-31');
    // The removal schedule firing late changes nothing.
    expect(tick(o.state, at('2026-10-31'), { period }).ignored).toBe('nothing_due');
  });

  it('after removal goes to reinstatement_review too', () => {
    expect(accept(walkedTo('2026-10-31'), at('2026-11-05')).state.status).toBe('reinstatement_review');
  });

  it('twice is ignored the second time, and a report for another period is ignored', () => {
    const once = accept(base, at('2026-07-01'));
    expect(accept(once.state, at('2026-07-02')).ignored).toBe('duplicate');
    expect(accept(base, at('2026-07-01'), '2024-09-01_2025-08-31').ignored).toBe('other_period');
    expect(
      accept({ ...base, status: 'reinstatement_review', acceptedPeriods: [] }, at('2026-11-01')).ignored,
    ).toBe('in_review');
  });
});

describe('reinstate', () => {
  it('from reinstatement_review makes it active with a new agreement and owes the Wikimedia-l announcement', () => {
    const review = run(
      walkedTo('2026-10-31'),
      { kind: 'report_accepted', period, reportId: 'r' },
      at('2026-11-02'),
    ).state;
    const o = run(review, { kind: 'reinstate' }, at('2026-11-10'));
    expect(o.state.status).toBe('active');
    expect(o.state.agreement).toEqual({ start: '2026-11-10', end: '2027-11-09' });
    expect(o.state.formerlyActiveOn).toBeUndefined();
    expect(notices(o)).toEqual(['reinstated_announcement']);
    expect(run(o.state, { kind: 'reinstate' }, at('2026-11-11')).ignored).toBe('not_in_review');
  });

  it('is refused from every other state', () => {
    for (const status of ['active', 'report_due', 'expired', 'formerly_active'] as const)
      expect(run({ ...base, status }, { kind: 'reinstate' }, at('2026-11-10')).ignored).toBe('not_in_review');
  });
});

describe('pause, resume and agreement changes', () => {
  it('pause and resume once each, with their reasons on the timeline', () => {
    const paused = run(base, { kind: 'pause', reason: 'negotiating' }, at('2026-08-01'));
    expect(paused.state.paused).toBe(true);
    expect(run(paused.state, { kind: 'pause', reason: 'again' }, at('2026-08-02')).ignored).toBe(
      'already_paused',
    );
    const resumed = run(paused.state, { kind: 'resume', reason: 'agreed' }, at('2026-08-03'));
    expect(resumed.state.paused).toBe(false);
    expect(resumed.effects).toEqual([{ type: 'timeline', what: 'Automation resumed', why: 'agreed' }]);
    expect(run(base, { kind: 'resume', reason: 'x' }, at('2026-08-03')).ignored).toBe('not_paused');
  });

  it('after a resume, what fell due while paused happens on the next tick', () => {
    const paused = run(base, { kind: 'pause', reason: 'n' }, at('2026-08-01')).state;
    const resumed = run(paused, { kind: 'resume', reason: 'r' }, at('2026-09-10')).state;
    expect(notices(tick(resumed, at('2026-09-10')))).toEqual(['first_reminder']);
  });

  it('a new agreement restarts the period; refused once expired past removal or in review', () => {
    const expired = walkedTo('2026-10-01');
    const next = { start: '2026-09-01', end: '2027-08-31' };
    const o = run(expired, { kind: 'agreement_changed', agreement: next }, at('2026-10-02'));
    expect(o.state.status).toBe('active');
    expect(o.state.lastAction).toBeUndefined();
    expect(run(o.state, { kind: 'agreement_changed', agreement: next }, at('2026-10-02')).ignored).toBe(
      'same_agreement',
    );
    expect(
      run(walkedTo('2026-10-31'), { kind: 'agreement_changed', agreement: next }, at('2026-11-01')).ignored,
    ).toBe('use_reinstate');
  });
});

describe('a report that has arrived and is still being checked', () => {
  const pending = (s: LifecycleState): LifecycleState => ({ ...s, pendingReports: ['r1'] });

  it('silences the reminders that ask for a report, and the expiry notice says one arrived', () => {
    const second = tick(pending(walkedTo('2026-09-01')), at('2026-09-23'));
    expect(second.state.lastAction).toBe('second_reminder');
    expect(notices(second)).toEqual([]);
    expect(second.effects.find((e) => e.type === 'timeline')?.why).toContain(
      'Reminder not sent: a report for this period has arrived and is being checked.',
    );
    const expiry = tick(pending(second.state), at('2026-10-01'));
    expect(expiry.state.status).toBe('expired');
    expect(notices(expiry)).toEqual(['expiry_report_pending']);
  });

  it('holds the removal: no Formerly Active, nothing to Wikimedia-l, organizers and contacts told', () => {
    const before = pending(walkedTo('2026-10-30'));
    const o = tick(before, at('2026-10-31'));
    expect(o.state.status).toBe('removal_held');
    expect(o.state.holdReason).toBe('report_pending');
    expect(o.state.formerlyActiveOn).toBeUndefined();
    expect(
      o.effects.flatMap((e) => (e.type === 'notice' ? [[e.notice.kind, e.notice.audience]] : [])),
    ).toEqual([
      ['removal_held', 'contacts'],
      ['removal_held_organizers', 'organizers'],
    ]);
    // Held means held: later ticks take no step until a person decides.
    expect(tick(o.state, at('2027-03-01')).ignored).toBe('nothing_due');
    expect(nextAction(o.state, TZ)).toBeUndefined();
  });

  it('an accepted report ends the hold in reinstatement review; a rejected one sets removal 14 days on', () => {
    const held = tick(pending(walkedTo('2026-10-30')), at('2026-10-31')).state;
    const accepted = run(held, { kind: 'report_accepted', period, reportId: 'r1' }, at('2026-11-02'));
    expect(accepted.state.status).toBe('reinstatement_review');

    const rejected = run(
      held,
      { kind: 'report_rejected', period, reportId: 'r1', reason: 'Wrong year.', reportUrl: 'https://x' },
      at('2026-11-02'),
    );
    expect(rejected.state.status).toBe('expired');
    expect(rejected.state.removalOn).toBe('2026-11-16');
    expect(notices(rejected)).toEqual(['report_rejected']);
    // The final reminder comes again a week before the new date, then the removal.
    expect(nextAction(rejected.state, TZ)).toMatchObject({ action: 'final_reminder', day: '2026-11-09' });
    const removed = tick({ ...rejected.state, pendingReports: [] }, at('2026-11-16'));
    expect(removed.state.status).toBe('formerly_active');
    // A tick that arrives on the removal day itself: the overtaken final reminder is skipped.
    expect(notices(removed)).toEqual(['formerly_active', 'formerly_active_announcement']);
  });

  it('a second pending report keeps the hold when the first is rejected', () => {
    const held = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1', 'r2'] }, at('2026-10-31')).state;
    const o = run(
      { ...held, pendingReports: ['r1', 'r2'] },
      { kind: 'report_rejected', period, reportId: 'r1', reason: 'No.', reportUrl: 'https://x' },
      at('2026-11-02'),
    );
    expect(o.state.status).toBe('removal_held');
  });
});

describe('an organizer sets a new removal date', () => {
  it('moves the removal and the final reminder, and tells the contacts why', () => {
    const expired = walkedTo('2026-10-02');
    const o = run(
      expired,
      { kind: 'set_removal_date', day: '2026-12-15', reason: 'Board elections.' },
      at('2026-10-02'),
    );
    expect(o.state.removalOn).toBe('2026-12-15');
    expect(notices(o)).toEqual(['removal_rescheduled']);
    expect(nextAction(o.state, TZ)).toMatchObject({ action: 'final_reminder', day: '2026-12-08' });
    // Nothing on the old removal date.
    expect(tick(o.state, at('2026-10-31')).ignored).toBe('nothing_due');
  });

  it('refuses a day that is not after today, and a group that is not expired', () => {
    const expired = walkedTo('2026-10-02');
    expect(
      run(expired, { kind: 'set_removal_date', day: '2026-10-02', reason: 'x' }, at('2026-10-02')).ignored,
    ).toBe('not_in_future');
    expect(
      run(base, { kind: 'set_removal_date', day: '2027-01-01', reason: 'x' }, at('2026-10-02')).ignored,
    ).toBe('not_expired');
  });
});

describe('registration starts in the present', () => {
  it('records past steps without sending anything, and never removes', () => {
    const placed = startInPresent(base, { now: at('2027-02-01'), timeZone: TZ });
    expect(placed.state.status).toBe('removal_held');
    expect(placed.state.holdReason).toBe('registered_past_removal');
    expect(placed.state.owed).toEqual([]);
    expect(placed.effects.some((e) => e.type === 'notice')).toBe(false);

    const expired = startInPresent(base, { now: at('2026-10-10'), timeZone: TZ });
    expect(expired.state).toMatchObject({ status: 'expired', lastAction: 'expire', owed: [] });
    expect(nextAction(expired.state, TZ)).toMatchObject({ action: 'final_reminder', day: '2026-10-24' });

    expect(startInPresent(base, { now: at('2026-01-01'), timeZone: TZ }).effects).toEqual([]);
  });
});

describe('the plan', () => {
  it('predicts the same steps and notices the ticks then take', () => {
    const steps = plannedSteps(base, { now: at('2026-01-01'), timeZone: TZ });
    expect(steps.map((s) => [s.action, s.day])).toEqual([
      ['first_reminder', '2026-08-31'],
      ['second_reminder', '2026-09-23'],
      ['expire', '2026-10-01'],
      ['final_reminder', '2026-10-24'],
      ['remove', '2026-10-31'],
    ]);
    let state = base;
    for (const step of steps) {
      const o = tick(state, step.at);
      expect(o.effects.flatMap((e) => (e.type === 'notice' ? [e.notice] : []))).toEqual(step.notices);
      state = o.state;
    }
    expect(plannedSteps(base, { now: at('2026-01-01'), timeZone: TZ }, at('2026-09-01'))).toHaveLength(1);
  });
});
