// What the system reads from a person's Cognito ID token: who they are (the email, the
// "who" of every timeline entry and decision) and whether they belong to the organizers
// group. Pure: the handlers, the console-auth function and the local authorizer share it.

import type { ClaimValue } from '../http/types.ts';

/** The Cognito group whose members may use /admin/* routes and the console. */
export const ORGANIZERS_GROUP = 'organizers';

export type Claims = Record<string, ClaimValue>;

/**
 * The groups a token names. A raw Cognito token has a JSON array; API Gateway's JWT
 * authorizer hands the same claim to the function as one string, "[organizers other]".
 * Group names never contain spaces here (we create them; see infra/).
 */
export function groupsOf(claims: Claims): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  const inner = raw.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter(Boolean);
}

export const isOrganizer = (claims: Claims): boolean => groupsOf(claims).includes(ORGANIZERS_GROUP);

/** The claim as text whatever form it came in ("" when absent). */
export function claimText(claims: Claims, name: string): string {
  const value = claims[name];
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/**
 * API Gateway's JWT authorizer's rendering of a token's claims: every value becomes a
 * string, arrays as "[a b]". The local authorizer uses it so handlers see locally
 * exactly what they see in AWS.
 */
export function asGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value)
      ? `[${value.map(String).join(' ')}]`
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  }
  return out;
}
