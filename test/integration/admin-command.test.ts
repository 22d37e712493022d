// The ops command `npm run admin`: locally it uses the admin token against the local
// stack; against AWS it signs a person in against the user pool (password, then the
// authenticator code, or a new password after an invitation) and calls the API with
// their ID token, and it invites organisers. Cognito is a fake on 127.0.0.1 speaking the
// SDK's protocol; its tokens are signed by the local identity provider, so the local
// stack's authorizer accepts them as API Gateway would accept Cognito's.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminRequest,
  chooseTarget,
  cognitoClient,
  invite,
  main,
  type Prompt,
  regionOf,
  signInAsPerson,
} from '../../scripts/admin.ts';
import { type FakeCognito, startFakeCognito } from '../support/fake-cognito.ts';
import { ADMIN_TOKEN, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let cognito: FakeCognito;
const CLIENT_ID = 'console-client-id';
const savedEnv = { ...process.env };

beforeAll(async () => {
  stack = await startTestStack();
  cognito = await startFakeCognito({
    clientId: CLIENT_ID,
    idToken: (email) => stack.idp.sign(stack.idp.idClaims({ email, organizer: true })),
  });
  // The SDK reads credentials from the environment; the invite calls need some.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'not-a-secret';
});
afterAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = savedEnv.AWS_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY = savedEnv.AWS_SECRET_ACCESS_KEY;
  await cognito.stop();
  await stack.stop();
});
beforeEach(() => {
  cognito.calls.length = 0;
});

const env = { ADMIN_USER_POOL_ID: 'eu-west-1_Test', COGNITO_ENDPOINT: '' };
const client = () => cognitoClient({ ...env, COGNITO_ENDPOINT: cognito.url });

/** Answers the questions in order, and remembers which were asked hidden. */
function answers(...given: string[]) {
  const asked: { question: string; hidden: boolean }[] = [];
  const prompt: Prompt = async (question, options = {}) => {
    asked.push({ question, hidden: !!options.hidden });
    const next = given.shift();
    if (next === undefined) throw new Error(`unexpected question: ${question}`);
    return next;
  };
  return { prompt, asked };
}

