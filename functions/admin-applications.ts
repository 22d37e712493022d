// Organizer review: list applications by status, read one, record a decision, list
// members. One function for four closely related admin routes.

import {
  countApplications,
  decideApplication,
  getApplication,
  listApplications,
  memberView,
} from '#shared/applications/review.ts';
import { DynamoApplicationStore } from '#shared/applications/store.ts';
import { clock } from '#shared/clock.ts';
import { notFound } from '#shared/errors.ts';
import { adminIdentity } from '#shared/http/admin.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { sesMailer } from '#shared/mail/ses.ts';

const store = new DynamoApplicationStore();
const deps = { store, mailer: sesMailer, clock };
const noStore = { 'cache-control': 'no-store' };

export const handler = httpHandler(async (event) => {
  const organizer = adminIdentity(event);
  const query = event.queryStringParameters ?? {};
  const id = event.pathParameters?.id ?? '';
  switch (event.routeKey) {
    case 'GET /admin/applications':
      return json(200, await listApplications(deps, query), noStore);
    case 'GET /admin/applications/counts':
      return json(200, { counts: await countApplications(deps) }, noStore);
    case 'GET /admin/applications/{id}':
      return json(200, await getApplication(deps, id), noStore);
    case 'POST /admin/applications/{id}/decision': {
      const body = readBody(event, { accept: ['json'] });
      return json(200, await decideApplication(deps, id, body.data, organizer), noStore);
    }
    case 'GET /admin/members': {
      const page = await listApplications(deps, { ...query, status: 'approved' });
      return json(200, { items: page.items.map(memberView), nextCursor: page.nextCursor }, noStore);
    }
    default:
      throw notFound();
  }
});
