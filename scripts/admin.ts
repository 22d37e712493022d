// Call an admin route as yourself, through the typed client (shared/client/): `npm run admin -- GET /admin/affiliates` or
// `npm run admin -- POST /admin/affiliates/x/pause '{"reason":"..."}'` (a body starting
// with @ is read from that file). Invite an organiser: `npm run admin -- invite
// someone@example.org`. Print your ID token, to reuse for 15 minutes:
// `export ADMIN_ID_TOKEN=$(npm run -s admin -- token)`.
//
// Against the deployed API (ADMIN_API_URL) you sign in as a person against the user
// pool: your email and password (USER_PASSWORD_AUTH: over TLS to Cognito), then the code
// of your authenticator app; the request carries your ID token, so what you do is
// recorded under your email. Against the local stack (the default, http://127.0.0.1:3000)
// it sends the admin token instead (the local organiser). docs/sign-in.md says why there
// is no separate machine path.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ORGANIZERS_GROUP } from '../shared/auth/claims.ts';
import { createClient } from '../shared/client/index.ts';

type Env = Record<string, string | undefined>;

export type AdminAuth = { mode: 'token'; token: string };

export interface AdminRequest {
  method: string;
  path: string;
  body?: string;
  baseUrl: string;
  auth: AdminAuth;
}

/** Asks the person at the terminal; `hidden` for passwords. */
export type Prompt = (question: string, options?: { hidden?: boolean }) => Promise<string>;

/** One admin call, through the typed client (shared/client/) with the caller's token. */
export async function adminRequest(req: AdminRequest) {
  const client = createClient({ baseUrl: req.baseUrl, token: () => req.auth.token });
  const url = new URL(req.path, 'http://path.only');
  return client.request(req.method, url.pathname, {
    query: Object.fromEntries(url.searchParams),
    ...(req.body === undefined ? {} : { text: req.body, contentType: 'application/json' }),
  });
}

/** The region of a user pool or app client setting: pool ids start with it (eu-west-1_AbC). */
export function regionOf(env: Env): string {
  const fromPool = /^([a-z]{2}(?:-[a-z]+)+-\d)_/.exec(env.ADMIN_USER_POOL_ID ?? '')?.[1];
  const region = fromPool ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Cannot tell the region of the user pool; set AWS_REGION.');
  return region;
}

export interface Target {
  baseUrl: string;
  /** Local: the admin token. Deployed: undefined until the person signs in. */
  token?: string;
  deployed: boolean;
}

/** Where to send requests: the deployed API when ADMIN_API_URL is set, else the local stack. */
export function chooseTarget(env: Env): Target {
  const deployed = env.ADMIN_API_URL;
  if (!deployed)
    return {
      baseUrl: `http://127.0.0.1:${env.PORT || '3000'}`,
      token: env.ADMIN_TOKEN || 'local-admin-token',
      deployed: false,
    };
  if (!deployed.startsWith('https://')) throw new Error('ADMIN_API_URL must be an https URL');
  return { baseUrl: deployed, token: env.ADMIN_ID_TOKEN || undefined, deployed: true };
}

/** A client for the user pool's API; `endpoint` only for tests (a fake on 127.0.0.1). */
export function cognitoClient(env: Env): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: regionOf(env),
    ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}),
  });
}

/**
 * Signs a person in against the app client: email and password, then whatever Cognito
 * asks: the authenticator code (SOFTWARE_TOKEN_MFA), or a new password after an
 * invitation (NEW_PASSWORD_REQUIRED). An account without an authenticator yet is sent to
 * the console, where managed login sets one up with a QR code.
 */
