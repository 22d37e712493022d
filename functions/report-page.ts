// GET /affiliates/{id}/report?token=...: the page behind the personal link in reminder
// emails. A link that does not check out gets a clear page in the visitor's language.
// Reopened after a report was sent, it shows where that report stands: accepted (no
// form), or received / rejected with what to do and the form to send a correction.

import { periodKey } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html } from '#shared/http/respond.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { checkLink } from '#shared/reports/access.ts';
import { missingItems } from '#shared/reports/missing.ts';
import {
  acceptedPage,
  badLinkPage,
  reportFormPage,
  reportStatus,
  reportsStillOpen,
} from '#shared/reports/pages.ts';
import { affiliateOr404 } from '#shared/reports/service.ts';
import { listReports } from '#shared/reports/store.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export const handler = httpHandler(async (event) => {
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const affiliateId = event.pathParameters?.id ?? '';
  const token = event.queryStringParameters?.token;
  const link = await checkLink(token, affiliateId, clock);
  if (!link.ok)
    return html(
      link.problem === 'expired' ? 410 : 401,
      badLinkPage(lang, link.problem, affiliateId),
      NO_STORE,
    );
  const affiliate = await affiliateOr404(affiliateId);
  // The reports sent for this link's period: an accepted one ends the matter; otherwise
  // the latest is shown above the form.
  const period = periodKey(link.agreement);
  const sent = (await listReports(affiliateId))
    .filter((r) => r.period === period)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  // Where the policy asks for a financial report too, the page offers a form for each
  // report not yet accepted, and is done only when both are.
  const open = reportsStillOpen(affiliate, sent);
  const accepted = sent.find((r) => r.status === 'accepted');
  if (accepted && !open.length)
    return html(200, acceptedPage({ lang, affiliateId, token }, accepted), NO_STORE);
  const latest = sent.find((r) => r.status !== 'accepted') ?? sent[0];
  return html(
    200,
    reportFormPage({
      lang,
      affiliateId,
      affiliateName: affiliate.name,
      agreement: link.agreement,
      token: token!,
      kinds: open,
      status: latest ? reportStatus(lang, latest, missingItems(lang, latest, affiliate)) : undefined,
    }),
    NO_STORE,
  );
});
