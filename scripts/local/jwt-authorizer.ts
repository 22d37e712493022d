// What API Gateway's JWT authorizer does on admin routes, for the local server: take the
// token from the Authorization header ("Bearer " optional), check it against the
// identity provider's JWKS (RS256 signature, known key id), its issuer, its audience
// (`aud`, or `client_id` when a token has no `aud`), its times (`exp`, `nbf`, `iat`) and
// that it is a Cognito token (`token_use`); then hand the claims to the function the way
// API Gateway does, every value a string (shared/auth/claims.ts). A refusal is API
// Gateway's own 401, which the function never sees.
// The admin token (ADMIN_TOKEN) stands for one named local organiser, for scripts and
// tests: it gets exactly the claims that organiser's ID token would give.

import { asGatewayClaims } from '../../shared/auth/claims.ts';
import type { HttpEvent, HttpResult } from '../../shared/http/types.ts';
import { type PublicJwk, verifyJwt } from './jwt.ts';

export type Authorizer = NonNullable<HttpEvent['requestContext']['authorizer']>;

export interface JwtAuthorizerOptions {
  issuer: string;
  /** The app client ids the authorizer accepts (API Gateway's `audience`). */
  audience: string[];
  jwks: () => PublicJwk[];
  adminToken: string;
  /** The claims of the organiser the admin token stands for. */
  adminClaims: () => Record<string, unknown>;
}

export type AuthorizerResult = { ok: true; authorizer: Authorizer } | { ok: false; problem: string };

function fromClaims(payload: Record<string, unknown>): Authorizer {
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
  return { principalId: '', integrationLatency: 0, jwt: { claims: asGatewayClaims(payload), scopes: scope } };
}

export function authorize(
  authorization: string | undefined,
  options: JwtAuthorizerOptions,
  nowMs: number = Date.now(),
): AuthorizerResult {
  const token = (authorization ?? '').replace(/^Bearer\s+/i, '').trim();
  if (!token) return { ok: false, problem: 'no token' };
  if (token === options.adminToken) return { ok: true, authorizer: fromClaims(options.adminClaims()) };
  const verified = verifyJwt(token, options.jwks());
  if (!verified.ok) return verified;
  const claims = verified.payload;
  const now = nowMs / 1000;
  if (claims.iss !== options.issuer) return { ok: false, problem: 'wrong issuer' };
  const audience = typeof claims.aud === 'string' ? claims.aud : claims.client_id;
  if (typeof audience !== 'string' || !options.audience.includes(audience))
    return { ok: false, problem: 'wrong audience' };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, problem: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, problem: 'not yet valid' };
  if (typeof claims.iat === 'number' && claims.iat > now + 60)
    return { ok: false, problem: 'issued in the future' };
  if (claims.token_use !== 'id' && claims.token_use !== 'access')
    return { ok: false, problem: 'not a Cognito token' };
  return { ok: true, authorizer: fromClaims(claims) };
}

/** API Gateway's reply when its JWT authorizer refuses a request (the function never runs). */
export const gatewayUnauthorized = (problem: string): HttpResult => ({
  statusCode: 401,
  headers: {
    'content-type': 'application/json',
    'www-authenticate': `Bearer error="invalid_token" error_description="${problem}"`,
  },
  body: JSON.stringify({ message: 'Unauthorized' }),
});
