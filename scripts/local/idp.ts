// The local identity provider: the parts of a Cognito user pool and its managed login
// that console sign-in uses, on the local server under /_local/idp, with no AWS.
//   GET  /_local/idp/oauth2/authorize   a sign-in page: type the organiser's email (and
//                                        untick "organizers" to be someone outside it)
//   POST /_local/idp/oauth2/authorize   -> back to the callback with ?code=&state=
//   POST /_local/idp/oauth2/token       authorization_code (+ PKCE S256) and refresh_token
//   POST /_local/idp/oauth2/revoke      revokes a refresh token
//   GET  /_local/idp/logout             -> logout_uri (there is no local session to end)
//   GET  /_local/idp/.well-known/jwks.json and /.well-known/openid-configuration
// Tokens carry the claims Cognito puts in them (sub, email, cognito:groups, iss, aud or
// client_id, token_use, auth_time, exp, iat, jti...), signed with a key made per run.
// No password and no MFA: whoever can reach 127.0.0.1 is trusted, as with ADMIN_TOKEN.

import { createHash, randomUUID } from 'node:crypto';
import { ORGANIZERS_GROUP } from '../../shared/auth/claims.ts';
import { ID_TOKEN_MINUTES, REFRESH_TOKEN_HOURS } from '../../shared/auth/lifetimes.ts';
import { challengeOf, randomSecret, sameSecret } from '../../shared/auth/pkce.ts';
import { PAGE_STYLE } from '../../shared/html/layout.ts';
import { html, trusted } from '../../shared/html/template.ts';
import type { HttpResult } from '../../shared/http/types.ts';
import type { LocalRoute } from './http-server.ts';
import { newSigningKey, type PublicJwk, type SigningKey, signJwt } from './jwt.ts';

export const IDP_PATH = '/_local/idp';
export const LOCAL_CLIENT_ID = 'local-console';
const CODE_SECONDS = 300;

export interface LocalUser {
  email: string;
  /** In the organizers group (the sign-in page's checkbox). */
  organizer: boolean;
}

export interface LocalIdpOptions {
  /** The local server's base URL: the issuer is <baseUrl>/_local/idp. */
  baseUrl: string;
  clientId?: string;
  /** The email the sign-in page suggests: the local organiser. */
  suggestedEmail: string;
}

interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: LocalUser;
  authTime: number;
  expires: number;
}

