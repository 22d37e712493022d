// The rules a report must meet: the period, the meta-wiki address and the language.

import { describe, expect, it } from 'vitest';
import { judgeEnglish, MIN_REPORT_CHARS } from '../../shared/reports/language.ts';
import { checkMetaUrl, titleOfPage } from '../../shared/reports/meta-url.ts';
import { periodProblems, reportProblems } from '../../shared/reports/rules.ts';
import { ENGLISH_REPORT, samples } from '../fixtures/language-samples.ts';

const agreement = { start: '2025-07-01', end: '2026-06-30' };

describe('period coverage', () => {
  it('accepts a period exactly equal to the agreement, or wider', () => {
    expect(periodProblems(agreement, '2025-07-01', '2026-06-30')).toEqual([]);
    expect(periodProblems(agreement, '2025-06-30', '2026-07-01')).toEqual([]);
  });

  it('refuses a period starting one day late or ending one day early, naming each end', () => {
    expect(periodProblems(agreement, '2025-07-02', '2026-06-30').map((p) => p.field)).toEqual([
      'periodStart',
    ]);
    expect(periodProblems(agreement, '2025-07-01', '2026-06-29').map((p) => p.field)).toEqual(['periodEnd']);
    const both = periodProblems(agreement, '2025-07-02', '2026-06-29');
    expect(both.map((p) => p.field)).toEqual(['periodStart', 'periodEnd']);
    expect(both[0]!.message).toContain('2025-07-01');
  });

  it('refuses dates that do not exist and periods that end before they start', () => {
    expect(periodProblems(agreement, '2025-02-30', '2026-06-30')[0]!.message).toContain('not a real date');
    expect(
      periodProblems(agreement, '2026-07-01', '2025-06-30')
        .map((p) => p.message)
        .join(' '),
    ).toContain('ends before it starts');
  });
});

describe('meta-wiki address', () => {
  it('accepts a page on meta.wikimedia.org and gives its canonical title', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org/wiki/Wikimedia_Pakistan/Reports/2025')).toEqual({
      ok: true,
      title: 'Wikimedia Pakistan/Reports/2025',
    });
    expect(checkMetaUrl('https://META.wikimedia.org/wiki/x%20y')).toEqual({ ok: true, title: 'X y' });
  });

  it.each([
    ['https://meta.wikimedia.org.example.com/wiki/Report', 'wrong_host'],
    ['https://meta.wikimedia.org@example.com/wiki/Report', 'userinfo'],
    ['https://user:pw@meta.wikimedia.org/wiki/Report', 'userinfo'],
    ['https://user@meta.wikimedia.org/wiki/Report', 'userinfo'],
    ['https://meta.wikimedia.org:8443/wiki/Report', 'port'],
    ['http://meta.wikimedia.org/wiki/Report', 'not_https'],
    ['https://en.wikipedia.org/wiki/Report', 'wrong_host'],
    ['https://evilmeta.wikimedia.org/wiki/Report', 'wrong_host'],
    ['https://meta.wikimedia.org/w/index.php?title=Report', 'not_wiki_page'],
    ['https://meta.wikimedia.org/wiki/', 'not_wiki_page'],
    ['javascript:alert(1)', 'not_https'],
    ['meta.wikimedia.org/wiki/Report', 'not_a_url'],
  ])('refuses %s (%s)', (url, problem) => {
    expect(checkMetaUrl(url)).toEqual({ ok: false, problem });
  });

  it('accepts the default https port written out, which is the same address', () => {
    expect(checkMetaUrl('https://meta.wikimedia.org:443/wiki/Report').ok).toBe(true);
  });

  it('reads an affiliate page given as a URL or a title', () => {
    expect(titleOfPage('https://meta.wikimedia.org/wiki/Wikimedia_Community_User_Group_Pakistan')).toBe(
      'Wikimedia Community User Group Pakistan',
    );
    expect(titleOfPage('wikimedia_Pakistan')).toBe('Wikimedia Pakistan');
  });
});

describe('language of the report', () => {
  it.each(samples.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    expect(judgeEnglish(sample.text).ok).toBe(sample.english);
  });

  it('refuses a placeholder as too short, and says how long it is', () => {
    const verdict = judgeEnglish('Report here. See the link.');
    expect(verdict).toEqual({ ok: false, reason: 'too_short', length: 26 });
    expect(judgeEnglish(`[[${'x'.repeat(MIN_REPORT_CHARS)}|short]] ok`).ok).toBe(false);
  });
});

describe('all rules at once', () => {
  it('names every broken rule in plain words', () => {
    const problems = reportProblems(agreement, {
      periodStart: '2025-08-01',
      periodEnd: '2026-06-30',
      metaUrl: 'https://meta.wikimedia.org.example.com/wiki/R',
      text: samples.find((s) => s.name.startsWith('Urdu (Arabic'))!.text,
    });
    expect(problems.map((p) => p.field)).toEqual(['periodStart', 'metaUrl', 'text']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(
      /whole agreement period[\s\S]*meta\.wikimedia\.org exactly[\s\S]*English/,
    );
  });

  it('finds nothing wrong with a good report', () => {
    expect(
      reportProblems(agreement, {
        periodStart: '2025-07-01',
        periodEnd: '2026-06-30',
        metaUrl: 'https://meta.wikimedia.org/wiki/R',
        text: ENGLISH_REPORT,
      }),
    ).toEqual([]);
  });
});
