// The SES v2 client, created once per container.

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../config.ts';
import { boundByDeadline } from './deadline.ts';
import { localCredentials } from './local.ts';

let client: SESv2Client | undefined;

export function ses(): SESv2Client {
  if (client) return client;
  const c = config();
  client = boundByDeadline(
    new SESv2Client({
      region: c.region,
      ...(c.sesEndpoint ? { endpoint: c.sesEndpoint, credentials: localCredentials } : {}),
      maxAttempts: 2,
    }),
  );
  return client;
}

export function resetSes(): void {
  client?.destroy();
  client = undefined;
}
