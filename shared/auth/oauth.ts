// The console's side of OAuth 2.0 with Cognito's managed login (or the local identity
// provider, which answers on the same paths): the authorize address, the code exchange
// with the PKCE verifier, refresh, revocation and the logout address. Plain fetch, no SDK:
// these are Cognito's public OAuth endpoints, called as the app client (a public client,
// no secret).

import type { SignInSettings } from '../config.ts';
import { HttpError, serviceUnavailable } from '../errors.ts';
import { log } from '../log.ts';

/** The scopes asked for: openid gives the ID token, email puts the address in it. */
export const SCOPES = 'openid email';
const TIMEOUT_MS = 5000;

export interface Tokens {
  idToken: string;
  /** Only from the code exchange: Cognito does not rotate refresh tokens by default. */
  refreshToken?: string;
}

export interface IdTokenFacts {
  email: string;
  sub: string;
  groups: string[];
  expiresAt: Date;
}

export function authorizeUrl(
  settings: SignInSettings,
  params: { redirectUri: string; state: string; challenge: string },
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
    scope: SCOPES,
  });
  return `${settings.domain}/oauth2/authorize?${query}`;
}

/** Cognito's logout endpoint ends its own sign-in session, then sends the browser to logoutUri. */
export function logoutUrl(settings: SignInSettings, logoutUri: string): string {
  const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: logoutUri });
  return `${settings.domain}/logout?${query}`;
}

async function post(
  settings: SignInSettings,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(`${settings.domain}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    log.warn('sign-in service unreachable', { path, error: (error as Error).name });
    throw serviceUnavailable('The sign-in service does not answer; try again shortly.');
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (an HTML error page): the status says enough.
  }
  if (res.status >= 500) {
    log.warn('sign-in service failed', { path, status: res.status });
    throw serviceUnavailable('The sign-in service failed; try again shortly.');
  }
  return { status: res.status, body };
}

function tokensFrom(body: Record<string, unknown>): Tokens {
  if (typeof body.id_token !== 'string')
    throw new HttpError(502, 'bad_gateway', 'The sign-in service answered without an ID token.');
  return {
    idToken: body.id_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
  };
}

/** The code from the callback, for tokens; undefined when the server refuses the code. */
export async function exchangeCode(
  settings: SignInSettings,
  params: { code: string; redirectUri: string; verifier: string },
): Promise<Tokens | undefined> {
  const { status, body } = await post(settings, '/oauth2/token', {
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.verifier,
  });
  if (status !== 200) {
    log.info('code exchange refused', { status, error: String(body.error ?? '') });
    return undefined;
  }
  return tokensFrom(body);
}

/** A fresh ID token for a refresh token; undefined when it is revoked, expired or unknown. */
export async function refresh(settings: SignInSettings, refreshToken: string): Promise<Tokens | undefined> {
  const { status, body } = await post(settings, '/oauth2/token', {
    grant_type: 'refresh_token',
    client_id: settings.clientId,
    refresh_token: refreshToken,
  });
  if (status !== 200) return undefined;
  return tokensFrom(body);
}

/** Revokes the refresh token (and the tokens issued from it, for Cognito's own APIs). */
export async function revoke(settings: SignInSettings, refreshToken: string): Promise<void> {
  const { status, body } = await post(settings, '/oauth2/revoke', {
    token: refreshToken,
    client_id: settings.clientId,
  });
  if (status !== 200) log.info('revocation refused', { status, error: String(body.error ?? '') });
}

/**
 * What the console needs from an ID token. Not verified here: it came straight from the
 * token endpoint over TLS (OpenID Connect Core 3.1.3.7 allows that in place of the
 * signature check), and it is never trusted for access: API Gateway's authorizer checks
 * the signature on every admin request.
 */
export function idTokenFacts(idToken: string): IdTokenFacts {
  const payload = idToken.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const groups = claims['cognito:groups'];
  return {
    email: String(claims.email ?? ''),
    sub: String(claims.sub ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    expiresAt: new Date(Number(claims.exp) * 1000),
  };
}
