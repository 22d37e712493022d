// A local stand-in for the Cognito user pool API (cognito-idp), a real HTTP server on
// 127.0.0.1 speaking the SDK's JSON protocol (x-amz-target names the operation). It knows
// a few people (email, password, authenticator code), answers USER_PASSWORD_AUTH with the
// challenges Cognito asks (SOFTWARE_TOKEN_MFA, NEW_PASSWORD_REQUIRED, MFA_SETUP), and
// records the invitations (AdminCreateUser, AdminAddUserToGroup) it receives.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

export interface FakePerson {
  email: string;
  password: string;
  /** The code their authenticator shows; absent: no authenticator yet (MFA_SETUP). */
  code?: string;
  /** Invited and not yet signed in: Cognito asks for a new password first. */
  mustChangePassword?: boolean;
}

export interface FakeCognito {
  url: string;
  people: FakePerson[];
  /** Operations received, in order, with their input. */
  calls: { operation: string; input: Record<string, unknown> }[];
  /** Users in the pool (created or known) and their groups. */
  users: Map<string, Set<string>>;
  stop(): Promise<void>;
}

export async function startFakeCognito(options: {
  clientId: string;
  /** The ID token Cognito would issue for this person. */
  idToken: (email: string) => string;
}): Promise<FakeCognito> {
  const people: FakePerson[] = [];
  const calls: FakeCognito['calls'] = [];
  const users = new Map<string, Set<string>>();
  const sessions = new Map<string, { person: FakePerson; step: string }>();

  const answer = (operation: string, input: Record<string, unknown>): [number, unknown] => {
    const fail = (type: string, message: string): [number, unknown] => [400, { __type: type, message }];
    const params = (input.AuthParameters ?? input.ChallengeResponses ?? {}) as Record<string, string>;
    const challenge = (person: FakePerson): [number, unknown] => {
      const step = person.mustChangePassword
        ? 'NEW_PASSWORD_REQUIRED'
        : person.code
          ? 'SOFTWARE_TOKEN_MFA'
          : 'MFA_SETUP';
      const session = randomUUID();
      sessions.set(session, { person, step });
      return [
        200,
        { ChallengeName: step, Session: session, ChallengeParameters: { USER_ID_FOR_SRP: person.email } },
      ];
    };
    switch (operation) {
      case 'InitiateAuth': {
        if (input.ClientId !== options.clientId) return fail('ResourceNotFoundException', 'no such client');
        if (input.AuthFlow !== 'USER_PASSWORD_AUTH')
          return fail('InvalidParameterException', 'flow not enabled');
        const person = people.find((p) => p.email === params.USERNAME && p.password === params.PASSWORD);
        if (!person) return fail('NotAuthorizedException', 'Incorrect username or password.');
        return challenge(person);
      }
      case 'RespondToAuthChallenge': {
        const session = sessions.get(String(input.Session));
        if (!session || session.step !== input.ChallengeName)
          return fail('NotAuthorizedException', 'Invalid session for the user.');
        sessions.delete(String(input.Session));
        const { person } = session;
        if (params.USERNAME !== person.email) return fail('NotAuthorizedException', 'wrong user');
        if (session.step === 'NEW_PASSWORD_REQUIRED') {
          person.password = params.NEW_PASSWORD ?? '';
          person.mustChangePassword = false;
          return challenge(person);
        }
        if (params.SOFTWARE_TOKEN_MFA_CODE !== person.code)
          return fail('CodeMismatchException', 'Invalid code received for user');
        return [
          200,
          {
            AuthenticationResult: {
              IdToken: options.idToken(person.email),
              TokenType: 'Bearer',
              ExpiresIn: 900,
            },
          },
        ];
      }
      case 'AdminCreateUser': {
        const email = String(input.Username);
        if (users.has(email)) return fail('UsernameExistsException', 'User account already exists');
        users.set(email, new Set());
        return [200, { User: { Username: randomUUID(), UserStatus: 'FORCE_CHANGE_PASSWORD' } }];
      }
      case 'AdminAddUserToGroup': {
        const groups = users.get(String(input.Username));
        if (!groups) return fail('UserNotFoundException', 'User does not exist.');
        groups.add(String(input.GroupName));
        return [200, {}];
      }
      default:
        return fail('UnknownOperationException', operation);
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ operation, input });
      const [status, body] = answer(operation, input);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    people,
    calls,
    users,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
