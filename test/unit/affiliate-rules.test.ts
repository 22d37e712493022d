// What organizers may send about an affiliate: its record, a new removal date, a reason,
// an import. The handlers parse with these schemas and quote each field's message back
// in the 400 reply, so the messages are part of what is tested.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  affiliateSchema,
  agreementSchema,
  importSchema,
  MAX_IMPORT_ROWS,
  reasonSchema,
  removalDateSchema,
} from '../../shared/lifecycle/rules.ts';
import { canonicalHttpsUrl } from '../../shared/urls.ts';

/** What the organizer is told: each wrong field with its message (empty: accepted). */
function problems(schema: v.GenericSchema, data: unknown): [string, string][] {
  const parsed = v.safeParse(schema, data);
  return parsed.success ? [] : parsed.issues.map((i) => [v.getDotPath(i) ?? '(body)', i.message]);
}

const pakistan = {
  id: 'wikimedia-pakistan',
  name: 'Wikimedia Community User Group Pakistan',
  type: 'user_group',
  country: 'Pakistan',
  contactEmails: ['board@example.org'],
  languages: ['ur', 'en'],
  metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan',
  logoUrl: 'https://upload.wikimedia.org/logo.svg',
  agreement: { start: '2025-09-01', end: '2026-08-31' },
};

describe('an affiliate record', () => {
  it('is taken as sent, with names, countries, emails and days trimmed', () => {
    const parsed = v.parse(affiliateSchema, {
      ...pakistan,
      name: '  Wikimedia Pakistan ',
      country: ' Pakistan ',
      contactEmails: [' board@example.org '],
      agreement: { start: ' 2025-09-01', end: '2026-08-31 ' },
    });
    expect(parsed).toEqual({
      ...pakistan,
      name: 'Wikimedia Pakistan',
      agreement: { start: '2025-09-01', end: '2026-08-31' },
    });
    for (const type of ['user_group', 'chapter', 'thematic_organization'])
      expect(problems(affiliateSchema, { ...pakistan, type })).toEqual([]);
  });

  it('needs an id that can sit in an address: lowercase letters, digits and inner hyphens, 80 at most', () => {
    const slug = 'a slug: lowercase letters, digits and hyphens';
    for (const id of ['wmpk', 'a', 'wm-pk-2', '7', 'a'.repeat(80)])
      expect(problems(affiliateSchema, { ...pakistan, id })).toEqual([]);
    for (const id of ['WMPK', '-wmpk', 'wmpk-', 'wm pk', 'wm_pk', 'wmpk/x', '', 'a'.repeat(81), 'x\nwmpk'])
      expect(problems(affiliateSchema, { ...pakistan, id })).toEqual([['id', slug]]);
  });

  it('names each missing or wrong field in words an organizer can act on', () => {
    expect(
      problems(affiliateSchema, {
        ...pakistan,
        name: '   ',
        type: 'club',
        country: '',
        contactEmails: [],
        languages: ['Urdu'],
      }),
    ).toEqual([
      ['name', 'a name'],
      ['type', 'user_group, chapter or thematic_organization'],
      ['country', 'a country'],
      ['contactEmails', 'at least one contact email'],
      ['languages.0', 'a language code like ur'],
    ]);
    expect(problems(affiliateSchema, { ...pakistan, contactEmails: ['board at example.org'] })).toEqual([
      ['contactEmails.0', 'an email address'],
    ]);
  });

  it('keeps names, countries and lists to a sensible length', () => {
    expect(
      problems(affiliateSchema, { ...pakistan, name: 'n'.repeat(200), country: 'c'.repeat(100) }),
    ).toEqual([]);
    expect(
      problems(affiliateSchema, { ...pakistan, name: 'n'.repeat(201), country: 'c'.repeat(101) }).map(
        ([field]) => field,
      ),
    ).toEqual(['name', 'country']);
    const emails = (n: number) => Array.from({ length: n }, (_, i) => `c${i}@example.org`);
    expect(problems(affiliateSchema, { ...pakistan, contactEmails: emails(10) })).toEqual([]);
    expect(problems(affiliateSchema, { ...pakistan, contactEmails: emails(11) })[0]?.[0]).toBe(
      'contactEmails',
    );
    const longEmail = `${'x'.repeat(250)}@e.org`;
    expect(problems(affiliateSchema, { ...pakistan, contactEmails: [longEmail] })[0]?.[0]).toBe(
      'contactEmails.0',
    );
    const langs = (n: number) => Array.from({ length: n }, () => 'ur');
    expect(problems(affiliateSchema, { ...pakistan, languages: langs(10) })).toEqual([]);
    expect(problems(affiliateSchema, { ...pakistan, languages: langs(11) })[0]?.[0]).toBe('languages');
  });

  it('takes language codes of two or three letters, with a region or script after them', () => {
    for (const code of ['ur', 'skr', 'en-GB', 'pa-Arab', 'zh-Hant-TW'])
      expect(problems(affiliateSchema, { ...pakistan, languages: [code] })).toEqual([]);
    for (const code of ['u', 'urdu', 'EN', 'en_GB', 'en-', 'x-ur', 'ur en'])
      expect(problems(affiliateSchema, { ...pakistan, languages: [code] })).toEqual([
        ['languages.0', 'a language code like ur'],
      ]);
  });

  it('links only to https addresses for the meta page and the logo', () => {
    expect(
      problems(affiliateSchema, {
        ...pakistan,
        metaPage: 'http://meta.wikimedia.org/wiki/X',
        logoUrl: 'not an address',
      }),
    ).toEqual([
      ['metaPage', 'an https:// web address'],
      ['logoUrl', 'an https:// web address'],
    ]);
    expect(problems(affiliateSchema, { ...pakistan, logoUrl: 'ftp://example.org/logo.png' })).toEqual([
      ['logoUrl', 'an https:// web address'],
    ]);
    const long = `https://example.org/${'x'.repeat(1981)}`;
    expect(problems(affiliateSchema, { ...pakistan, logoUrl: long.slice(0, 2000) })).toEqual([]);
    expect(problems(affiliateSchema, { ...pakistan, metaPage: long }).map(([f]) => f)).toEqual(['metaPage']);
  });
});

