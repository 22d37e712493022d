// The bot password talk-page notices are posted with: locally from the environment
// (through config), in AWS from Secrets Manager, read once and kept for SECRET_TTL_MS.
// The secret is JSON: {"username": "ComplianceBot@notices", "password": "..."}, made on
// meta-wiki at Special:BotPasswords with the "Edit existing pages" and "Create, edit,
// and move pages" grants only.

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundByDeadline } from '../aws/deadline.ts';
import { config } from '../config.ts';
import { PermanentDeliveryError } from '../mail/outbox.ts';
import { SECRET_TTL_MS } from '../secrets.ts';
import type { BotPassword } from './action-api.ts';

let client: SecretsManagerClient | undefined;
let cached: { bot: BotPassword; at: number } | undefined;

function parse(value: string): BotPassword {
  try {
    const raw = JSON.parse(value) as Partial<BotPassword>;
    if (typeof raw.username === 'string' && raw.username && typeof raw.password === 'string' && raw.password)
      return { username: raw.username, password: raw.password };
  } catch {
    // fall through: the same refusal for any malformed value
  }
  throw new PermanentDeliveryError('the meta-wiki bot password secret is not {"username", "password"} JSON');
}

export async function botPassword(): Promise<BotPassword> {
  const source = config().talkPage.botPassword;
  if ('value' in source) return parse(source.value);
  if (cached && Date.now() - cached.at < SECRET_TTL_MS) return cached.bot;
  client ??= boundByDeadline(new SecretsManagerClient({ region: config().region }));
  const out = await client.send(new GetSecretValueCommand({ SecretId: source.arn }));
  const bot = parse(out.SecretString ?? '');
  cached = { bot, at: Date.now() };
  return bot;
}
