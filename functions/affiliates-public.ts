// Public listings, what meta's affiliates pages show:
//   GET /affiliates                   every affiliate on the affiliates page
//   GET /affiliates/formerly-active   the Formerly Active Affiliates, with the date
// A group moved to Formerly Active stays on that list, whatever reports arrive, until an
// organizer reinstates it (isListedPublicly). Browsers get a page (English or Urdu:
// ?lang= or Accept-Language), programs JSON; both are cacheable for five minutes and carry
// an ETag, so a repeat visit costs a 304.

import { createHash } from 'node:crypto';
import { affiliatesPage, type PublicAffiliate } from '#shared/affiliates/pages.ts';
import { notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { header, html, json, prefersHtml } from '#shared/http/respond.ts';
import type { HttpEvent, HttpResult } from '#shared/http/types.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { isListedPublicly, listAffiliates } from '#shared/lifecycle/views.ts';

const CACHE = 'public, max-age=300';

/** The reply, or 304 when the client already holds this version. */
function cached(event: HttpEvent, reply: HttpResult): HttpResult {
  const etag = `"${createHash('sha256')
    .update(reply.body ?? '')
    .digest('base64url')
    .slice(0, 27)}"`;
  const vary = 'accept, accept-language';
  const headers = { ...reply.headers, 'cache-control': CACHE, etag, vary };
  const known = header(event, 'if-none-match');
  if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return { statusCode: 304, headers: { 'cache-control': CACHE, etag, vary } };
  return { ...reply, headers };
}

export const handler = httpHandler(async (event) => {
  const lang = negotiateLanguage(event.queryStringParameters?.lang, header(event, 'accept-language'));
  // Browsers get the page, programs the list; both from the same items.
  const answer = (items: PublicAffiliate[], formerly: boolean) =>
    cached(
      event,
      prefersHtml(event)
        ? html(200, affiliatesPage(lang, items, formerly))
        : json(200, { affiliates: items }),
    );
  switch (event.routeKey) {
    case 'GET /affiliates': {
      const list =
        // A suspended chapter is still recognised: suspension is never a public step.
        (
          await listAffiliates([
            'active',
            'report_due',
            'expired',
            'removal_held',
            'reinstatement_review',
            'suspended',
          ])
        ).filter(isListedPublicly);
      return answer(
        list.map((a) => ({ id: a.id, name: a.name, logoUrl: a.logoUrl, metaPage: a.metaPage, type: a.type })),
        false,
      );
    }
    case 'GET /affiliates/formerly-active': {
      const list = (await listAffiliates(['formerly_active', 'reinstatement_review'])).filter(
        (a) => !isListedPublicly(a),
      );
      const items = list.map((a) => ({
        id: a.id,
        name: a.name,
        metaPage: a.metaPage,
        type: a.type,
        formerlyActiveOn: a.formerlyActiveOn,
      }));
      return answer(items, true);
    }
    default:
      throw notFound();
  }
});
