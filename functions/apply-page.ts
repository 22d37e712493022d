// GET /apply: the membership form, in the language from ?lang=, Accept-Language or
// English; ?kind=institution shows the institution form. GET / redirects here.

import { applyPage } from '#shared/applications/pages.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { header, html, redirect } from '#shared/http/respond.ts';
import { isSupported, negotiateLanguage } from '#shared/i18n/index.ts';

export const handler = httpHandler(async (event) => {
  const query = event.queryStringParameters ?? {};
  if (event.routeKey === 'GET /') {
    return redirect(isSupported(query.lang) ? `/apply?lang=${query.lang}` : '/apply');
  }
  const lang = negotiateLanguage(query.lang, header(event, 'accept-language'));
  const kind = query.kind === 'institution' ? 'institution' : 'individual';
  return html(200, applyPage({ lang, kind }), { 'content-language': lang, vary: 'accept-language' });
});
