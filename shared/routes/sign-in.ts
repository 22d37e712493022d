// Sign-in for the organiser console: public routes at API Gateway (a person is not yet
// signed in when calling them); docs/sign-in.md has the flow and the contract with the
// console's pages.

import * as v from 'valibot';
import * as r from './replies.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const signInFunctions: FunctionDef[] = [
  {
    name: 'console-auth',
    description:
      "Console sign-in: the authorization-code flow with PKCE against the user pool's managed login, and tokens for the console's script.",
    memoryMb: 256,
    timeoutSeconds: 10,
    sizing: 'one HTTPS call to the sign-in service per request; no SDK, no table',
    uses: { tables: [] },
  },
];

const cookieNote = 'Sets or clears HttpOnly cookies; never cached.';

const to = (where: string) => ({ Location: where });

export const signInRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/console/sign-in',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary: `Start signing in: redirects to the sign-in page, and from there back to \`next\`. ${cookieNote}`,
    query: {
      next: {
        description:
          'Where to land afterwards: a path of the console on this site (/console/...); default /console/.',
        // Printable ASCII without a backslash (and, to stay clear of dot segments, without dots).
        schema: v.pipe(
          v.string(),
          v.maxLength(2048),
          v.regex(/^(?:\/console\/[\x21-\x2d\x2f-\x5b\x5d-\x7e]*)?$/),
        ),
      },
    },
    responses: {
      302: {
        description: 'To the sign-in page (Cognito managed login).',
        empty: true,
        headers: to('The sign-in page.'),
      },
      400: { description: '`next` is not a /console/ path of this site.', errors: ['invalid_request'] },
    },
  },
  {
    method: 'GET',
    path: '/console/auth/callback',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary: `Where the sign-in page sends the browser back with a code; exchanges it (with the PKCE verifier) for tokens. ${cookieNote}`,
    query: { code: 'The authorization code.', state: 'The state sent with the sign-in request.' },
    responses: {
      303: {
        description: 'Signed in: to the `next` path given to /console/sign-in.',
        empty: true,
        headers: to('The `next` path.'),
      },
      400: {
        description:
          'No sign-in under way in this browser, a state that does not match, or a refused code (`sign_in_expired`).',
        errors: ['invalid_request', 'sign_in_expired'],
      },
      401: {
        description: 'The sign-in page reported a failure (`sign_in_failed`).',
        errors: ['sign_in_failed'],
      },
      502: { description: 'The sign-in service answered without an ID token.', errors: ['bad_gateway'] },
      503: { description: 'The sign-in service did not answer.', errors: ['service_unavailable'] },
    },
  },
  {
    method: 'POST',
    path: '/console/auth/token',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary:
      "A fresh ID token for the console's script, from the session cookie: send it to /admin/* as `Authorization: Bearer <token>`; keep it in memory only.",
    responses: {
      200: { description: 'A fresh ID token.', json: r.consoleToken },
      401: { description: 'Not signed in, or the session ended (`signed_out`).', errors: ['signed_out'] },
      502: { description: 'The sign-in service answered without an ID token.', errors: ['bad_gateway'] },
      503: { description: 'The sign-in service did not answer.', errors: ['service_unavailable'] },
    },
  },
  {
    method: 'POST',
    path: '/console/sign-out',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary: 'Sign out: 307 to /console/auth/sign-out, where the session cookie is sent.',
    responses: {
      307: {
        description: 'To POST /console/auth/sign-out.',
        empty: true,
        headers: to('/console/auth/sign-out'),
      },
    },
  },
  {
    method: 'POST',
    path: '/console/auth/sign-out',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary: `Sign out: revokes the refresh token, clears the cookie, and ends the sign-in page's own session. ${cookieNote}`,
    responses: {
      303: {
        description: "Through the sign-in service's logout to /console/auth/signed-out.",
        empty: true,
        headers: to("The sign-in service's logout."),
      },
    },
  },
  {
    method: 'GET',
    path: '/console/auth/signed-out',
    function: 'console-auth',
    access: 'public',
    tag: 'sign-in',
    summary: 'The page that says the session has ended.',
    responses: { 200: { description: 'The page.', html: 'only' } },
  },
];
