// Who is calling an admin route. In AWS, API Gateway's IAM authorizer has already
// checked the SigV4 signature and filled requestContext.authorizer.iam; the local server
// fills the same fields from the admin bearer token. A request without it is refused
// here too, so a misconfigured route can never become public.

import { unauthorized } from '../errors.ts';
import type { HttpEvent } from './types.ts';

export function adminIdentity(event: HttpEvent): string {
  const iam = event.requestContext.authorizer?.iam;
  const who = iam?.userArn || iam?.userId;
  if (!who) throw unauthorized('This route needs an organizer identity.');
  return who;
}
