// Rotate one of the HMAC keys: `npm run rotate-secret -- reportLink prod` (or cnicHmac).
// Reads affiliate-compliance-<stage>/<name> from Secrets Manager with your usual AWS
// credentials, makes a new current key and keeps the old one as previous from now on
// (shared/secrets.ts, rotateKeyring: the procedure the tests run), and writes it back.
// Functions pick it up within 15 minutes; until the grace period ends the previous key
// still verifies links and finds earlier CNIC hashes.

import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { parseKeyring, rotateKeyring, type SecretName } from '../shared/secrets.ts';

const [name, stage] = process.argv.slice(2) as [SecretName | undefined, string | undefined];
if ((name !== 'reportLink' && name !== 'cnicHmac') || !stage || !/^[a-z0-9-]+$/.test(stage)) {
  console.error('usage: npm run rotate-secret -- <reportLink|cnicHmac> <stage>');
  process.exit(2);
}
const SecretId = `affiliate-compliance-${stage}/${name}`;
const client = new SecretsManagerClient({});
try {
  const got = await client.send(new GetSecretValueCommand({ SecretId }));
  if (!got.SecretString) throw new Error(`${SecretId} has no string value`);
  const rotated = rotateKeyring(got.SecretString, new Date());
  await client.send(new PutSecretValueCommand({ SecretId, SecretString: rotated }));
  const ring = parseKeyring(rotated);
  console.log(
    `${SecretId}: key ${ring.current.id} is current; ${ring.previous?.id} verifies for the grace period`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
