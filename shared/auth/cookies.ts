// The two cookies of console sign-in. Both HttpOnly: page scripts never see them.
// - the sign-in cookie carries the state, the PKCE verifier and where to go next across
//   the trip to the sign-in page. SameSite=Lax, because the browser comes back from the
//   sign-in domain (another site) with a top-level GET, which Strict would strip it from.
//   Path: the callback only; gone after ten minutes or on use.
// - the session cookie holds the refresh token. SameSite=Strict and scoped to
//   /console/auth, so it goes with the console's own token and sign-out requests only,
//   never with a request another site starts.
// Secure whenever the console is served over https (always in AWS; the local stack is
// plain http on 127.0.0.1).

import { REFRESH_TOKEN_HOURS, SIGN_IN_MINUTES } from './lifetimes.ts';

export const SIGN_IN_COOKIE = 'console_sign_in';
export const SESSION_COOKIE = 'console_session';
export const CALLBACK_PATH = '/console/auth/callback';
export const SESSION_PATH = '/console/auth';

export interface SignInTrip {
  state: string;
  verifier: string;
  next: string;
}

function cookie(name: string, value: string, attributes: string[], secure: boolean): string {
  return [`${name}=${value}`, ...attributes, 'HttpOnly', ...(secure ? ['Secure'] : [])].join('; ');
}

export const signInCookie = (trip: SignInTrip, secure: boolean) =>
  cookie(
    SIGN_IN_COOKIE,
    Buffer.from(JSON.stringify(trip)).toString('base64url'),
    [`Path=${CALLBACK_PATH}`, `Max-Age=${SIGN_IN_MINUTES * 60}`, 'SameSite=Lax'],
    secure,
  );

export const clearSignInCookie = (secure: boolean) =>
  cookie(SIGN_IN_COOKIE, '', [`Path=${CALLBACK_PATH}`, 'Max-Age=0', 'SameSite=Lax'], secure);

export const sessionCookie = (refreshToken: string, secure: boolean) =>
  cookie(
    SESSION_COOKIE,
    refreshToken,
    [`Path=${SESSION_PATH}`, `Max-Age=${REFRESH_TOKEN_HOURS * 3600}`, 'SameSite=Strict'],
    secure,
  );

export const clearSessionCookie = (secure: boolean) =>
  cookie(SESSION_COOKIE, '', [`Path=${SESSION_PATH}`, 'Max-Age=0', 'SameSite=Strict'], secure);

/** A cookie's value from payload 2.0's `cookies` ("name=value" each). */
export function cookieValue(cookies: string[] | undefined, name: string): string | undefined {
  for (const c of cookies ?? []) {
    const eq = c.indexOf('=');
    if (eq > 0 && c.slice(0, eq).trim() === name) return c.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The sign-in cookie's contents, or undefined when it is missing or not ours. */
export function readSignInTrip(raw: string | undefined): SignInTrip | undefined {
  if (!raw || raw.length > 4096) return undefined;
  try {
    const trip = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SignInTrip>;
    if (typeof trip.state !== 'string' || typeof trip.verifier !== 'string' || typeof trip.next !== 'string')
      return undefined;
    return { state: trip.state, verifier: trip.verifier, next: trip.next };
  } catch {
    return undefined;
  }
}
