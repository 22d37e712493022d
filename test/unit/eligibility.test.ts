// Who may join, at the edges: the 18th birthday, 29 February, the Karachi calendar day,
// citizenship and registration country, and the ways people write a CNIC.

import { describe, expect, it } from 'vitest';
import { ageOn, eligibility, parseCnic } from '../../shared/applications/eligibility.ts';
import { validateApplication } from '../../shared/applications/schema.ts';
import { dayIn } from '../../shared/dates.ts';

const KARACHI = 'Asia/Karachi';
/** Noon in Karachi on a calendar day. */
const noonKarachi = (day: string) => new Date(`${day}T07:00:00Z`);
const person = (dateOfBirth: string, citizenship = 'PK') => ({
  kind: 'individual' as const,
  dateOfBirth,
  citizenship,
});

describe('age on the submission day', () => {
  it('accepts someone whose 18th birthday is today', () => {
    expect(eligibility(person('2008-07-15'), noonKarachi('2026-07-15'), KARACHI)).toEqual([]);
  });

  it('refuses someone whose 18th birthday is tomorrow', () => {
    expect(eligibility(person('2008-07-16'), noonKarachi('2026-07-15'), KARACHI)).toEqual(['under_age']);
  });

  it('counts the day in Karachi, not in UTC', () => {
    // 20:30 UTC on 14 July is already 01:30 on 15 July in Karachi: the birthday.
    expect(eligibility(person('2008-07-15'), new Date('2026-07-14T20:30:00Z'), KARACHI)).toEqual([]);
    // 18:30 UTC on 14 July is 23:30 in Karachi: still the day before.
    expect(eligibility(person('2008-07-15'), new Date('2026-07-14T18:30:00Z'), KARACHI)).toEqual([
      'under_age',
    ]);
    expect(dayIn(new Date('2026-07-14T19:00:00Z'), KARACHI)).toBe('2026-07-15');
  });

  it('makes someone born on 29 February 18 on 1 March of a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(eligibility(person('2008-02-29'), noonKarachi('2026-02-28'), KARACHI)).toEqual(['under_age']);
    expect(eligibility(person('2008-02-29'), noonKarachi('2026-03-01'), KARACHI)).toEqual([]);
  });

  it('counts the birthday month, not only the day, when the birthday is in another month', () => {
    // Born in June 2008: still 17 in March 2026, 18 from June on.
    expect(eligibility(person('2008-06-20'), noonKarachi('2026-03-25'), KARACHI)).toEqual(['under_age']);
    expect(eligibility(person('2008-06-20'), noonKarachi('2026-07-01'), KARACHI)).toEqual([]);
    expect(ageOn('2008-06-20', '2026-03-25')).toBe(17);
    expect(ageOn('2008-06-20', '2026-12-01')).toBe(18);
    // Born in November: the day of the month being past does not make the birthday past.
    expect(ageOn('2008-11-05', '2026-07-15')).toBe(17);
    expect(ageOn('2008-01-31', '2026-07-15')).toBe(18);
  });

  it('counts 29 February birthdays normally in leap years', () => {
    expect(ageOn('2004-02-29', '2028-02-28')).toBe(23);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });
});

describe('citizenship and registration', () => {
  it('refuses non-Pakistani citizens, and says both reasons when both apply', () => {
    expect(eligibility(person('1990-01-01', 'IN'), noonKarachi('2026-07-15'), KARACHI)).toEqual([
      'not_citizen',
    ]);
    expect(eligibility(person('2010-01-01', 'GB'), noonKarachi('2026-07-15'), KARACHI)).toEqual([
      'under_age',
      'not_citizen',
    ]);
  });

  it('accepts institutions registered in Pakistan only', () => {
    const at = noonKarachi('2026-07-15');
    expect(eligibility({ kind: 'institution', registeredIn: 'PK' }, at, KARACHI)).toEqual([]);
    expect(eligibility({ kind: 'institution', registeredIn: 'AE' }, at, KARACHI)).toEqual([
      'not_registered_in_pakistan',
    ]);
  });
});

describe('CNIC formats', () => {
  it.each([
    ['12345-1234567-1', '1234512345671'],
    ['1234512345671', '1234512345671'],
    [' 35202-1234567-9 ', '3520212345679'],
    ['۳۵۲۰۲-۱۲۳۴۵۶۷-۹', '3520212345679'],
    ['٣٥٢٠٢-١٢٣٤٥٦٧-٩', '3520212345679'],
    ['٣٥٢٠٢١٢٣٤٥٦٧٩', '3520212345679'],
  ])('accepts %j', (text, digits) => {
    expect(parseCnic(text)).toBe(digits);
  });

  it.each([
    '123451234567',
    '12345123456712',
    '1234-51234567-1',
    '12345-123456-71',
    '12345 1234567 1',
    '12345-1234567-',
    'ABCDE-1234567-1',
    '12345--1234567-1',
    '912345-1234567-1',
    '12345-1234567-19',
    'CNIC 12345-1234567-1',
    '12345-1234567-1 (mine)',
    '91234512345671',
    'x1234512345671',
    '',
  ])('refuses %j', (text) => {
    expect(parseCnic(text)).toBeUndefined();
  });
});

describe('validation of both kinds', () => {
  const individual = {
    kind: 'individual',
    name: '  عائشہ  خان ',
    email: 'ayesha@example.org',
    dateOfBirth: '1995-02-28',
    citizenship: 'pk',
    cnic: '35202-1234567-9',
  };

  it('normalises an individual: trimmed NFC name, upper-case country, CNIC digits', () => {
    const result = validateApplication({ ...individual, name: 'Cafe\u0301 Ali' });
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'Café Ali', citizenship: 'PK', cnic: '3520212345679' },
    });
  });

  it('reports every bad field of an individual, not just the first', () => {
    const result = validateApplication({
      ...individual,
      email: 'not-an-email',
      dateOfBirth: '2001-02-29',
      cnic: ['35202-1234567-9', '35202-1234567-9'],
      citizenship: 'XX',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.problems.map((p) => [p.field, p.key]))).toEqual({
      email: 'application.error.email',
      dateOfBirth: 'application.error.date',
      cnic: 'application.error.single',
      citizenship: 'application.error.country',
    });
  });

  it('refuses a date of birth that is not a date, without failing', () => {
    for (const dateOfBirth of ['yesterday', '1995-2-28', '1899-12-31'])
      expect(validateApplication({ ...individual, dateOfBirth })).toMatchObject({
        ok: false,
        problems: [{ field: 'dateOfBirth', key: 'application.error.date' }],
      });
  });

  it('requires the institution fields', () => {
    const result = validateApplication({
      kind: 'institution',
      name: 'Lahore Library',
      email: 'lib@example.org',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      'contactName',
      'registeredIn',
      'registrationAuthority',
      'registrationNumber',
    ]);
  });

  it('refuses a kind that is neither individual nor institution', () => {
    expect(validateApplication({ kind: 'robot' })).toMatchObject({
      ok: false,
      problems: [{ field: 'kind', key: 'application.error.kind' }],
    });
  });
});
