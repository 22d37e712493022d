// The personal report link: bound to affiliate and period, expiring, tamper-evident,
// and invalidated by rotating the secret.

import { afterEach, describe, expect, it } from 'vitest';
import { reloadConfig } from '../../shared/config.ts';
import { signReportToken, verifyReportToken } from '../../shared/report-link.ts';
import { clearSecretCache } from '../../shared/secrets.ts';

const claims = {
  affiliateId: 'wmpk',
  period: '2025-07-01_2026-06-30',
  expiresAt: new Date('2026-10-29T00:00:00Z'),
};
const now = new Date('2026-07-15T00:00:00Z');

afterEach(() => {
  delete process.env.REPORT_LINK_SECRET;
  reloadConfig();
  clearSecretCache();
});

describe('report link tokens', () => {
  it('verifies a fresh token and gives back its affiliate and period', async () => {
    const token = await signReportToken(claims);
    expect(await verifyReportToken(token, 'wmpk', now)).toEqual({ ok: true, claims });
  });

  it('refuses a token whose payload was changed to another period or affiliate', async () => {
    const token = await signReportToken(claims);
    const [, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ a: 'wmpk', p: '2024-07-01_2025-06-30', e: 1_900_000_000 }),
    ).toString('base64url');
    expect(await verifyReportToken(`${forged}.${signature}`, 'wmpk', now)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    expect(await verifyReportToken(token, 'other-group', now)).toEqual({
      ok: false,
      problem: 'wrong_affiliate',
    });
  });

  it('refuses a flipped signature character, a truncated token and garbage', async () => {
    const token = await signReportToken(claims);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect((await verifyReportToken(token.slice(0, -1) + last, 'wmpk', now)).ok).toBe(false);
    expect((await verifyReportToken(token.slice(0, -5), 'wmpk', now)).ok).toBe(false);
    expect(await verifyReportToken('not-a-token', 'wmpk', now)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('works until the expiry instant and not from then on', async () => {
    const token = await signReportToken(claims);
    expect((await verifyReportToken(token, 'wmpk', new Date(claims.expiresAt.getTime() - 1000))).ok).toBe(
      true,
    );
    expect(await verifyReportToken(token, 'wmpk', claims.expiresAt)).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('stops working when the secret is rotated', async () => {
    process.env.REPORT_LINK_SECRET = 'first-secret';
    reloadConfig();
    const token = await signReportToken(claims);
    expect((await verifyReportToken(token, 'wmpk', now)).ok).toBe(true);
    process.env.REPORT_LINK_SECRET = 'second-secret';
    reloadConfig();
    expect(await verifyReportToken(token, 'wmpk', now)).toEqual({ ok: false, problem: 'bad_signature' });
    expect((await verifyReportToken(await signReportToken(claims), 'wmpk', now)).ok).toBe(true);
  });
});
