// Sign-in for the organiser console (docs/sign-in.md): the authorization-code flow with
// PKCE against Cognito's managed login (the local identity provider locally), the
// refresh token kept in an HttpOnly cookie, and the short-lived ID token handed to the
// console's script, which keeps it in memory and sends it to /admin/* as a bearer token.
//   GET  /console/sign-in?next=/console/...   -> the sign-in page, then back to `next`
//   GET  /console/auth/callback               <- the sign-in page sends the browser here
//   POST /console/auth/token                  -> { token, expiresAt, email, organizer } or 401
//   POST /console/auth/sign-out               -> revoke, clear the cookie, 303 to the page below
//   POST /console/sign-out                    -> 307 to the above (where the cookie is sent)
//   GET  /console/auth/signed-out             -> "you have signed out" (with ?ending=1, it
//                                                 also takes the browser through the sign-in
//                                                 service's logout, which comes back here)

import { isOrganizer } from '#shared/auth/claims.ts';
import {
  CALLBACK_PATH,
  clearSessionCookie,
  clearSignInCookie,
  cookieValue,
  readSignInTrip,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  sessionCookie,
  signInCookie,
} from '#shared/auth/cookies.ts';
import { safeNext } from '#shared/auth/next.ts';
import { authorizeUrl, exchangeCode, idTokenFacts, logoutUrl, refresh, revoke } from '#shared/auth/oauth.ts';
import { signedOutPage } from '#shared/auth/pages.ts';
import { challengeOf, randomSecret, sameSecret } from '#shared/auth/pkce.ts';
import { config, signInSettings } from '#shared/config.ts';
import { errorBody, HttpError, invalidRequest, notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html, json, redirect } from '#shared/http/respond.ts';
import type { HttpResult } from '#shared/http/types.ts';
import { log } from '#shared/log.ts';

const SIGNED_OUT_PATH = '/console/auth/signed-out';
const noStore = { 'cache-control': 'no-store' };
const secure = () => config().publicBaseUrl.startsWith('https://');
const callbackUrl = () => `${config().publicBaseUrl}${CALLBACK_PATH}`;

const signedOut = (message: string) => new HttpError(401, 'signed_out', message);

export const handler = httpHandler(async (event) => {
  const settings = signInSettings();
  const query = event.queryStringParameters ?? {};
  switch (event.routeKey) {
    case 'GET /console/sign-in': {
      const next = safeNext(query.next);
      if (!next)
        throw invalidRequest('next must be a path of the console (/console/...) on this site.', [
          { field: 'next', message: 'a path starting with /console/' },
        ]);
      const trip = { state: randomSecret(), verifier: randomSecret(), next };
      const to = authorizeUrl(settings, {
        redirectUri: callbackUrl(),
        state: trip.state,
        challenge: challengeOf(trip.verifier),
      });
      return withCookies(redirect(to), signInCookie(trip, secure()));
    }

    case 'GET /console/auth/callback': {
      const trip = readSignInTrip(cookieValue(event.cookies, SIGN_IN_COOKIE));
      const restart = 'Start again from the sign-in link.';
      if (query.error)
        throw new HttpError(
          401,
          'sign_in_failed',
          // Only an OAuth error code is repeated: anything else is text from the address bar.
          `Sign-in did not complete${/^[a-z_]{1,40}$/.test(query.error) ? ` (${query.error})` : ''}. ${restart}`,
        );
      if (!trip || !query.state || !sameSecret(query.state, trip.state) || !query.code)
        throw new HttpError(
          400,
          'sign_in_expired',
          `This sign-in has expired or was started elsewhere. ${restart}`,
        );
      const tokens = await exchangeCode(settings, {
        code: query.code,
        redirectUri: callbackUrl(),
        verifier: trip.verifier,
      });
      if (!tokens?.refreshToken)
        throw new HttpError(400, 'sign_in_expired', `The sign-in service refused this sign-in. ${restart}`);
      log.info('signed in', { sub: idTokenFacts(tokens.idToken).sub });
      const next = safeNext(trip.next) ?? '/console/';
      return withCookies(
        redirect(next, 303),
        clearSignInCookie(secure()),
        sessionCookie(tokens.refreshToken, secure()),
      );
    }

    case 'POST /console/auth/token': {
      const refreshToken = cookieValue(event.cookies, SESSION_COOKIE);
      if (!refreshToken) throw signedOut('Not signed in.');
      const tokens = await refresh(settings, refreshToken);
      if (!tokens)
        return withCookies(
          json(401, errorBody(signedOut('The session has ended; sign in again.'))),
          clearSessionCookie(secure()),
        );
      const facts = idTokenFacts(tokens.idToken);
      return json(
        200,
        {
          token: tokens.idToken,
          expiresAt: facts.expiresAt.toISOString(),
          email: facts.email,
          organizer: isOrganizer({ 'cognito:groups': facts.groups }),
        },
        noStore,
      );
    }

    case 'POST /console/sign-out':
      // The session cookie is scoped to /console/auth; 307 keeps the method, so the
      // browser posts again where the cookie goes.
      return redirect('/console/auth/sign-out', 307);

    case 'POST /console/auth/sign-out': {
      const refreshToken = cookieValue(event.cookies, SESSION_COOKIE);
      if (refreshToken) await revoke(settings, refreshToken);
      // To our own page first: a form's redirects are held to the page's CSP form-action
      // ('self'), so a 303 straight to the sign-in domain would be blocked in the browser.
      return withCookies(
        redirect(`${SIGNED_OUT_PATH}?ending=1`, 303),
        clearSessionCookie(secure()),
        clearSignInCookie(secure()),
      );
    }

    case 'GET /console/auth/signed-out': {
      // Then through the sign-in service's logout (a plain navigation from this page),
      // which ends its own session too, so the next person at this browser has to type a
      // password; it sends the browser back here, without ?ending.
      const idpLogout =
        query.ending === '1' ? logoutUrl(settings, `${config().publicBaseUrl}${SIGNED_OUT_PATH}`) : undefined;
      return html(200, signedOutPage(idpLogout), noStore);
    }

    default:
      throw notFound();
  }
});

/** Replies that set cookies are never cached. */
const withCookies = (result: HttpResult, ...cookies: string[]): HttpResult => ({
  ...result,
  headers: { ...result.headers, ...noStore },
  cookies,
});
