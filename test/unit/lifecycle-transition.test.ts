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
  noticeId,
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
    expect(dueDate({ type: 'user_group', agreement })).toBe('2026-09-30');
    // A chapter reports on its fiscal year: due 4 months after it ends (policies.ts).
    expect(dueDate({ type: 'chapter', agreement })).toBe('2026-12-31');
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

  it('shows what each step will write on the timeline, up to and including a step due at the horizon', () => {
    const steps = plannedSteps(base, { now: at('2026-01-01'), timeZone: TZ }, at('2026-09-23'));
    expect(steps.map((s) => [s.timeline, s.status])).toEqual([
      [['Report due soon: first reminder'], 'report_due'],
      [['Second reminder'], 'report_due'],
    ]);
  });

  it('an overdue step is planned for now, and a held removal is the last step', () => {
    const steps = plannedSteps(
      { ...walkedTo('2026-10-01'), pendingReports: ['r1'] },
      { now: at('2026-10-26'), timeZone: TZ },
    );
    expect(steps.map((s) => [s.action, s.at.toISOString(), s.status])).toEqual([
      ['final_reminder', at('2026-10-26').toISOString(), 'expired'],
      ['remove', at('2026-10-31').toISOString(), 'removal_held'],
    ]);
    expect(steps[1]?.timeline).toEqual(['Removal held: an organizer decides']);
  });
});

const timeline = (o: Outcome) =>
  o.effects.flatMap((e) => (e.type === 'timeline' ? [{ what: e.what, why: e.why, data: e.data }] : []));
const owedNotices = (o: Outcome) => o.effects.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));

describe('the audit timeline', () => {
  it('says what each step of an ordinary year did and why, with the facts the removal rests on', () => {
    const entries = [];
    let state = base;
    for (const day of ['2026-08-31', '2026-09-23', '2026-10-01', '2026-10-24', '2026-10-31']) {
      const o = tick(state, at(day));
      entries.push(...timeline(o));
      state = o.state;
    }
    expect(entries).toEqual([
      {
        what: 'Report due soon: first reminder',
        why: `The annual report for ${period} is due on 2026-09-30.`,
        data: { action: 'first_reminder', day: '2026-08-31', status: 'report_due' },
      },
      {
        what: 'Second reminder',
        why: `The annual report for ${period} is due on 2026-09-30.`,
        data: { action: 'second_reminder', day: '2026-09-23', status: 'report_due' },
      },
      {
        what: 'Agreement expired: report past due',
        why: `No accepted report for ${period} by its due date 2026-09-30.`,
        data: { action: 'expire', day: '2026-10-01', status: 'expired' },
      },
      {
        what: 'Final reminder before removal',
        why: 'Removal to Formerly Active is set for 2026-10-31.',
        data: { action: 'final_reminder', day: '2026-10-24', status: 'expired' },
      },
      {
        what: 'Moved to Formerly Active Affiliates',
        why: `No accepted report for ${period} within 30 days of the expiry notice.`,
        data: {
          action: 'remove',
          day: '2026-10-31',
          status: 'formerly_active',
          facts: {
            period,
            dueDate: '2026-09-30',
            expiryNoticeDate: '2026-10-01',
            removalDate: '2026-10-31',
            reportAccepted: false,
            reportsPending: 0,
          },
        },
      },
    ]);
  });

  it('says why a reminder was not sent when a late tick found the next step already due', () => {
    const o = tick(base, at('2026-10-02'));
    expect(timeline(o).map((e) => e.why)).toEqual([
      `The annual report for ${period} is due on 2026-09-30. Reminder not sent: the next step was already due.`,
      `The annual report for ${period} is due on 2026-09-30. Reminder not sent: the next step was already due.`,
      `No accepted report for ${period} by its due date 2026-09-30.`,
    ]);
  });

  it('a late tick crossing both the final reminder and the removal sends only the removal notices', () => {
    const o = tick(walkedTo('2026-10-01'), at('2026-11-02'));
    expect(o.state.status).toBe('formerly_active');
    expect(notices(o)).toEqual(['formerly_active', 'formerly_active_announcement']);
    expect(o.effects.map((e) => e.type)).toEqual(['timeline', 'timeline', 'notice', 'notice']);
    expect(o.state.owed.map((n) => n.kind)).not.toContain('final_reminder');
  });

  it('says how many reports are being checked when the group expires with one pending', () => {
    const o = tick({ ...walkedTo('2026-09-23'), pendingReports: ['r1'] }, at('2026-10-01'));
    expect(timeline(o)[0]?.why).toBe(
      `No accepted report for ${period} by its due date 2026-09-30; 1 report(s) received and still being checked.`,
    );
  });

  it('records a pause with its reason, and an ignored event changes nothing at all', () => {
    const paused = run(base, { kind: 'pause', reason: 'renewal negotiated' }, at('2026-08-01'));
    expect(paused.effects).toEqual([
      { type: 'timeline', what: 'Automation paused', why: 'renewal negotiated' },
    ]);
    const again = run(paused.state, { kind: 'pause', reason: 'again' }, at('2026-08-02'));
    expect(again).toEqual({ state: paused.state, effects: [], ignored: 'already_paused' });
  });
});

