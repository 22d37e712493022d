// Public listings, what meta's affiliates pages show:
//   GET /affiliates                   every affiliate on the affiliates page
//   GET /affiliates/formerly-active   the Formerly Active Affiliates, with the date
// A group moved to Formerly Active stays on that list, whatever reports arrive, until an
// organizer reinstates it (isListedPublicly).

import { notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { isListedPublicly, listAffiliates } from '#shared/lifecycle/views.ts';

const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler(async (event) => {
  switch (event.routeKey) {
    case 'GET /affiliates': {
      const list = (
        await listAffiliates(['active', 'report_due', 'expired', 'removal_held', 'reinstatement_review'])
      ).filter(isListedPublicly);
      return json(
        200,
        {
          affiliates: list.map((a) => ({
            id: a.id,
            name: a.name,
            logoUrl: a.logoUrl,
            metaPage: a.metaPage,
            type: a.type,
          })),
        },
        CACHE,
      );
    }
    case 'GET /affiliates/formerly-active': {
      const list = (await listAffiliates(['formerly_active', 'reinstatement_review'])).filter(
        (a) => !isListedPublicly(a),
      );
      return json(
        200,
        {
          affiliates: list.map((a) => ({
            id: a.id,
            name: a.name,
            metaPage: a.metaPage,
            type: a.type,
            formerlyActiveOn: a.formerlyActiveOn,
          })),
        },
        CACHE,
      );
    }
    default:
      throw notFound();
  }
});
