// Calendar-day arithmetic and formatting. A deadline is a calendar day (YYYY-MM-DD) in
// the affiliate's time zone; instants are UTC Dates. Days are counted on the UTC
// calendar of the day itself, never by adding milliseconds to a local time, so month
// ends, leap days and DST changes cannot make a date drift.

import type { CalendarDay } from './affiliates/model.ts';

// Stryker disable next-line Regex: isCalendarDay also compares the whole text with the ISO day, so an unanchored match is refused all the same
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();
/**
 * An Intl.DateTimeFormat, made once per locale and options: making one costs far more
 * than formatting with it (it was the largest item of our own code in the CPU profile
 * of POST /applications), and every request formats dates.
 */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\n${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parts(day: CalendarDay): [number, number, number] {
  const m = DAY.exec(day);
  if (!m || !isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

const toDay = (d: Date): CalendarDay => d.toISOString().slice(0, 10);

export function addDays(day: CalendarDay, days: number): CalendarDay {
  const [y, m, d] = parts(day);
  return toDay(new Date(Date.UTC(y, m, d + days)));
}

/**
 * The last day of a period of `months` months starting on `start`: the day before the
 * same date `months` later. 31 August runs to 30 August; 29 February to 28 February;
 * 1 March 2027 to 29 February 2028.
 */
export function periodEnd(start: CalendarDay, months: number): CalendarDay {
  const [y, m, d] = parts(start);
  // Date.UTC rolls an impossible date (29 February 2025) into the next month, which is
  // exactly "the same date a year later" for a period that must not lose a day.
  return toDay(new Date(Date.UTC(y, m + months, d - 1)));
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): CalendarDay {
  const f = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return f.format(instant);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Karachi: +300). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const f = dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of `hour`:00 local time on `day` in `timeZone`. */
export function instantAt(day: CalendarDay, hour: number, timeZone: string): Date {
  const [y, m, d] = parts(day);
  const guess = Date.UTC(y, m, d, hour);
  // Two passes settle the offset even on a day the zone changes its clocks.
  let at = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  at = guess - offsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}

/** "15 July 2026" in English; the same order of day, month name and year in `locale`. */
export function formatDay(day: CalendarDay, locale = 'en-GB'): string {
  const [y, m, d] = parts(day);
  return dateFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m, d)));
}
