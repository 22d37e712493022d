// The completion step of a document upload, behind the personal link:
//   POST /affiliates/{id}/uploads/{kind}/complete   an API client (Bearer token): JSON
//   GET  /affiliates/{id}/uploads/{kind}/complete   where S3 sends the browser after the
//        report page's plain form (token in the query): the same check, as a page.
// Both check the object S3 holds (size, PDF header) and record it, or remove it (422).
// Repeating it is harmless: the same object is recorded once.

import { periodKey } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { HttpError, notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html, json } from '#shared/http/respond.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { bearerToken, checkLink, linkRefused } from '#shared/reports/access.ts';
import { linkProblemPage, reportPageHref, uploadResultPage } from '#shared/uploads/pages.ts';
import { isUploadKind } from '#shared/uploads/rules.ts';
import { completeUpload } from '#shared/uploads/service.ts';
import { requireAffiliate } from '#shared/uploads/store.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export const handler = httpHandler(async (event) => {
  const affiliateId = event.pathParameters?.id ?? '';
  const kind = event.pathParameters?.kind;
  const asPage = event.routeKey.startsWith('GET ');
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const token = asPage ? event.queryStringParameters?.token : bearerToken(event);
  const link = await checkLink(token, affiliateId, clock);
  if (!link.ok) {
    if (asPage)
      return html(link.problem === 'expired' ? 410 : 401, linkProblemPage(lang, link.problem), NO_STORE);
    throw linkRefused(link.problem);
  }
  if (!isUploadKind(kind)) throw notFound('No such document: financial_statement or activity_report.');
  await requireAffiliate(affiliateId);
  const input = { affiliateId, period: periodKey(link.agreement), kind, who: 'affiliate' };
  if (!asPage) {
    const { created, upload } = await completeUpload({ clock }, input);
    const { pk: _pk, sk: _sk, ...shown } = upload;
    return json(created ? 201 : 200, { upload: shown, created }, NO_STORE);
  }
  const page = {
    lang,
    backHref: reportPageHref(affiliateId, token!, lang),
    languageHref: (code: string) =>
      `/affiliates/${encodeURIComponent(affiliateId)}/uploads/${kind}/complete?token=${encodeURIComponent(token!)}&lang=${code}`,
  };
  try {
    const { upload } = await completeUpload({ clock }, input);
    return html(
      200,
      uploadResultPage({ ...page, outcome: { ok: true, upload, ...link.agreement } }),
      NO_STORE,
    );
  } catch (error) {
    if (!(error instanceof HttpError) || (error.statusCode !== 422 && error.statusCode !== 404)) throw error;
    return html(
      error.statusCode,
      uploadResultPage({ ...page, outcome: { ok: false, code: error.code, kind } }),
      NO_STORE,
    );
  }
});