describe('notices are told apart', () => {
  it('by kind and period, and by a reference when one kind can come twice in a period', () => {
    expect(noticeId({ kind: 'first_reminder', period })).toBe(`first_reminder#${period}`);
    expect(noticeId({ kind: 'final_reminder', period, ref: '2026-12-15' })).toBe(
      `final_reminder#${period}#2026-12-15`,
    );
  });
});

describe('report accepted, what is still owed', () => {
  it('a late report drops the reminders of this period, and keeps every other notice still owed', () => {
    const older = '2024-09-01_2025-08-31';
    const since = at('2026-10-01').toISOString();
    const state: LifecycleState = {
      ...walkedTo('2026-10-24'),
      owed: [
        { kind: 'reinstated_announcement', audience: 'wikimedia_l', period: older, since },
        { kind: 'final_reminder', audience: 'contacts', period: older, since },
        { kind: 'first_reminder', audience: 'contacts', period, since },
        { kind: 'second_reminder', audience: 'contacts', period, since },
        { kind: 'expiry_notice', audience: 'contacts', period, since },
        { kind: 'final_reminder', audience: 'contacts', period, since },
      ],
    };
    const o = run(state, { kind: 'report_accepted', period, reportId: 'r1' }, at('2026-10-25'));
    expect(o.state.owed.map((n) => [n.kind, n.period])).toEqual([
      ['reinstated_announcement', older],
      ['final_reminder', older],
      ['expiry_notice', period],
    ]);
  });

  it('a renewal says so on the timeline, and starts the next period with no report pending', () => {
    const due = { ...walkedTo('2026-09-23'), pendingReports: ['r1', 'r2'] };
    const o = run(due, { kind: 'report_accepted', period, reportId: 'r1' }, at('2026-09-24'));
    expect(o.effects).toEqual([
      {
        type: 'timeline',
        what: 'Report accepted: agreement renewed',
        why: `The report for ${period} was accepted before its due date; the next agreement runs 2026-09-01 to 2027-08-31.`,
        data: { period, reportId: 'r1', agreement: { start: '2026-09-01', end: '2027-08-31' } },
      },
    ]);
    // The next period's first reminder goes out: nothing of the last period is pending.
    expect(notices(tick(o.state, at('2027-08-31')))).toEqual(['first_reminder']);
  });

  it('a late report leaves the other reports pending, and the timeline says which removal is cancelled', () => {
    const expired = { ...walkedTo('2026-10-01'), pendingReports: ['r1', 'r2'] };
    const o = run(expired, { kind: 'report_accepted', period, reportId: 'r2' }, at('2026-10-05'));
    expect(o.state.pendingReports).toEqual(['r1']);
    expect(timeline(o)).toEqual([
      {
        what: 'Report accepted: reinstatement review',
        why: `The report for ${period} was accepted after its due date; the removal set for 2026-10-31 is cancelled.`,
        data: { period, reportId: 'r2' },
      },
    ]);
    const afterRemoval = run(
      walkedTo('2026-10-31'),
      { kind: 'report_accepted', period, reportId: 'r3' },
      at('2026-11-05'),
    );
    expect(timeline(afterRemoval)[0]?.why).toBe(
      `The report for ${period} was accepted after the move to Formerly Active; the group stays on that list until an organizer reinstates it.`,
    );
  });
});

