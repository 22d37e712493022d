// Calendar-day arithmetic never drifts, and instants land on the local hour.

import { describe, expect, it } from 'vitest';
import { addDays, dayIn, formatDay, instantAt, isCalendarDay, periodEnd } from '../../shared/dates.ts';

describe('calendar days', () => {
  it('periods of 12 months end the day before the same date a year on', () => {
    expect(periodEnd('2026-08-31', 12)).toBe('2027-08-30');
    expect(periodEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(periodEnd('2027-03-01', 12)).toBe('2028-02-29');
    expect(periodEnd('2026-01-01', 12)).toBe('2026-12-31');
  });

  it('chained renewals starting 31 August stay on 31 August for a century', () => {
    let start = '2026-08-31';
    for (let i = 0; i < 100; i++) start = addDays(periodEnd(start, 12), 1);
    expect(start).toBe('2126-08-31');
  });

  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('rejects impossible days', () => {
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });

  it('turns a local hour on a day into UTC, even across a DST change', () => {
    expect(instantAt('2026-07-15', 9, 'Asia/Karachi').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(instantAt('2026-03-29', 9, 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(instantAt('2026-03-28', 9, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(dayIn(new Date('2026-07-14T20:00:00Z'), 'Asia/Karachi')).toBe('2026-07-15');
  });

  it('puts 9:00 in New York on the right side of both clock changes', () => {
    // A group in New York: clocks go forward on 8 March 2026 and back on 1 November.
    const nineInNewYork = (day: string) => instantAt(day, 9, 'America/New_York').toISOString();
    expect(nineInNewYork('2026-03-07')).toBe('2026-03-07T14:00:00.000Z');
    expect(nineInNewYork('2026-03-08')).toBe('2026-03-08T13:00:00.000Z');
    expect(nineInNewYork('2026-10-31')).toBe('2026-10-31T13:00:00.000Z');
    expect(nineInNewYork('2026-11-01')).toBe('2026-11-01T14:00:00.000Z');
  });

  it('settles 9:00 in Los Angeles on the day clocks go forward, which happens between 9:00 UTC and 9:00 there', () => {
    expect(instantAt('2026-03-08', 9, 'America/Los_Angeles').toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(instantAt('2026-03-07', 9, 'America/Los_Angeles').toISOString()).toBe('2026-03-07T17:00:00.000Z');
  });

  it('keeps the half hours of zones that have them', () => {
    expect(instantAt('2026-07-15', 9, 'Asia/Kolkata').toISOString()).toBe('2026-07-15T03:30:00.000Z');
    expect(instantAt('2026-07-15', 9, 'Australia/Adelaide').toISOString()).toBe('2026-07-14T23:30:00.000Z');
  });

  it('refuses days written any other way than YYYY-MM-DD', () => {
    for (const text of ['2026-7-15', '15-07-2026', '2026-07-15T00:00:00Z', ' 2026-07-15', '20260715', ''])
      expect(isCalendarDay(text)).toBe(false);
    expect(() => periodEnd('2026-02-30', 12)).toThrow('not a calendar day: 2026-02-30');
    expect(() => formatDay('2026-7-15')).toThrow(RangeError);
  });

  it('writes dates unambiguously', () => {
    expect(formatDay('2026-07-15')).toBe('15 July 2026');
    expect(formatDay('2026-01-05')).toBe('5 January 2026');
    expect(formatDay('2026-12-31')).toBe('31 December 2026');
    // The Urdu emails name the month in Urdu.
    expect(formatDay('2026-07-15', 'ur')).toContain('جولائی');
  });
});
