// The reporting policy of each kind of affiliate, on dated examples: when reports are due,
// which are required, what the calendar does past due, and a deferral. Pure: the policy
// module, the transition function and the report rules; no services, no clock.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { type Agreement, periodKey } from '../../shared/affiliates/model.ts';
import { instantAt } from '../../shared/dates.ts';
import { plannedSteps } from '../../shared/lifecycle/plan.ts';
import {
  ALL_POLICIES,
  describePolicy,
  dueAfterPeriod,
  fiscalPeriodFor,
  isFiscalYearEnd,
  POLICIES,
  policyFor,
  reportingPeriodFor,
} from '../../shared/lifecycle/policies.ts';
import { affiliateSchema } from '../../shared/lifecycle/rules.ts';
import {
  actionDay,
  dueDate,
  type LifecycleEvent,
  type LifecycleState,
  nextAction,
  type Outcome,
  transition,
} from '../../shared/lifecycle/transition.ts';
import { languageProblems, periodProblems, reportProblems } from '../../shared/reports/rules.ts';
import { ENGLISH_REPORT, samples } from '../fixtures/language-samples.ts';

const TZ = 'Asia/Karachi';
const at = (day: string, hour = 9) => instantAt(day, hour, TZ);
const run = (state: LifecycleState, event: LifecycleEvent, now: Date = at('2026-01-01')): Outcome =>
  transition(state, event, { now, timeZone: TZ });
const kinds = (o: Outcome) => o.effects.flatMap((e) => (e.type === 'notice' ? [e.notice.kind] : []));
const audiences = (o: Outcome) =>
  o.effects.flatMap((e) => (e.type === 'notice' ? [`${e.notice.kind}:${e.notice.audience}`] : []));

const calendarYear: Agreement = { start: '2025-01-01', end: '2025-12-31' };
const chapter: LifecycleState = {
  status: 'active',
  type: 'chapter',
  agreement: calendarYear,
  paused: false,
  acceptedPeriods: [],
  owed: [],
};

describe('due dates by type', () => {
  it('a calendar-year chapter is due 30 April', () => {
    expect(dueDate(chapter)).toBe('2026-04-30');
    expect(dueDate({ ...chapter, type: 'thematic_organization' })).toBe('2026-04-30');
  });

  it('a chapter with a 30 June fiscal year is due 31 October; other year ends keep to the month end', () => {
    expect(dueAfterPeriod(POLICIES.chapter, { start: '2025-07-01', end: '2026-06-30' })).toBe('2026-10-31');
    expect(dueAfterPeriod(POLICIES.chapter, { start: '2025-04-01', end: '2026-03-31' })).toBe('2026-07-31');
    expect(dueAfterPeriod(POLICIES.chapter, { start: '2025-10-01', end: '2026-09-30' })).toBe('2027-01-31');
  });

  it('a user group is due 30 days after its agreement ends, as before; incorporated or not', () => {
    const agreement = { start: '2025-09-01', end: '2026-08-31' };
    expect(dueDate({ type: 'user_group', agreement })).toBe('2026-09-30');
    expect(dueDate({ type: 'user_group', incorporated: true, agreement })).toBe('2026-09-30');
  });

  it('a deferral replaces the due date', () => {
    expect(dueDate({ ...chapter, dueOn: '2026-06-15' })).toBe('2026-06-15');
  });
});

describe('the fiscal year a chapter reports on', () => {
  it('is the first one whose report is not yet past due, from the agreement on', () => {
    // Registered in February 2026: the 2025 report is due 30 April 2026, still ahead.
    expect(fiscalPeriodFor(POLICIES.chapter, '12-31', '2019-01-01', '2026-02-10')).toEqual(calendarYear);
    // Registered in June 2026: the 2025 report was due in April; the year to report on next is 2026.
    expect(fiscalPeriodFor(POLICIES.chapter, '12-31', '2019-01-01', '2026-06-10')).toEqual({
      start: '2026-01-01',
      end: '2026-12-31',
    });
    expect(fiscalPeriodFor(POLICIES.chapter, '06-30', '2019-01-01', '2026-02-10')).toEqual({
      start: '2025-07-01',
      end: '2026-06-30',
    });
  });

  it('starts no earlier than the agreement', () => {
    expect(fiscalPeriodFor(POLICIES.chapter, '12-31', '2026-03-15', '2026-03-20')).toEqual({
      start: '2026-03-15',
      end: '2026-12-31',
    });
  });

  it('is the agreement itself for a user group', () => {
    const agreement = { start: '2025-09-01', end: '2026-08-31' };
    expect(reportingPeriodFor({ type: 'user_group', agreement }, '2026-02-10')).toEqual(agreement);
    // A chapter with the same agreement reports first on the rest of 2025.
    expect(reportingPeriodFor({ type: 'chapter', agreement }, '2026-02-10')).toEqual({
      start: '2025-09-01',
      end: '2025-12-31',
    });
  });

  it('takes a fiscal year end as MM-DD of a day every year has', () => {
    for (const ok of ['12-31', '06-30', '03-31', '02-28']) expect(isFiscalYearEnd(ok)).toBe(true);
    for (const bad of ['02-29', '06-31', '13-01', '00-10', '6-30', '2026-06-30'])
      expect(isFiscalYearEnd(bad)).toBe(false);
  });
});