interface Session {
  clientId: string;
  user: LocalUser;
  authTime: number;
  originJti: string;
  expires: number;
  revoked: boolean;
}

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});
const oauthError = (error: string) => json(400, { error });
const page = (statusCode: number, markup: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: markup,
});
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class LocalIdp {
  readonly issuer: string;
  readonly clientId: string;
  readonly callbackUrl: string;
  readonly logoutUrl: string;
  private readonly key: SigningKey = newSigningKey();
  private readonly codes = new Map<string, Code>();
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: LocalIdpOptions) {
    this.issuer = `${options.baseUrl}${IDP_PATH}`;
    this.clientId = options.clientId ?? LOCAL_CLIENT_ID;
    // The app client's registered URLs, as infra/ registers them for Cognito.
    this.callbackUrl = `${options.baseUrl}/console/auth/callback`;
    this.logoutUrl = `${options.baseUrl}/console/auth/signed-out`;
  }

  jwks(): PublicJwk[] {
    return [this.key.jwk];
  }

  /** Cognito's `sub` is a UUID that never changes for a user; here one derived from the email. */
  subOf(email: string): string {
    const h = createHash('sha256').update(email.toLowerCase()).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** The claims of a Cognito ID token for this user (what the authorizer hands on, before stringifying). */
  idClaims(user: LocalUser, at: { nowMs?: number; authTime?: number; originJti?: string } = {}) {
    const now = Math.floor((at.nowMs ?? Date.now()) / 1000);
    const sub = this.subOf(user.email);
    return {
      sub,
      ...(user.organizer ? { 'cognito:groups': [ORGANIZERS_GROUP] } : {}),
      email_verified: true,
      iss: this.issuer,
      'cognito:username': sub,
      origin_jti: at.originJti ?? randomUUID(),
      aud: this.clientId,
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: at.authTime ?? now,
      exp: now + ID_TOKEN_MINUTES * 60,
      iat: now,
      jti: randomUUID(),
      email: user.email,
    };
  }

  /** Signs any claims with this run's key (tests make expired tokens with it). */
  sign(claims: Record<string, unknown>): string {
    return signJwt(this.key, claims);
  }

  private tokensFor(session: Session, withRefresh?: string) {
    const idClaims = this.idClaims(session.user, {
      authTime: session.authTime,
      originJti: session.originJti,
    });
    const access = {
      sub: idClaims.sub,
      ...(session.user.organizer ? { 'cognito:groups': [ORGANIZERS_GROUP] } : {}),
      iss: this.issuer,
      client_id: this.clientId,
      origin_jti: session.originJti,
      event_id: idClaims.event_id,
      token_use: 'access',
      scope: 'openid email',
      auth_time: session.authTime,
      exp: idClaims.exp,
      iat: idClaims.iat,
      jti: randomUUID(),
      username: idClaims.sub,
    };
    return {
      id_token: this.sign(idClaims),
      access_token: this.sign(access),
      ...(withRefresh ? { refresh_token: withRefresh } : {}),
      expires_in: ID_TOKEN_MINUTES * 60,
      token_type: 'Bearer',
    };
  }

  routes(): Record<string, LocalRoute> {
    return {
      [`GET ${IDP_PATH}/oauth2/authorize`]: async (req) =>
        this.authorizePage(new URL(req.url ?? '/', 'http://local').searchParams),
      [`POST ${IDP_PATH}/oauth2/authorize`]: async (_req, body) => this.signIn(form(body)),
      [`POST ${IDP_PATH}/oauth2/token`]: async (_req, body) => this.token(form(body)),
      [`POST ${IDP_PATH}/oauth2/revoke`]: async (_req, body) => this.revoke(form(body)),
      [`GET ${IDP_PATH}/logout`]: async (req) =>
        this.logout(new URL(req.url ?? '/', 'http://local').searchParams),
      [`GET ${IDP_PATH}/.well-known/jwks.json`]: async () => json(200, { keys: this.jwks() }),
      [`GET ${IDP_PATH}/.well-known/openid-configuration`]: async () =>
        json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/oauth2/authorize`,
          token_endpoint: `${this.issuer}/oauth2/token`,
          revocation_endpoint: `${this.issuer}/oauth2/revoke`,
          end_session_endpoint: `${this.issuer}/logout`,
          jwks_uri: `${this.issuer}/.well-known/jwks.json`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
    };
  }

  /** The request's problem, as Cognito would refuse it, or undefined when it may proceed. */
  private requestProblem(p: URLSearchParams): string | undefined {
    if (p.get('response_type') !== 'code') return 'unsupported_response_type';
    if (p.get('client_id') !== this.clientId) return 'invalid_client';
    if (p.get('redirect_uri') !== this.callbackUrl) return 'redirect_mismatch';
    if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) return 'invalid_request';
    return undefined;
  }

  private authorizePage(p: URLSearchParams, problem?: string): HttpResult {
    const refused = this.requestProblem(p);
    if (refused) return page(400, errorPage(refused));
    const hidden = [
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge',
      'code_challenge_method',
      'scope',
    ];
    return page(
      problem ? 400 : 200,
      html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in (local) · Organiser console</title><style>${trusted(PAGE_STYLE)}</style></head>
<body><main id="main">
<h1>Sign in (local identity provider)</h1>
<p class="notice">This stands in for the user pool's sign-in page on this machine: no password, no code.</p>
${problem ? html`<p class="error-text" role="alert">${problem}</p>` : ''}
<form method="post" action="${IDP_PATH}/oauth2/authorize">
${hidden.map((name) => html`<input type="hidden" name="${name}" value="${p.get(name) ?? ''}">`)}
<div class="field"><label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${p.get('email') ?? this.options.suggestedEmail}"></div>
<div class="field"><label><input type="checkbox" name="organizer" value="yes" checked style="width:auto"> Member of the ${ORGANIZERS_GROUP} group</label>
<p class="hint">Untick to sign in as someone outside it (the console and /admin/* then refuse you).</p></div>
<button type="submit">Sign in</button>
</form></main></body></html>`.value,
    );
  }

  private signIn(p: URLSearchParams): HttpResult {
    if (this.requestProblem(p)) return this.authorizePage(p);
    const email = (p.get('email') ?? '').trim();
    if (!EMAIL.test(email)) return this.authorizePage(p, 'Type an email address.');
    const code = randomUUID();
    const now = Date.now();
    this.codes.set(code, {
      clientId: this.clientId,
      redirectUri: p.get('redirect_uri')!,
      challenge: p.get('code_challenge')!,
      user: { email, organizer: p.get('organizer') === 'yes' },
      authTime: Math.floor(now / 1000),
      expires: now + CODE_SECONDS * 1000,
    });
    const back = new URL(p.get('redirect_uri')!);
    back.searchParams.set('code', code);
    if (p.get('state')) back.searchParams.set('state', p.get('state')!);
    return { statusCode: 302, headers: { location: back.toString() }, body: '' };
  }

  private token(p: URLSearchParams): HttpResult {
    if (p.get('client_id') !== this.clientId) return oauthError('invalid_client');
    const grant = p.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(p.get('code') ?? '');
      // A code is good once, whatever happens next.
      if (code) this.codes.delete(p.get('code')!);
      if (!code || code.expires < Date.now() || code.redirectUri !== p.get('redirect_uri'))
        return oauthError('invalid_grant');
      if (!sameSecret(challengeOf(p.get('code_verifier') ?? ''), code.challenge))
        return oauthError('invalid_grant');
      const refreshToken = randomSecret() + randomSecret();
      const session: Session = {
        clientId: code.clientId,
        user: code.user,
        authTime: code.authTime,
        originJti: randomUUID(),
        expires: Date.now() + REFRESH_TOKEN_HOURS * 3600_000,
        revoked: false,
      };
      this.sessions.set(refreshToken, session);
      return json(200, this.tokensFor(session, refreshToken));
    }
    if (grant === 'refresh_token') {
      const session = this.sessions.get(p.get('refresh_token') ?? '');
      if (!session || session.revoked || session.expires < Date.now()) return oauthError('invalid_grant');
      return json(200, this.tokensFor(session));
    }
    return oauthError('unsupported_grant_type');
  }

  private revoke(p: URLSearchParams): HttpResult {
    if (p.get('client_id') !== this.clientId) return oauthError('invalid_client');
    const session = this.sessions.get(p.get('token') ?? '');
    if (session) session.revoked = true;
    return { statusCode: 200, headers: {}, body: '' };
  }

  private logout(p: URLSearchParams): HttpResult {
    if (p.get('client_id') !== this.clientId || p.get('logout_uri') !== this.logoutUrl)
      return page(400, errorPage('redirect_mismatch'));
    return { statusCode: 302, headers: { location: this.logoutUrl }, body: '' };
  }
}

function form(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

function errorPage(error: string): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head>
<body><main><h1>Sign-in error</h1><p>${error}</p></main></body></html>`.value;
}
