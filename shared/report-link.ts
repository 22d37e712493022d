// The personal report link in reminder and notice emails:
//   <base>/affiliates/<id>/report?token=<key id>.<payload>.<signature>
// The payload names the affiliate, the agreement period and an expiry; the signature is
// HMAC-SHA256 over key id and payload with that report-link key. Verification is
// constant-time. After a rotation the previous key still verifies for the grace period
// (shared/secrets.ts), so links already emailed keep working until then. Tokens from
// before key ids (<payload>.<signature>) were signed with the unnamed key "0".

import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from './config.ts';
import { currentKey, UNNAMED_KEY_ID, verificationKey } from './secrets.ts';

export interface ReportLinkClaims {
  affiliateId: string;
  period: string;
  /** Instant after which the link no longer works. */
  expiresAt: Date;
}

export type ReportTokenProblem = 'malformed' | 'bad_signature' | 'expired' | 'wrong_affiliate';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

function sign(signed: string, secret: string): string {
  return createHmac('sha256', secret).update(signed).digest('base64url');
}

export async function signReportToken(claims: ReportLinkClaims): Promise<string> {
  const payload = b64(
    JSON.stringify({
      a: claims.affiliateId,
      p: claims.period,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  );
  const key = await currentKey('reportLink');
  return `${key.id}.${payload}.${sign(`${key.id}.${payload}`, key.key)}`;
}

export async function reportLinkUrl(claims: ReportLinkClaims): Promise<string> {
  const token = await signReportToken(claims);
  return `${config().publicBaseUrl}/affiliates/${encodeURIComponent(claims.affiliateId)}/report?token=${token}`;
}

export async function verifyReportToken(
  token: string,
  affiliateId: string,
  now: Date,
): Promise<{ ok: true; claims: ReportLinkClaims } | { ok: false; problem: ReportTokenProblem }> {
  if (token.length > 2048) return { ok: false, problem: 'malformed' };
  const parts = token.split('.');
  if (parts.some((p) => !p) || (parts.length !== 2 && parts.length !== 3))
    return { ok: false, problem: 'malformed' };
  const [keyId, payload, signature] = (parts.length === 2 ? [UNNAMED_KEY_ID, ...parts] : parts) as [
    string,
    string,
    string,
  ];
  const key = await verificationKey('reportLink', keyId, now);
  if (!key) return { ok: false, problem: 'bad_signature' };
  const signed = parts.length === 2 ? payload : `${keyId}.${payload}`;
  const expected = Buffer.from(sign(signed, key.key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'bad_signature' };
  let claims: { a?: unknown; p?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (typeof claims.a !== 'string' || typeof claims.p !== 'string' || typeof claims.e !== 'number') {
    return { ok: false, problem: 'malformed' };
  }
  if (claims.a !== affiliateId) return { ok: false, problem: 'wrong_affiliate' };
  if (claims.e * 1000 <= now.getTime()) return { ok: false, problem: 'expired' };
  return {
    ok: true,
    claims: { affiliateId: claims.a, period: claims.p, expiresAt: new Date(claims.e * 1000) },
  };
}
