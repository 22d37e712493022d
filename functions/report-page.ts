// GET /affiliates/{id}/report?token=...: the page behind the personal link in reminder
// emails. A link that does not check out gets a clear page in the visitor's language.

import { clock } from '#shared/clock.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html } from '#shared/http/respond.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { checkLink } from '#shared/reports/access.ts';
import { badLinkPage, reportFormPage } from '#shared/reports/pages.ts';
import { affiliateOr404 } from '#shared/reports/service.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export const handler = httpHandler(async (event) => {
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const affiliateId = event.pathParameters?.id ?? '';
  const token = event.queryStringParameters?.token;
  const link = await checkLink(token, affiliateId, clock);
  if (!link.ok)
    return html(link.problem === 'expired' ? 410 : 401, badLinkPage(lang, link.problem), NO_STORE);
  const affiliate = await affiliateOr404(affiliateId);
  return html(
    200,
    reportFormPage({
      lang,
      affiliateId,
      affiliateName: affiliate.name,
      agreement: link.agreement,
      token: token!,
    }),
    NO_STORE,
  );
});