describe('required reports', () => {
  it('activity for user groups; activity and financial for chapters, thematic and incorporated groups', () => {
    expect(policyFor({ type: 'user_group' }).requiredReports).toEqual(['activity']);
    expect(policyFor({ type: 'user_group', incorporated: true }).requiredReports).toEqual([
      'activity',
      'financial',
    ]);
    expect(policyFor({ type: 'chapter' }).requiredReports).toEqual(['activity', 'financial']);
    expect(policyFor({ type: 'thematic_organization' }).requiredReports).toEqual(['activity', 'financial']);
  });

  it('a chapter missing only its financial report is not compliant: nothing renews, reminders go on', () => {
    const due = run(chapter, { kind: 'tick' }, at('2026-04-01')).state;
    expect(due.status).toBe('report_due');
    const activity = run(due, { kind: 'report_accepted', period: periodKey(calendarYear), reportId: 'a' });
    expect(activity.state.status).toBe('report_due');
    expect(activity.state.agreement).toEqual(calendarYear);
    expect(activity.effects).toEqual([
      expect.objectContaining({
        what: 'Activity report accepted',
        why: 'Still missing for 2025-01-01_2025-12-31: the financial report.',
      }),
    ]);
    const late = run(activity.state, { kind: 'tick' }, at('2026-05-01'));
    expect(late.state.status).toBe('expired');
    expect(kinds(late)).toEqual(['past_due_notice']);
    expect(late.effects.find((e) => e.type === 'timeline' && e.what === 'Reports past due')).toMatchObject({
      why: expect.stringContaining('missing: financial'),
    });

    const both = run(activity.state, {
      kind: 'report_accepted',
      period: periodKey(calendarYear),
      reportId: 'f',
      reportKind: 'financial',
    });
    expect(both.state.status).toBe('active');
    expect(both.state.agreement).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(dueDate(both.state)).toBe('2027-04-30');
  });

  it('a financial report alone does not make a chapter compliant either', () => {
    const f = run(chapter, {
      kind: 'report_accepted',
      period: periodKey(calendarYear),
      reportId: 'f',
      reportKind: 'financial',
    });
    expect(f.state.status).toBe('active');
    expect(f.state.agreement).toEqual(calendarYear);
    expect(f.effects[0]).toMatchObject({ what: 'Financial report accepted' });
  });

  it('an incorporated user group renews only with both; a plain user group needs no financial report', () => {
    const agreement = { start: '2025-09-01', end: '2026-08-31' };
    const group: LifecycleState = { ...chapter, type: 'user_group', incorporated: true, agreement };
    const one = run(group, { kind: 'report_accepted', period: periodKey(agreement), reportId: 'a' });
    expect(one.state.agreement).toEqual(agreement);
    const plain = { ...group, incorporated: undefined };
    expect(
      run(plain, { kind: 'report_accepted', period: periodKey(agreement), reportId: 'a' }).state.agreement,
    ).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(
      run(plain, {
        kind: 'report_accepted',
        period: periodKey(agreement),
        reportId: 'f',
        reportKind: 'financial',
      }).ignored,
    ).toBe('not_required');
  });
});