describe('a rejected report', () => {
  const reject = (state: LifecycleState, now: Date, reportId = 'r1', p = period) =>
    run(
      state,
      { kind: 'report_rejected', period: p, reportId, reason: 'Wrong year.', reportUrl: 'https://m/R' },
      now,
    );

  it('tells the contacts why, once per rejection, even for the same report sent again', () => {
    const due = { ...walkedTo('2026-09-01'), pendingReports: ['r1'] };
    const first = reject(due, at('2026-09-02'));
    const second = reject({ ...first.state, pendingReports: ['r1'] }, at('2026-09-05'));
    expect(owedNotices(first)).toEqual([
      {
        kind: 'report_rejected',
        audience: 'contacts',
        period,
        since: at('2026-09-02').toISOString(),
        ref: `r1@${at('2026-09-02').toISOString()}`,
        vars: { reason: 'Wrong year.', reportUrl: 'https://m/R' },
      },
    ]);
    expect(second.state.owed.filter((n) => n.kind === 'report_rejected').map(noticeId)).toEqual([
      `report_rejected#${period}#r1@${at('2026-09-02').toISOString()}`,
      `report_rejected#${period}#r1@${at('2026-09-05').toISOString()}`,
    ]);
    expect(timeline(first)).toEqual([
      {
        what: 'Report rejected',
        why: 'An organizer rejected the report https://m/R: Wrong year.',
        data: {
          kind: 'report_rejected',
          period,
          reportId: 'r1',
          reason: 'Wrong year.',
          reportUrl: 'https://m/R',
          removalOn: undefined,
        },
      },
    ]);
  });

  it('before the due date, or with the group not held, changes nothing in the calendar', () => {
    const due = walkedTo('2026-09-01');
    const o = reject(due, at('2026-09-02'));
    expect(o.state).toMatchObject({ status: 'report_due', lastAction: 'first_reminder', pendingReports: [] });
    expect(o.state.removalOn).toBeUndefined();
    const expired = reject({ ...walkedTo('2026-10-01'), pendingReports: ['r1'] }, at('2026-10-02'));
    expect(expired.state).toMatchObject({ status: 'expired', lastAction: 'expire', pendingReports: [] });
    expect(expired.state.removalOn).toBeUndefined();
  });

  it('of an older period leaves a group registered past its removal held', () => {
    const registered = startInPresent(base, { now: at('2027-02-01'), timeZone: TZ }).state;
    const o = reject({ ...registered, pendingReports: [] }, at('2027-02-02'), 'old', '2024-09-01_2025-08-31');
    expect(o.state).toMatchObject({ status: 'removal_held', holdReason: 'registered_past_removal' });
    expect(o.state.removalOn).toBeUndefined();
  });

  it('of an older period leaves a held removal held', () => {
    const held = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1'] }, at('2026-10-31')).state;
    const o = reject(held, at('2026-11-02'), 'old', '2024-09-01_2025-08-31');
    expect(o.state.status).toBe('removal_held');
    expect(o.state.pendingReports).toEqual(['r1']);
  });

  it('the last pending one of a held removal sets it 14 days on, and says so', () => {
    const held = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1'] }, at('2026-10-31')).state;
    const o = reject(held, at('2026-11-02'));
    expect(timeline(o)[0]?.why).toBe(
      'An organizer rejected the report https://m/R: Wrong year. Removal is now set for 2026-11-16.',
    );
    expect(timeline(o)[0]?.data).toMatchObject({ removalOn: '2026-11-16' });
    // Decided late, a week or less before the new date: no final reminder, only the removal.
    const late = reject(held, at('2026-11-10'));
    expect(late.state.removalOn).toBe('2026-11-24');
    expect(nextAction(late.state, TZ)).toMatchObject({ action: 'final_reminder', day: '2026-11-17' });
  });
});

