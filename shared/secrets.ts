// HMAC secrets. Locally they come from the environment (through config); in AWS from
// Secrets Manager, read once per container and kept for a while, so a rotation takes
// effect within SECRET_TTL_MS without a deploy.

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundByDeadline } from './aws/deadline.ts';
import { config } from './config.ts';

export type SecretName = 'cnicHmac' | 'reportLink';

export const SECRET_TTL_MS = 15 * 60 * 1000;
const cache = new Map<SecretName, { value: string; until: number }>();
let client: SecretsManagerClient | undefined;

export async function secretValue(name: SecretName): Promise<string> {
  const source = config().secrets[name];
  if ('value' in source) return source.value;
  const hit = cache.get(name);
  if (hit && hit.until > Date.now()) return hit.value;
  client ??= boundByDeadline(new SecretsManagerClient({ region: config().region }));
  const out = await client.send(new GetSecretValueCommand({ SecretId: source.arn }));
  if (!out.SecretString) throw new Error(`secret ${name} has no string value`);
  cache.set(name, { value: out.SecretString, until: Date.now() + SECRET_TTL_MS });
  return out.SecretString;
}

/** Forget cached values (tests that rotate a secret). */
export function clearSecretCache(): void {
  cache.clear();
}
