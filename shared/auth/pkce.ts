// The secrets of one sign-in round trip (RFC 7636 PKCE and the OAuth state): random,
// base64url, and the S256 challenge the authorization server checks the verifier against.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** 32 random bytes: 43 characters, the shortest verifier RFC 7636 allows and plenty of entropy. */
export const randomSecret = (): string => base64url(randomBytes(32));

export const challengeOf = (verifier: string): string =>
  base64url(createHash('sha256').update(verifier, 'ascii').digest());

/** Constant-time comparison of two strings (state values, challenges). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
