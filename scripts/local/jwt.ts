// JSON Web Tokens for the local identity provider, with node:crypto only: an RSA key
// made per run (tokens do not outlive the process, like the refresh tokens it keeps in
// memory), RS256 signatures as Cognito makes them, the public half as a JWKS, and the
// verification API Gateway's JWT authorizer does with that JWKS.

import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

export interface PublicJwk {
  kty: string;
  n?: string;
  e?: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: PublicJwk;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(exported.n)).digest('base64url').slice(0, 16);
  return {
    kid,
    privateKey,
    jwk: { kty: 'RSA', n: exported.n, e: exported.e, kid, alg: 'RS256', use: 'sig' },
  };
}

export function signJwt(
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  payload: Record<string, unknown>,
): string {
  const input = `${b64({ kid: key.kid, alg: 'RS256' })}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export type Verified =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; problem: string };

/** The token's payload when it is a well-formed RS256 JWT signed by a key of the set. */
export function verifyJwt(token: string, keys: PublicJwk[]): Verified {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p)))
    return { ok: false, problem: 'not a JWT' };
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'not a JWT' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return { ok: false, problem: 'not a JWT' };
  if (header.alg !== 'RS256') return { ok: false, problem: 'unsupported algorithm' };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) return { ok: false, problem: 'unknown key id' };
  const good = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' }),
    Buffer.from(parts[2]!, 'base64url'),
  );
  return good ? { ok: true, header, payload } : { ok: false, problem: 'bad signature' };
}