describe('an agreement', () => {
  it('must end after it starts, on real calendar days', () => {
    expect(problems(agreementSchema, { start: '2025-09-01', end: '2026-08-31' })).toEqual([]);
    expect(problems(agreementSchema, { start: '2026-08-31', end: '2025-09-01' })).toEqual([
      ['(body)', 'the agreement must end after it starts'],
    ]);
    expect(problems(agreementSchema, { start: '2026-08-31', end: '2026-08-31' })).toEqual([
      ['(body)', 'the agreement must end after it starts'],
    ]);
    expect(problems(agreementSchema, { start: '2026-02-29', end: '2026-13-01' })).toEqual([
      ['start', 'a calendar day like 2026-07-15'],
      ['end', 'a calendar day like 2026-07-15'],
    ]);
    expect(
      problems(affiliateSchema, { ...pakistan, agreement: { start: '2026-09-01', end: '2025-08-31' } }),
    ).toEqual([['agreement', 'the agreement must end after it starts']]);
  });
});

describe('a new removal date and a reason', () => {
  it('needs a calendar day and a reason of up to 500 characters', () => {
    expect(v.parse(removalDateSchema, { day: ' 2026-12-15 ', reason: ' Board elections. ' })).toEqual({
      day: '2026-12-15',
      reason: 'Board elections.',
    });
    expect(problems(removalDateSchema, { day: '15/12/2026', reason: '  ' })).toEqual([
      ['day', 'a calendar day like 2026-07-15'],
      ['reason', 'a reason'],
    ]);
    expect(problems(reasonSchema, { reason: 'r'.repeat(500) })).toEqual([]);
    expect(problems(reasonSchema, { reason: 'r'.repeat(501) }).map(([f]) => f)).toEqual(['reason']);
  });
});

describe('an import', () => {
  it(`carries between one and ${MAX_IMPORT_ROWS} affiliates`, () => {
    expect(MAX_IMPORT_ROWS).toBe(500);
    const rows = (n: number) => Array.from({ length: n }, () => pakistan);
    expect(problems(importSchema, { affiliates: rows(500) })).toEqual([]);
    expect(problems(importSchema, { affiliates: [] })).toEqual([['affiliates', 'at least one affiliate']]);
    expect(problems(importSchema, { affiliates: rows(501) })).toEqual([
      ['affiliates', 'at most 500 affiliates'],
    ]);
  });
});

describe('names that reach email subjects', () => {
  it('are one line, with no control or invisible character, in the name or the country', () => {
    const oneLine = 'one line, without control, direction-changing or invisible characters';
    for (const name of [
      'Wikimedia\vPakistan',
      'Wikimedia\u2028Pakistan',
      'Wikimedia\u0007Pakistan',
      'moc.live\u202e',
    ])
      expect(problems(affiliateSchema, { ...pakistan, name })).toEqual([['name', oneLine]]);
    expect(problems(affiliateSchema, { ...pakistan, country: 'Pakistan\nBcc: x' })).toEqual([
      ['country', oneLine],
    ]);
    expect(problems(affiliateSchema, { ...pakistan, name: 'فرح\u200cناز' })).toEqual([]);
  });
});

describe('the addresses stored for an affiliate', () => {
  it('are https with a host and no user name or password, 2,000 characters at most', () => {
    for (const raw of [
      'https://board@example.org/logo.svg',
      'https://:pw@example.org/logo.svg',
      'https:example.org/logo.svg',
    ])
      expect(canonicalHttpsUrl(raw)).toBeUndefined();
    const longest = `https://example.org/${'x'.repeat(1980)}`;
    expect(canonicalHttpsUrl(longest)).toBe(longest);
    expect(canonicalHttpsUrl(`${longest}x`)).toBeUndefined();
    expect(problems(affiliateSchema, { ...pakistan, logoUrl: `${longest}x` })).toEqual([
      ['logoUrl', 'at most 2000 characters'],
    ]);
  });
});
