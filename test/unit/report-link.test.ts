// The personal report link: bound to affiliate and period, expiring, tamper-evident;
// after a rotation the previous key verifies for the grace period, then no longer.

import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { reloadConfig } from '../../shared/config.ts';
import { reportLinkUrl, signReportToken, verifyReportToken } from '../../shared/report-link.ts';
import { clearSecretCache, rotateKeyring, UNNAMED_KEY_ID } from '../../shared/secrets.ts';

const claims = {
  affiliateId: 'wmpk',
  period: '2025-07-01_2026-06-30',
  expiresAt: new Date('2026-10-29T00:00:00Z'),
};
const now = new Date('2026-07-15T00:00:00Z');

afterEach(() => {
  delete process.env.REPORT_LINK_SECRET;
  delete process.env.REPORT_LINK_GRACE_DAYS;
  reloadConfig();
  clearSecretCache();
});

/** A token carrying any payload, signed with the real key: what a bug, an old version or
 * a leaked key could produce. */
function signedWith(secret: string, payload: unknown): string {
  process.env.REPORT_LINK_SECRET = secret;
  reloadConfig();
  const body = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString(
    'base64url',
  );
  const signed = `${UNNAMED_KEY_ID}.${body}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

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

  it('rotates by the documented procedure: old links work within the grace period, not after', async () => {
    // The secret as CDK first generates it: one plain key.
    process.env.REPORT_LINK_SECRET = 'generated-at-first-deploy-0123456789';
    process.env.REPORT_LINK_GRACE_DAYS = '30';
    reloadConfig();
    const before = await signReportToken(claims);

    const rotatedAt = new Date('2026-07-01T00:00:00Z');
    process.env.REPORT_LINK_SECRET = rotateKeyring(process.env.REPORT_LINK_SECRET, rotatedAt);
    reloadConfig();
    const after = await signReportToken(claims);
    expect(after.split('.')[0]).not.toBe(before.split('.')[0]);

    const withinGrace = new Date('2026-07-30T23:00:00Z');
    expect((await verifyReportToken(before, 'wmpk', withinGrace)).ok).toBe(true);
    expect((await verifyReportToken(after, 'wmpk', withinGrace)).ok).toBe(true);

    const pastGrace = new Date('2026-07-31T00:00:01Z');
    expect(await verifyReportToken(before, 'wmpk', pastGrace)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    expect((await verifyReportToken(after, 'wmpk', pastGrace)).ok).toBe(true);

    // A second rotation retires the first key's successor; the first key is gone.
    process.env.REPORT_LINK_SECRET = rotateKeyring(process.env.REPORT_LINK_SECRET, pastGrace);
    reloadConfig();
    expect((await verifyReportToken(after, 'wmpk', pastGrace)).ok).toBe(true);
    expect((await verifyReportToken(before, 'wmpk', pastGrace)).ok).toBe(false);
  });

  it('accepts links from before key ids only while the unnamed key verifies', async () => {
    process.env.REPORT_LINK_SECRET = 'generated-at-first-deploy-0123456789';
    reloadConfig();
    const withId = await signReportToken(claims);
    const legacy = withId.split('.').slice(1);
    const { createHmac } = await import('node:crypto');
    const legacySig = createHmac('sha256', process.env.REPORT_LINK_SECRET)
      .update(legacy[0]!)
      .digest('base64url');
    expect((await verifyReportToken(`${legacy[0]}.${legacySig}`, 'wmpk', now)).ok).toBe(true);
    // The key id is signed too: moving a signature to another key id fails.
    expect((await verifyReportToken(`x${withId}`, 'wmpk', now)).ok).toBe(false);
  });

  it('puts the token in the affiliate report address, with the affiliate id escaped', async () => {
    const url = await reportLinkUrl({ ...claims, affiliateId: 'wm pk/1' });
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/affiliates\/wm%20pk%2F1\/report\?token=[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    const token = new URL(url).searchParams.get('token')!;
    expect(await verifyReportToken(token, 'wm pk/1', now)).toEqual({
      ok: true,
      claims: { ...claims, affiliateId: 'wm pk/1' },
    });
  });

  it('refuses as malformed a token in four parts, or with a part missing', async () => {
    const token = await signReportToken(claims);
    const [keyId, payload, signature] = token.split('.');
    for (const bad of [
      `${token}.${signature}`,
      `${keyId}.${payload}.`,
      `${keyId}..${signature}`,
      `.${payload}.${signature}`,
      `${payload}.`,
      `.${signature}`,
      '',
    ])
      expect(await verifyReportToken(bad, 'wmpk', now)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses a token longer than 2,048 characters before checking anything else', async () => {
    // A correctly signed token that is simply too long (a huge period) is still refused.
    const long = signedWith('s', { a: 'wmpk', p: 'x'.repeat(1600), e: 1_900_000_000 });
    expect(long.length).toBeGreaterThan(2048);
    expect(await verifyReportToken(long, 'wmpk', now)).toEqual({ ok: false, problem: 'malformed' });
    const justFits = signedWith('s', { a: 'wmpk', p: 'x'.repeat(1467), e: 1_900_000_000 });
    expect(justFits).toHaveLength(2048);
    expect((await verifyReportToken(justFits, 'wmpk', now)).ok).toBe(true);
  });

  it('refuses a correctly signed token that has no expiry, no period or is not JSON', async () => {
    for (const payload of [
      { a: 'wmpk', p: claims.period },
      { a: 'wmpk', e: 1_900_000_000 },
      { p: claims.period, e: 1_900_000_000 },
      { a: 'wmpk', p: claims.period, e: '1900000000' },
      { a: 42, p: claims.period, e: 1_900_000_000 },
      { a: 'wmpk', p: 2025, e: 1_900_000_000 },
      'not json',
    ])
      expect(await verifyReportToken(signedWith('s', payload), 'wmpk', now)).toEqual({
        ok: false,
        problem: 'malformed',
      });
  });
});