describe('past due: chapters escalate, never removed or announced', () => {
  it('reminds at 120, 30 and 7 days before, then +1, +30, +60, +90 after the due date', () => {
    expect(
      (
        [
          'early_reminder',
          'first_reminder',
          'second_reminder',
          'expire',
          'escalation_1',
          'escalation_2',
          'escalation_3',
        ] as const
      ).map((a) => actionDay(chapter, a)),
    ).toEqual([
      '2025-12-31',
      '2026-03-31',
      '2026-04-23',
      '2026-05-01',
      '2026-05-30',
      '2026-06-29',
      '2026-07-29',
    ]);
  });

  it('walks the whole calendar: organizers told at +60 and +90, then suspended and the automation stops', () => {
    const steps = plannedSteps(chapter, { now: at('2025-12-01'), timeZone: TZ });
    expect(steps.map((s) => [s.day, s.status, s.notices.map((n) => `${n.kind}:${n.audience}`)])).toEqual([
      ['2025-12-31', 'report_due', ['reports_due_reminder:contacts']],
      ['2026-03-31', 'report_due', ['reports_due_reminder:contacts']],
      ['2026-04-23', 'report_due', ['reports_due_reminder:contacts']],
      ['2026-05-01', 'expired', ['past_due_notice:contacts']],
      ['2026-05-30', 'expired', ['escalation_1:contacts']],
      ['2026-06-29', 'expired', ['escalation_2:contacts', 'escalation_organizers:organizers']],
      ['2026-07-29', 'suspended', ['escalation_3:contacts', 'escalation_organizers:organizers']],
    ]);
    const suspended = steps.at(-1)!.state;
    expect(nextAction(suspended, TZ)).toBeUndefined();
    // A year later nothing more has happened: no removal, nothing to Wikimedia-l.
    expect(run(suspended, { kind: 'tick' }, at('2027-07-29')).ignored).toBe('nothing_due');
    expect(steps.flatMap((s) => s.notices).some((n) => n.audience === 'wikimedia_l')).toBe(false);
    expect(
      run(suspended, { kind: 'set_removal_date', day: '2026-09-01', reason: 'x' }, at('2026-08-01')).ignored,
    ).toBe('no_removal');
  });

  it('leaves suspension only through an organizer: reports accepted go to review, reinstatement starts the next year', () => {
    const suspended = run(chapter, { kind: 'tick' }, at('2026-08-01')).state;
    expect(suspended.status).toBe('suspended');
    const period = periodKey(calendarYear);
    const a = run(suspended, { kind: 'report_accepted', period, reportId: 'a' }).state;
    expect(a.status).toBe('suspended');
    const both = run(a, { kind: 'report_accepted', period, reportId: 'f', reportKind: 'financial' });
    expect(both.state.status).toBe('reinstatement_review');
    const back = run(both.state, { kind: 'reinstate' }, at('2026-08-10'));
    expect(back.state.status).toBe('active');
    expect(back.state.agreement).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    // No announcement: a chapter's suspension was never public.
    expect(audiences(back)).toEqual([]);
  });

  it('a chapter past due that files both reports returns to compliance by itself', () => {
    const late = run(chapter, { kind: 'tick' }, at('2026-06-01')).state;
    expect(late.status).toBe('expired');
    const period = periodKey(calendarYear);
    const a = run(late, { kind: 'report_accepted', period, reportId: 'a' }).state;
    const both = run(a, { kind: 'report_accepted', period, reportId: 'f', reportKind: 'financial' });
    expect(both.state.status).toBe('active');
    expect(both.state.agreement).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('the user group steps are unchanged: expiry notice, final reminder, removal, Wikimedia-l', () => {
    const agreement = { start: '2025-09-01', end: '2026-08-31' };
    const steps = plannedSteps(
      { ...chapter, type: 'user_group', agreement },
      { now: at('2026-08-01'), timeZone: TZ },
    );
    expect(steps.map((s) => [s.day, s.status, s.notices.map((n) => `${n.kind}:${n.audience}`)])).toEqual([
      ['2026-08-31', 'report_due', ['first_reminder:contacts']],
      ['2026-09-23', 'report_due', ['second_reminder:contacts']],
      ['2026-10-01', 'expired', ['expiry_notice:contacts']],
      ['2026-10-24', 'expired', ['final_reminder:contacts']],
      [
        '2026-10-31',
        'formerly_active',
        ['formerly_active:contacts', 'formerly_active_announcement:wikimedia_l'],
      ],
    ]);
  });
});

describe('deferral', () => {
  it('moves every later step by the same days, and sends the reminders again on their new days', () => {
    // Past due and reminded once (escalation 1 on 30 May); deferred on 10 June to 31 August.
    const late = run(chapter, { kind: 'tick' }, at('2026-06-10')).state;
    expect(late.lastAction).toBe('escalation_1');
    const before = plannedSteps(late, { now: at('2026-06-10'), timeZone: TZ }).map((s) => s.day);
    expect(before).toEqual(['2026-06-29', '2026-07-29']);

    const deferred = run(
      late,
      { kind: 'defer', day: '2026-08-31', reason: 'audit delayed' },
      at('2026-06-10'),
    );
    expect(deferred.state.status).toBe('report_due');
    expect(dueDate(deferred.state)).toBe('2026-08-31');
    expect(audiences(deferred)).toEqual(['deferral_granted:contacts']);
    expect(deferred.effects[0]).toMatchObject({
      what: 'Due date deferred',
      data: { dueOn: '2026-08-31', previous: '2026-04-30' },
    });
    const after = plannedSteps(deferred.state, { now: at('2026-06-10'), timeZone: TZ });
    // 120 days before 31 August has passed (recorded, not sent); the rest follow the new date.
    expect(after.map((s) => [s.action, s.day])).toEqual([
      ['first_reminder', '2026-08-01'],
      ['second_reminder', '2026-08-24'],
      ['expire', '2026-09-01'],
      ['escalation_1', '2026-09-30'],
      ['escalation_2', '2026-10-30'],
      ['escalation_3', '2026-11-29'],
    ]);
    // Each later notice is its own (the outbox does not hold back a reminder sent before).
    const refs = after.flatMap((s) => s.notices.map((n) => n.ref));
    expect(refs.every((r) => r?.includes('due-2026-08-31'))).toBe(true);
  });

  it('moves a user group removal with it', () => {
    const agreement = { start: '2025-09-01', end: '2026-08-31' };
    const group: LifecycleState = { ...chapter, type: 'user_group', agreement };
    const expired = run(group, { kind: 'tick' }, at('2026-10-05')).state;
    expect(expired.status).toBe('expired');
    const d = run(expired, { kind: 'defer', day: '2026-11-15', reason: 'board election' }, at('2026-10-05'));
    expect(d.state.status).toBe('active');
    expect(
      plannedSteps(d.state, { now: at('2026-10-05'), timeZone: TZ }).map((s) => [s.action, s.day]),
    ).toEqual([
      ['first_reminder', '2026-10-16'],
      ['second_reminder', '2026-11-08'],
      ['expire', '2026-11-16'],
      ['final_reminder', '2026-12-09'],
      ['remove', '2026-12-16'],
    ]);
  });

  it('refuses a day not after today and after the current due date, and a group in review', () => {
    expect(run(chapter, { kind: 'defer', day: '2026-04-30', reason: 'x' }, at('2026-01-10')).ignored).toBe(
      'not_later',
    );
    expect(run(chapter, { kind: 'defer', day: '2026-06-01', reason: 'x' }, at('2026-07-10')).ignored).toBe(
      'not_later',
    );
    expect(
      run(
        { ...chapter, status: 'reinstatement_review' },
        { kind: 'defer', day: '2026-09-01', reason: 'x' },
        at('2026-07-10'),
      ).ignored,
    ).toBe('not_deferrable');
  });
});

describe('reports in other languages, multi-year reports', () => {
  const urdu = samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text;
  const base = {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    metaUrl: 'https://meta.wikimedia.org/wiki/R',
  };

  it('accepts a report in Urdu with its language and an English version (address or summary)', () => {
    expect(reportProblems(calendarYear, { ...base, text: urdu })[0]).toMatchObject({ field: 'text' });
    expect(
      reportProblems(calendarYear, {
        ...base,
        text: urdu,
        language: 'ur',
        englishUrl: 'https://example.org/en',
      }),
    ).toEqual([]);
    expect(
      reportProblems(calendarYear, { ...base, text: urdu, language: 'ur', englishSummary: ENGLISH_REPORT }),
    ).toEqual([]);
  });

  it('refuses one without an English version, or with a summary that is short or not English', () => {
    expect(reportProblems(calendarYear, { ...base, text: urdu, language: 'ur' }).map((p) => p.field)).toEqual(
      ['englishUrl'],
    );
    expect(
      languageProblems({ ...base, text: urdu, language: 'ur', englishSummary: 'We did many things.' }).map(
        (p) => p.message,
      ),
    ).toEqual(['The English summary is 19 characters of prose; it needs at least 200.']);
    expect(
      languageProblems({ ...base, text: urdu, language: 'ur', englishSummary: urdu }).map((p) => p.field),
    ).toEqual(['englishSummary']);
    // A placeholder in another language is still a placeholder.
    expect(
      reportProblems(calendarYear, {
        ...base,
        text: 'رپورٹ',
        language: 'ur',
        englishSummary: ENGLISH_REPORT,
      }).map((p) => p.field),
    ).toEqual(['text']);
  });

  it('accepts a multi-year report that ends in the period and covers it; refuses one ending later or too short', () => {
    expect(periodProblems(calendarYear, '2023-01-01', '2025-12-31', 'multi_year')).toEqual([]);
    expect(
      periodProblems(calendarYear, '2024-01-01', '2026-12-31', 'multi_year').map((p) => p.field),
    ).toEqual(['periodEnd']);
    expect(
      periodProblems(calendarYear, '2025-01-01', '2025-12-31', 'multi_year').map((p) => p.field),
    ).toEqual(['periodStart']);
    expect(
      periodProblems(calendarYear, '2019-01-01', '2025-12-31', 'multi_year').map((p) => p.field),
    ).toEqual(['periodStart']);
    // Not covering the start of the period is refused as for any report.
    expect(
      periodProblems(calendarYear, '2025-03-01', '2025-12-31', 'multi_year').map((p) => p.field),
    ).toContain('periodStart');
  });

  it("a financial report lives on meta-wiki (same address rules) or on the organisation's own https site", () => {
    const financial = { kind: 'financial' as const, periodStart: '2025-01-01', periodEnd: '2025-12-31' };
    expect(
      reportProblems(calendarYear, { ...financial, url: 'https://wikimedia.example.org/2025/accounts.pdf' }),
    ).toEqual([]);
    expect(
      reportProblems(calendarYear, { ...financial, url: 'https://meta.wikimedia.org/wiki/A|B' }).map(
        (p) => p.field,
      ),
    ).toEqual(['url']);
    expect(
      reportProblems(calendarYear, {
        ...financial,
        periodEnd: '2025-11-30',
        url: 'https://example.org/a.pdf',
      }).map((p) => p.field),
    ).toEqual(['periodEnd']);
  });
});

describe('registration of the new fields', () => {
  const row = {
    id: 'wikimedia-example',
    name: 'Wikimedia Example',
    type: 'chapter',
    country: 'Example',
    contactEmails: ['board@example.org'],
    languages: [],
    metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_Example',
    logoUrl: 'https://upload.wikimedia.org/logo.svg',
    agreement: { start: '2020-01-01', end: '2030-12-31' },
  };
  const problems = (data: unknown) => {
    const parsed = v.safeParse(affiliateSchema, data);
    return parsed.success ? [] : parsed.issues.map((i) => [v.getDotPath(i), i.message]);
  };

  it('takes a fiscal year end for chapters and thematic organisations, incorporation for user groups', () => {
    expect(problems({ ...row, fiscalYearEnd: '06-30' })).toEqual([]);
    expect(problems({ ...row, type: 'user_group', incorporated: true })).toEqual([]);
    expect(problems({ ...row, incorporated: true })).toEqual([]);
  });

  it('refuses a bad day, a fiscal year for a user group, and an unincorporated chapter, naming the field', () => {
    expect(problems({ ...row, fiscalYearEnd: '02-29' })).toEqual([
      ['fiscalYearEnd', 'the last day of the fiscal year as MM-DD, like 06-30 (not 02-29)'],
    ]);
    expect(problems({ ...row, type: 'user_group', fiscalYearEnd: '06-30' })).toEqual([
      [
        'fiscalYearEnd',
        'user groups report on their agreement period, not a fiscal year: leave fiscalYearEnd out',
      ],
    ]);
    expect(problems({ ...row, incorporated: false })).toEqual([
      [
        'incorporated',
        'chapters and thematic organisations are incorporated and always file a financial report',
      ],
    ]);
    expect(problems({ ...row, type: 'user_group', incorporated: 'yes' }).map(([f]) => f)).toEqual([
      'incorporated',
    ]);
  });
});

describe('what organizers read', () => {
  it('every policy names a source for each rule', () => {
    const described = ALL_POLICIES.map(describePolicy);
    expect(described.map((p) => p.label)).toEqual([
      'User group',
      'User group (incorporated)',
      'Chapter',
      'Thematic organisation',
    ]);
    for (const p of described) {
      expect(p.sources.length).toBeGreaterThan(3);
      for (const s of p.sources) expect(s.source).toMatch(/wadp|WADP|meta:/);
    }
    expect(described[2]).toMatchObject({
      basis: 'fiscal_year',
      due: '4 months after the end of the fiscal year',
      requiredReports: ['activity', 'financial'],
      remindersBeforeDueDays: [120, 30, 7],
      pastDue: {
        escalationDaysAfterDue: [30, 60, 90],
        organizersToldAtDaysAfterDue: [60, 90],
        wikimediaLTold: false,
      },
    });
    expect(described[0]).toMatchObject({ basis: 'agreement', remindersBeforeDueDays: [30, 7] });
  });
});
