// HMAC keys. Locally they come from the environment (through config); in AWS from
// Secrets Manager, read once per container and kept for a while, so a rotation takes
// effect within SECRET_TTL_MS without a deploy.
//
// A secret holds a keyring: the current key, which signs and hashes, and after a
// rotation the previous one, which still verifies until the grace period from config
// has passed since it was retired. Each key has an id that tokens and hashes carry:
//   {"current":{"id":"k2","key":"..."},"previous":{"id":"k1","key":"...","retiredAt":"2026-11-25T10:00:00Z"}}
// A plain string (the secrets as first generated) is one key with the id "0".

import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundByDeadline } from './aws/deadline.ts';
import { config } from './config.ts';

export type SecretName = 'cnicHmac' | 'reportLink';

export interface SigningKey {
  id: string;
  key: string;
}

export interface Keyring {
  current: SigningKey;
  previous?: SigningKey & { retiredAt: Date };
}

/** The id of the key a plain-string secret holds; tokens and hashes from before ids carry none. */
export const UNNAMED_KEY_ID = '0';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class SecretFormatError extends Error {
  override name = 'SecretFormatError';
}

export function parseKeyring(value: string): Keyring {
  if (!value.trimStart().startsWith('{')) return { current: { id: UNNAMED_KEY_ID, key: value } };
  let raw: { current?: Partial<SigningKey>; previous?: Partial<SigningKey> & { retiredAt?: unknown } };
  try {
    raw = JSON.parse(value);
  } catch {
    throw new SecretFormatError('the secret starts with { but is not JSON');
  }
  const key = (k: Partial<SigningKey> | undefined, which: string): SigningKey => {
    if (typeof k?.id !== 'string' || !KEY_ID.test(k.id) || typeof k.key !== 'string' || k.key.length < 16)
      throw new SecretFormatError(
        `the ${which} key needs an id (letters, digits, - or _) and a key of 16+ characters`,
      );
    return { id: k.id, key: k.key };
  };
  const current = key(raw.current, 'current');
  if (!raw.previous) return { current };
  const retiredAt = new Date(String(raw.previous.retiredAt));
  if (Number.isNaN(retiredAt.getTime())) throw new SecretFormatError('the previous key needs retiredAt');
  const previous = key(raw.previous, 'previous');
  if (previous.id === current.id) throw new SecretFormatError('the previous key has the current key’s id');
  return { current, previous: { ...previous, retiredAt } };
}

/**
 * The rotation itself: a new current key, and the old current kept as previous from
 * `now` on (an older previous is dropped). scripts/rotate-secret.ts writes the result.
 */
export function rotateKeyring(value: string, now: Date, next?: SigningKey): string {
  const { current } = parseKeyring(value);
  const fresh = next ?? {
    id: now.toISOString().replace(/\D/g, '').slice(0, 14),
    key: randomBytes(32).toString('hex'),
  };
  if (fresh.id === current.id) throw new SecretFormatError('the new key needs a new id');
  return JSON.stringify({ current: fresh, previous: { ...current, retiredAt: now.toISOString() } });
}

export const SECRET_TTL_MS = 15 * 60 * 1000;
/** An unknown key id may mean a rotation newer than our copy: look again, this often at most. */
const REFRESH_AFTER_MS = 60 * 1000;
const cache = new Map<SecretName, { ring: Keyring; at: number }>();
let client: SecretsManagerClient | undefined;

async function load(name: SecretName, maxAgeMs: number): Promise<Keyring> {
  const source = config().secrets[name];
  if ('value' in source) return parseKeyring(source.value);
  const hit = cache.get(name);
  if (hit && Date.now() - hit.at < maxAgeMs) return hit.ring;
  client ??= boundByDeadline(new SecretsManagerClient({ region: config().region }));
  const out = await client.send(new GetSecretValueCommand({ SecretId: source.arn }));
  if (!out.SecretString) throw new Error(`secret ${name} has no string value`);
  const ring = parseKeyring(out.SecretString);
  cache.set(name, { ring, at: Date.now() });
  return ring;
}

/** The key that signs and hashes now. */
export async function currentKey(name: SecretName): Promise<SigningKey> {
  return (await load(name, SECRET_TTL_MS)).current;
}

/** Keys that still verify at `now`: the current one, then the previous one within its grace. */
export async function verificationKeys(name: SecretName, now: Date): Promise<SigningKey[]> {
  return keysOf(await load(name, SECRET_TTL_MS), name, now);
}

/** The verifying key with this id, looking at Secrets Manager again if it is unknown. */
export async function verificationKey(
  name: SecretName,
  id: string,
  now: Date,
): Promise<SigningKey | undefined> {
  const found = (ring: Keyring) => keysOf(ring, name, now).find((k) => k.id === id);
  return found(await load(name, SECRET_TTL_MS)) ?? found(await load(name, REFRESH_AFTER_MS));
}

function keysOf(ring: Keyring, name: SecretName, now: Date): SigningKey[] {
  const graceMs = config().secretGraceDays[name] * 86_400_000;
  const previous = ring.previous;
  return previous && now.getTime() < previous.retiredAt.getTime() + graceMs
    ? [ring.current, { id: previous.id, key: previous.key }]
    : [ring.current];
}

/** Forget cached values (tests that rotate a secret). */
export function clearSecretCache(): void {
  cache.clear();
}