async function quietly<T>(run: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const write = { out: process.stdout.write, err: process.stderr.write };
  let out = '';
  let err = '';
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as never;
  process.stderr.write = ((s: string) => {
    err += s;
    return true;
  }) as never;
  try {
    return { value: await run(), out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe('locally', () => {
  it('calls an admin route with the admin token', async () => {
    const res = await adminRequest({
      method: 'GET',
      path: '/admin/affiliates',
      baseUrl: stack.apiUrl,
      auth: { mode: 'token', token: ADMIN_TOKEN },
    });
    expect(res.status).toBe(200);
    expect(res.response.headers.get('content-type')).toContain('application/json');
    expect(res.body).toHaveProperty('affiliates');
  });

  it('is refused with a wrong token, and says so through its exit code', async () => {
    const port = new URL(stack.apiUrl).port;
    const run = (argv: string[], e: Record<string, string>) => quietly(() => main(argv, e));
    expect((await run(['GET', '/admin/affiliates'], { PORT: port, ADMIN_TOKEN })).value).toBe(0);
    expect((await run(['GET', '/admin/affiliates'], { PORT: port, ADMIN_TOKEN: 'wrong' })).value).toBe(1);
    expect((await run(['GET'], {})).value).toBe(2);
    const invited = await run(['invite', 'someone@example.org'], {});
    expect(invited.value).toBe(2);
    expect(invited.err).toContain('ADMIN_USER_POOL_ID');
  });

  it('uses the local stack unless ADMIN_API_URL names the deployed API', () => {
    expect(chooseTarget({})).toMatchObject({ deployed: false, token: 'local-admin-token' });
    expect(chooseTarget({ ADMIN_API_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com' })).toEqual({
      baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      token: undefined,
      deployed: true,
    });
    expect(() => chooseTarget({ ADMIN_API_URL: 'http://abc123.example' })).toThrow(/https/);
    expect(regionOf({ ADMIN_USER_POOL_ID: 'ap-south-1_AbCdE' })).toBe('ap-south-1');
    expect(regionOf({ AWS_REGION: 'eu-west-1' })).toBe('eu-west-1');
  });
});

describe('signing in as a person against the user pool', () => {
  it('asks for the password (hidden) and the authenticator code, and acts under their email', async () => {
    cognito.people.push({ email: 'amna@example.org', password: 'correct horse battery 9!', code: '123456' });
    const { prompt, asked } = answers('correct horse battery 9!', '123 456');
    const token = await signInAsPerson(client(), CLIENT_ID, 'amna@example.org', prompt);
    expect(asked).toEqual([
      { question: 'Password: ', hidden: true },
      { question: 'Code from your authenticator app: ', hidden: false },
    ]);
    expect(cognito.calls.map((c) => c.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(cognito.calls[0]!.input).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID });

    const created = await adminRequest({
      method: 'POST',
      path: '/admin/affiliates',
      baseUrl: stack.apiUrl,
      auth: { mode: 'token', token },
      body: JSON.stringify({
        id: 'cli-signed-in',
        name: 'CLI signed in',
        type: 'user_group',
        country: 'Pakistan',
        contactEmails: ['cli@groups.example.org'],
        languages: ['en'],
        metaPage: 'https://meta.wikimedia.org/wiki/CLI',
        logoUrl: 'https://upload.wikimedia.org/cli.svg',
        agreement: { start: '2026-01-01', end: '2026-12-31' },
      }),
    });
    expect(created.status).toBe(201);
    const detail = (await (await stack.api('/admin/affiliates/cli-signed-in', { admin: true })).json()) as {
      affiliate: { timeline: { who: string }[] };
    };
    expect(detail.affiliate.timeline.map((e) => e.who)).toContain('amna@example.org');
  });

  it('after an invitation, asks for a new password first, then the code', async () => {
    cognito.people.push({
      email: 'new@example.org',
      password: 'Temp-123',
      code: '654321',
      mustChangePassword: true,
    });
    const { prompt, asked } = answers('Temp-123', 'A new long password 42!', '654321');
    expect(await signInAsPerson(client(), CLIENT_ID, 'new@example.org', prompt)).toMatch(/^ey/);
    expect(asked.map((a) => a.hidden)).toEqual([true, true, false]);
    expect(cognito.people.find((p) => p.email === 'new@example.org')!.password).toBe(
      'A new long password 42!',
    );
  });

  it('stops with a clear message on a wrong code or password, and sends an account without an authenticator to the console', async () => {
    cognito.people.push({ email: 'b@example.org', password: 'pw-b-long-enough', code: '111111' });
    cognito.people.push({ email: 'c@example.org', password: 'pw-c-long-enough' });
    await expect(
      signInAsPerson(client(), CLIENT_ID, 'b@example.org', answers('pw-b-long-enough', '999999').prompt),
    ).rejects.toThrow(/Invalid code/);
    await expect(
      signInAsPerson(client(), CLIENT_ID, 'b@example.org', answers('wrong').prompt),
    ).rejects.toThrow(/Incorrect username or password/);
    await expect(
      signInAsPerson(client(), CLIENT_ID, 'c@example.org', answers('pw-c-long-enough').prompt),
    ).rejects.toThrow(/console/);
  });
});

describe('inviting an organiser', () => {
  it('creates the user with a verified email, Cognito sending the invitation, and adds them to organizers', async () => {
    expect(await invite(client(), env.ADMIN_USER_POOL_ID, 'zara@example.org')).toBe('invited');
    expect(cognito.calls).toEqual([
      {
        operation: 'AdminCreateUser',
        input: {
          UserPoolId: 'eu-west-1_Test',
          Username: 'zara@example.org',
          UserAttributes: [
            { Name: 'email', Value: 'zara@example.org' },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
      {
        operation: 'AdminAddUserToGroup',
        input: { UserPoolId: 'eu-west-1_Test', Username: 'zara@example.org', GroupName: 'organizers' },
      },
    ]);
    expect([...cognito.users.get('zara@example.org')!]).toEqual(['organizers']);
  });

  it('only adds someone who already has an account to the group, and refuses what is not an email', async () => {
    cognito.users.set('existing@example.org', new Set());
    const run = await quietly(() =>
      main(['invite', 'existing@example.org'], { ...env, COGNITO_ENDPOINT: cognito.url }),
    );
    expect(run.value).toBe(0);
    expect(run.err).toContain('already had an account');
    expect([...cognito.users.get('existing@example.org')!]).toEqual(['organizers']);
    await expect(invite(client(), env.ADMIN_USER_POOL_ID, 'not an email')).rejects.toThrow(/Not an email/);
  });
});
