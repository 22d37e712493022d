// Sign-in for the organiser console: public routes at API Gateway (a person is not yet
// signed in when calling them); docs/sign-in.md has the flow and the contract with the
// console's pages.

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

export const signInRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/console/sign-in',
    function: 'console-auth',
    access: 'public',
    summary: `Start signing in: redirects to the sign-in page, and from there back to \`next\`. ${cookieNote}`,
    query: {
      next: 'Where to land afterwards: a path of the console on this site (/console/...); default /console/.',
    },
    responses: {
      302: 'To the sign-in page (Cognito managed login).',
      400: '`next` is not a /console/ path of this site.',
    },
  },
  {
    method: 'GET',
    path: '/console/auth/callback',
    function: 'console-auth',
    access: 'public',
    summary: `Where the sign-in page sends the browser back with a code; exchanges it (with the PKCE verifier) for tokens. ${cookieNote}`,
    query: { code: 'The authorization code.', state: 'The state sent with the sign-in request.' },
    responses: {
      303: 'Signed in: to the `next` path given to /console/sign-in.',
      400: 'No sign-in under way in this browser, a state that does not match, or a refused code (`sign_in_expired`).',
      401: 'The sign-in page reported a failure (`sign_in_failed`).',
      503: 'The sign-in service did not answer.',
    },
  },
  {
    method: 'POST',
    path: '/console/auth/token',
    function: 'console-auth',
    access: 'public',
    summary:
      "A fresh ID token for the console's script, from the session cookie: send it to /admin/* as `Authorization: Bearer <token>`; keep it in memory only.",
    responses: {
      200: '{ "token", "expiresAt", "email", "organizer" }',
      401: 'Not signed in, or the session ended (`signed_out`).',
      503: 'The sign-in service did not answer.',
    },
  },
  {
    method: 'POST',
    path: '/console/sign-out',
    function: 'console-auth',
    access: 'public',
    summary: 'Sign out: 307 to /console/auth/sign-out, where the session cookie is sent.',
    responses: { 307: 'To POST /console/auth/sign-out.' },
  },
  {
    method: 'POST',
    path: '/console/auth/sign-out',
    function: 'console-auth',
    access: 'public',
    summary: `Sign out: revokes the refresh token, clears the cookie, and ends the sign-in page's own session. ${cookieNote}`,
    responses: { 303: "Through the sign-in service's logout to /console/auth/signed-out." },
  },
  {
    method: 'GET',
    path: '/console/auth/signed-out',
    function: 'console-auth',
    access: 'public',
    summary: 'The page that says the session has ended.',
    responses: { 200: 'The page.' },
    html: true,
  },
];