export async function signInAsPerson(
  client: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  ask: Prompt,
): Promise<string> {
  const password = await ask('Password: ', { hidden: true });
  let reply = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  for (let round = 0; round < 4; round++) {
    const result: AuthenticationResultType | undefined = reply.AuthenticationResult;
    if (result?.IdToken) return result.IdToken;
    const challenge: ChallengeNameType | undefined = reply.ChallengeName;
    // Cognito names the user by its own id in the challenge; answer with that.
    const username = reply.ChallengeParameters?.USER_ID_FOR_SRP ?? email;
    let responses: Record<string, string>;
    if (challenge === 'SOFTWARE_TOKEN_MFA') {
      const code = (await ask('Code from your authenticator app: ')).replace(/\s+/g, '');
      responses = { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code };
    } else if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const chosen = await ask('Choose a new password (14 characters or more, mixed): ', { hidden: true });
      responses = { USERNAME: username, NEW_PASSWORD: chosen };
    } else if (challenge === 'MFA_SETUP') {
      throw new Error(
        'Your account has no authenticator app yet: sign in once at the console (the ConsoleUrl output) to set one up, then run this again.',
      );
    } else {
      throw new Error(`Sign-in stopped at a step this command does not handle: ${challenge ?? 'none'}.`);
    }
    reply = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: challenge,
        Session: reply.Session,
        ChallengeResponses: responses,
      }),
    );
  }
  throw new Error('Sign-in did not finish.');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invites an organiser: Cognito creates the user (email as the username, marked verified
 * because the invitation is sent to it) and emails a temporary password; then the user
 * joins `organizers`. Someone already in the pool is only added to the group.
 */
export async function invite(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<'invited' | 'already a user'> {
  if (!EMAIL.test(email)) throw new Error(`Not an email address: ${email}`);
  let outcome: 'invited' | 'already a user' = 'invited';
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    outcome = 'already a user';
  }
  await client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: ORGANIZERS_GROUP }),
  );
  return outcome;
}

/** Reads a line from the terminal; a hidden answer is not echoed. */
export const terminalPrompt: Prompt = (question, options = {}) =>
  new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (options.hidden) {
      // Print the question, then swallow the echo of every key typed after it.
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.includes(question)) write.call(rl, question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (options.hidden) process.stderr.write('\n');
      resolve(answer);
    });
  });

const USAGE = [
  'usage: npm run admin -- <METHOD> </admin/path> [json body | @file.json]',
  '       npm run admin -- invite <email>     (deployed: ADMIN_USER_POOL_ID, AWS credentials)',
  '       npm run admin -- token              (deployed: prints your ID token)',
].join('\n');

async function tokenFor(target: Target, env: Env, ask: Prompt): Promise<string> {
  if (target.token) return target.token;
  const clientId = env.ADMIN_CLIENT_ID;
  if (!clientId) throw new Error('Set ADMIN_CLIENT_ID to the UserPoolClientId output of the stack.');
  const email = env.ADMIN_EMAIL || (await ask('Email: '));
  return signInAsPerson(cognitoClient(env), clientId, email.trim(), ask);
}

export async function main(argv: string[], env: Env, ask: Prompt = terminalPrompt): Promise<number> {
  const [first, second, bodyArg] = argv;
  if (first === 'invite') {
    if (!second) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (!env.ADMIN_USER_POOL_ID) {
      process.stderr.write(
        'Set ADMIN_USER_POOL_ID to the UserPoolId output of the stack. Locally nobody needs an invitation: anyone signs in at /console/sign-in.\n',
      );
      return 2;
    }
    const outcome = await invite(cognitoClient(env), env.ADMIN_USER_POOL_ID, second);
    process.stderr.write(
      outcome === 'invited'
        ? `Invited ${second}: Cognito emails a temporary password; they are in ${ORGANIZERS_GROUP}.\n`
        : `${second} already had an account; they are in ${ORGANIZERS_GROUP}.\n`,
    );
    return 0;
  }
  const target = chooseTarget(env);
  if (first === 'token') {
    process.stdout.write(`${await tokenFor(target, env, ask)}\n`);
    return 0;
  }
  const method = first;
  const path = second;
  if (!method || !path || !/^[A-Za-z]+$/.test(method) || !path.startsWith('/')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const body = bodyArg?.startsWith('@') ? readFileSync(bodyArg.slice(1), 'utf8') : bodyArg;
  const token = await tokenFor(target, env, ask);
  const res = await adminRequest({
    method: method.toUpperCase(),
    path,
    body,
    baseUrl: target.baseUrl,
    auth: { mode: 'token', token },
  });
  const out = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? null, null, 2);
  process.stderr.write(`${res.status} ${res.response.statusText}\n`);
  process.stdout.write(`${out}\n`);
  return res.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
