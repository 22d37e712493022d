// Who is calling an admin route. In AWS, API Gateway's JWT authorizer has already checked
// the Cognito ID token (signature, issuer, audience, expiry) and put its claims in
// requestContext.authorizer.jwt.claims; the local server's authorizer does the same
// (scripts/local/jwt-authorizer.ts). Here the person must also be in the organizers
// group. A request without claims is refused too, so a route left without its authorizer
// can never become public. The person's email is the "who" of everything they do.

import { type Claims, claimText, isOrganizer } from '../auth/claims.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { log } from '../log.ts';
import type { HttpEvent } from './types.ts';

export interface Organizer {
  /** The organiser's email: written as "who" on timeline entries and decisions. */
  email: string;
  /** Cognito's id of the person: the only identity that goes into logs. */
  sub: string;
}

/** The organiser behind an admin request; 401 without a person's token, 403 outside organizers. */
export function organizerOf(event: HttpEvent): Organizer {
  const claims = event.requestContext.authorizer?.jwt?.claims as Claims | undefined;
  const sub = claims ? claimText(claims, 'sub') : '';
  if (!claims || !sub) throw unauthorized('This route needs an organizer signed in.');
  if (!isOrganizer(claims)) {
    // One line, and the only trace the request leaves: no email, the sub is enough to act on.
    log.warn('refused: not in the organizers group', { sub, route: event.routeKey });
    throw forbidden('Only members of the organizers group may do this.');
  }
  // The ID token carries the email; an access token (or a token without email) cannot
  // say who acted, so it is refused rather than recorded as someone anonymous.
  const email = claimText(claims, 'email');
  if (claimText(claims, 'token_use') !== 'id' || !email)
    throw unauthorized('Send the ID token of a signed-in organizer (it carries the email).');
  return { email, sub };
}

/** The email of the organiser behind an admin request (see organizerOf). */
export function adminIdentity(event: HttpEvent): string {
  return organizerOf(event).email;
}

/** Admin routes all live under /admin/ (the route table checks it); the route key says which. */
export const isAdminRoute = (event: Pick<HttpEvent, 'routeKey'>): boolean =>
  / \/admin\//.test(event.routeKey ?? '');