describe('an organizer moves the removal date', () => {
  it('sends the final reminder again for the new date, and announces the removal on it', () => {
    const reminded = walkedTo('2026-10-24');
    const moved = run(
      reminded,
      { kind: 'set_removal_date', day: '2026-12-15', reason: 'Board elections.' },
      at('2026-10-25'),
    );
    expect(owedNotices(moved)).toEqual([
      {
        kind: 'removal_rescheduled',
        audience: 'contacts',
        period,
        since: at('2026-10-25').toISOString(),
        ref: '2026-12-15',
        vars: { reason: 'Board elections.' },
      },
    ]);
    expect(moved.state.owed.map((n) => n.kind)).toEqual([
      'expiry_notice',
      'final_reminder',
      'removal_rescheduled',
    ]);
    expect(timeline(moved)).toEqual([
      {
        what: 'Removal date set',
        why: 'Board elections. (removal now on 2026-12-15; before: 2026-10-31).',
        data: { removalOn: '2026-12-15', previous: '2026-10-31' },
      },
    ]);

    const final = tick(moved.state, at('2026-12-08'));
    expect(owedNotices(final)).toEqual([
      {
        kind: 'final_reminder',
        audience: 'contacts',
        period,
        since: at('2026-12-08').toISOString(),
        ref: '2026-12-15',
      },
    ]);
    expect(timeline(final)[0]?.why).toBe('Removal to Formerly Active is set for 2026-12-15.');
    // Told apart from the final reminder of the first date, so it is sent, not deduplicated.
    expect(new Set(final.state.owed.map(noticeId)).size).toBe(final.state.owed.length);

    const removed = tick(final.state, at('2026-12-15'));
    expect(owedNotices(removed).map((n) => [n.kind, n.audience, n.ref])).toEqual([
      ['formerly_active', 'contacts', '2026-12-15'],
      ['formerly_active_announcement', 'wikimedia_l', '2026-12-15'],
    ]);
    expect(timeline(removed)[0]?.why).toBe(
      `No accepted report for ${period} by 2026-12-15, the removal date an organizer set.`,
    );
  });

  it('set at the very moment its final reminder would go, that reminder is not sent', () => {
    const moved = run(
      walkedTo('2026-10-24'),
      { kind: 'set_removal_date', day: '2026-11-08', reason: 'x' },
      at('2026-11-01'),
    );
    expect(nextAction(moved.state, TZ)).toMatchObject({ action: 'remove', day: '2026-11-08' });
  });

  it('a date less than a week away leaves no room for another final reminder', () => {
    const moved = run(
      walkedTo('2026-10-24'),
      { kind: 'set_removal_date', day: '2026-11-03', reason: 'x' },
      at('2026-10-30'),
    );
    expect(nextAction(moved.state, TZ)).toMatchObject({ action: 'remove', day: '2026-11-03' });
  });

  it('also releases a held removal, and is refused in every status but expired and held', () => {
    const held = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1'] }, at('2026-10-31')).state;
    const o = run(held, { kind: 'set_removal_date', day: '2026-12-01', reason: 'x' }, at('2026-11-02'));
    expect(o.state).toMatchObject({ status: 'expired', removalOn: '2026-12-01', holdReason: undefined });
    for (const status of ['active', 'report_due', 'formerly_active', 'reinstatement_review'] as const)
      expect(
        run(
          { ...base, status },
          { kind: 'set_removal_date', day: '2027-01-01', reason: 'x' },
          at('2026-10-02'),
        ).ignored,
      ).toBe('not_expired');
  });
});

describe('held removals, as the timeline tells them', () => {
  it('counts the reports being checked, with the facts of the day', () => {
    const o = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1'] }, at('2026-10-31'));
    expect(timeline(o)).toEqual([
      {
        what: 'Removal held: an organizer decides',
        why: `The removal date 2026-10-31 has come, but 1 report(s) for ${period} are still being checked. Nothing is announced; an organizer accepts or rejects the report, or sets a new date.`,
        data: {
          reason: 'report_pending',
          facts: {
            period,
            dueDate: '2026-09-30',
            expiryNoticeDate: '2026-10-01',
            removalDate: '2026-10-31',
            reportAccepted: false,
            reportsPending: 1,
          },
        },
      },
    ]);
    expect(o.state.owed.slice(-2).map((n) => n.kind)).toEqual(['removal_held', 'removal_held_organizers']);
  });

  it('a second hold, after a new removal date, is told apart from the first', () => {
    const held = tick({ ...walkedTo('2026-10-30'), pendingReports: ['r1'] }, at('2026-10-31')).state;
    const moved = run(
      held,
      { kind: 'set_removal_date', day: '2026-12-01', reason: 'x' },
      at('2026-11-02'),
    ).state;
    const again = tick({ ...moved, pendingReports: ['r2'] }, at('2026-12-01'));
    expect(owedNotices(again).map((n) => [n.kind, n.ref])).toEqual([
      ['removal_held', '2026-12-01'],
      ['removal_held_organizers', '2026-12-01'],
    ]);
  });
});

