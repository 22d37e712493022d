// The pure rules behind the abuse limits and the text checks: which mailbox an address
// reaches, which client a source address is, when a window ends, what a greeting may
// quote, which URLs may be stored and which JSON texts name a member twice.

import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../../shared/http/body.ts';
import {
  clientNetwork,
  confirmationCounters,
  counterKey,
  normaliseAddress,
  recipientDomain,
  retryAfterSeconds,
} from '../../shared/limits/policy.ts';
import { GREETING_NAME_MAX, greetingName, headerSafe } from '../../shared/mail/safe-text.ts';
import { hasInvisible, isSingleLine } from '../../shared/text.ts';
import { canonicalHttpsUrl } from '../../shared/urls.ts';

describe('the mailbox an address reaches', () => {
  it.each([
    ['Victim+1@Example.org', 'victim@example.org'],
    ['victim+news+x@example.org', 'victim@example.org'],
    ['v.i.c.t.i.m@example.org', 'v.i.c.t.i.m@example.org'],
    ['V.I.C.T.I.M+x@GMail.com', 'victim@gmail.com'],
    ['victim@googlemail.com', 'victim@gmail.com'],
    ['victim@example.org.', 'victim@example.org'],
    ['+tag@example.org', '+tag@example.org'],
  ])('%s reaches %s', (address, mailbox) => {
    expect(normaliseAddress(address)).toBe(mailbox);
  });

  it('counts a domain once however it is written', () => {
    expect(recipientDomain('a@Example.ORG.')).toBe('example.org');
    expect(recipientDomain('a@googlemail.com')).toBe('gmail.com');
  });
});

describe('the client a source address is', () => {
  it('is the IPv4 address, or the /64 of an IPv6 address', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});

describe('fixed windows', () => {
  const limits = {
    applicationsPerClientPerHour: 100,
    confirmationsPerAddressPerHour: 3,
    confirmationsPerDomainPerHour: 10,
    confirmationsPerDay: 50,
    reportsPerAffiliatePerDay: 5,
  };
  const [address, domain, day] = confirmationCounters(limits, 'A+x@Example.org');

  it('one counter per limit, subject and window', () => {
    const now = new Date('2026-07-15T07:59:59Z');
    expect(counterKey(address!, now)).toBe(
      `confirmations_per_address#a@example.org#${Date.parse('2026-07-15T07:00:00Z') / 1000}`,
    );
    expect(counterKey(address!, new Date('2026-07-15T08:00:00Z'))).not.toBe(counterKey(address!, now));
    expect(counterKey(domain!, now)).toContain('confirmations_per_domain#example.org#');
    expect(counterKey(day!, now)).toBe(
      `confirmations_per_day#all#${Date.parse('2026-07-15T00:00:00Z') / 1000}`,
    );
  });

  it('Retry-After is what is left of the window, at least one second', () => {
    expect(retryAfterSeconds(address!, new Date('2026-07-15T07:59:59.500Z'))).toBe(1);
    expect(retryAfterSeconds(address!, new Date('2026-07-15T07:15:00Z'))).toBe(45 * 60);
    expect(retryAfterSeconds(day!, new Date('2026-07-15T23:00:00Z'))).toBe(3600);
  });
});

describe('the name a greeting quotes', () => {
  it.each([
    ['Ayesha Khan', 'Ayesha Khan'],
    ['M. Ali', 'M. Ali'],
    ['عائشہ خان', 'عائشہ خان'],
    ['فرح\u200cناز', 'فرح\u200cناز'],
    ['Ali visit https://evil.example/x now', 'Ali visit now'],
    ['Ali www.evil.example bit.ly/abc mail@evil.example', 'Ali'],
    ['Ali\u202e\u200bKhan\r\nBcc: x', 'Ali Khan x'],
    ['https://evil.example', ''],
  ])('%j becomes %j', (name, safe) => {
    expect(greetingName(name)).toBe(safe);
  });

  it(`is at most ${GREETING_NAME_MAX} characters, cut between words`, () => {
    const long = greetingName('Please urgently transfer your savings to the account number below today');
    expect([...long].length).toBeLessThanOrEqual(GREETING_NAME_MAX);
    expect('Please urgently transfer your savings to the account'.startsWith(long)).toBe(true);
    expect(greetingName('x'.repeat(100))).toHaveLength(GREETING_NAME_MAX);
  });

  it('a subject never holds a line break', () => {
    expect(headerSafe('a\r\nBcc: b\u2028c')).toBe('a Bcc: b c');
  });
});

describe('single-line text', () => {
  it('refuses bidi controls and invisible characters, keeps ZWNJ and ZWJ', () => {
    for (const c of [
      '\u202a',
      '\u202e',
      '\u2066',
      '\u2069',
      '\u200b',
      '\u2060',
      '\ufeff',
      '\u00ad',
      '\u{e0041}',
    ])
      expect(hasInvisible(`a${c}b`), c.codePointAt(0)!.toString(16)).toBe(true);
    expect(hasInvisible('فرح\u200cناز مہر\u200dبانو')).toBe(false);
    expect(isSingleLine('Group\r\nBcc: x')).toBe(false);
    expect(isSingleLine('Group\u0085x')).toBe(false);
    expect(isSingleLine('Wikimedia Community User Group Pakistan')).toBe(true);
  });
});

describe('stored URLs', () => {
  it.each([
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT://x', undefined],
    ['http://example.org/', undefined],
    ['data:text/html,x', undefined],
    ['https://user:pw@example.org/', undefined],
    ['https://', undefined],
    [' HTTPS://Example.ORG:443/a/./b/../c?q=1#f ', 'https://example.org/a/c?q=1#f'],
    ['https://bücher.example/ä b', 'https://xn--bcher-kva.example/%C3%A4%20b'],
  ])('%j is stored as %j', (raw, stored) => {
    expect(canonicalHttpsUrl(raw)).toBe(stored);
  });
});

describe('a JSON member named twice', () => {
  it.each([
    ['{"a":1,"b":2}', undefined],
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"a":{"b":1},"b":{"b":2}}', undefined],
    ['{"list":[{"x":1},{"x":1}]}', undefined],
    ['{"o":{"x":1,"x":2}}', 'x'],
    ['{"s":"{\\"s\\":1,","t":1}', undefined],
  ])('%s: %j', (text, key) => {
    JSON.parse(text);
    expect(duplicateKey(text)).toBe(key);
  });

  it('takes one pass even for deep nesting', () => {
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    expect(duplicateKey(deep)).toBeUndefined();
  });
});