describe('reinstatement and agreement changes, as recorded', () => {
  const review = () =>
    run(walkedTo('2026-10-31'), { kind: 'report_accepted', period, reportId: 'r' }, at('2026-11-02')).state;

  it('a reinstatement is announced on Wikimedia-l and written on the timeline', () => {
    const agreementNext = { start: '2026-12-01', end: '2027-11-30' };
    const o = run(review(), { kind: 'reinstate', agreement: agreementNext }, at('2026-11-10'));
    expect(o.effects).toEqual([
      {
        type: 'timeline',
        what: 'Reinstated',
        why: 'Reinstatement review passed; the new agreement runs 2026-12-01 to 2027-11-30.',
        data: { agreement: agreementNext },
      },
      {
        type: 'notice',
        notice: {
          kind: 'reinstated_announcement',
          audience: 'wikimedia_l',
          period: periodKey(agreementNext),
          since: at('2026-11-10').toISOString(),
        },
      },
    ]);
    expect(o.state.owed.at(-1)?.kind).toBe('reinstated_announcement');
    expect(o.state.owed.length).toBe(review().owed.length + 1);
  });

  it('an agreement change during reinstatement review is refused: reinstate instead', () => {
    const next = { start: '2026-12-01', end: '2027-11-30' };
    expect(run(review(), { kind: 'agreement_changed', agreement: next }, at('2026-11-10')).ignored).toBe(
      'use_reinstate',
    );
  });

  it('a new agreement is written down, forgets reports pending for the old one, and its past steps too', () => {
    const due = { ...walkedTo('2026-09-01'), pendingReports: ['r1'] };
    const next = { start: '2025-08-15', end: '2026-08-14' };
    const o = run(due, { kind: 'agreement_changed', agreement: next }, at('2026-09-05'));
    expect(o.state).toMatchObject({ status: 'report_due', lastAction: 'first_reminder', pendingReports: [] });
    expect(timeline(o)).toEqual([
      {
        what: 'Agreement set',
        why: 'The agreement now runs 2025-08-15 to 2026-08-14.',
        data: { agreement: next, previous: agreement },
      },
      {
        what: 'Registered with the report due soon',
        why: `The report for ${periodKey(next)} is due on 2026-09-13. Steps already past on registration (first_reminder) were recorded without sending anything.`,
        data: { passed: ['first_reminder'], dueDate: '2026-09-13', today: '2026-09-05' },
      },
    ]);
    // Its second reminder is sent: the old period's pending report does not silence it.
    expect(notices(tick(o.state, at('2026-09-06')))).toEqual(['second_reminder']);
  });
});

describe('registration, as recorded', () => {
  const register = (now: Date) => startInPresent(base, { now, timeZone: TZ });

  it('names the steps recorded as passed, and whether the report is past due', () => {
    expect(timeline(register(at('2026-09-30')))).toEqual([
      {
        what: 'Registered with the report due soon',
        why: `The report for ${period} is due on 2026-09-30. Steps already past on registration (first_reminder, second_reminder) were recorded without sending anything.`,
        data: { passed: ['first_reminder', 'second_reminder'], dueDate: '2026-09-30', today: '2026-09-30' },
      },
    ]);
    expect(timeline(register(at('2026-10-10'))).map((e) => e.what)).toEqual(['Registered past due']);
  });

  it('a step due at the very instant of registration counts as passed, as a tick then would have taken it', () => {
    expect(register(at('2026-08-31')).state).toMatchObject({
      status: 'report_due',
      lastAction: 'first_reminder',
    });
    expect(register(new Date(at('2026-08-31').getTime() - 1)).state.lastAction).toBeUndefined();
  });

  it('past the removal date: recorded as held for an organizer, without telling anyone', () => {
    const placed = register(at('2027-02-01'));
    expect(timeline(placed).map((e) => [e.what, e.why])).toEqual([
      [
        'Registered past due',
        `The report for ${period} is due on 2026-09-30. Steps already past on registration (first_reminder, second_reminder, expire, final_reminder) were recorded without sending anything.`,
      ],
      [
        'Removal held: an organizer decides',
        'Registered after its removal date 2026-10-31 had passed. The registration removes or announces nothing; an organizer accepts a report or sets a removal date.',
      ],
    ]);
  });
});
