// GET /affiliates/{id}/report?token=...: the page behind the personal link in reminder
// emails. A link that does not check out gets a clear page in the visitor's language.
// Reopened after a report was sent, it shows where that report stands: accepted (no
// form), or received / rejected with what to do and the form to send a correction.
// Below it, the document uploads: one plain form per document, posting straight to S3.
//
// POST /affiliates/{id}/uploads: the same presigned POST for an API client (Bearer token).

import * as v from 'valibot';
import { periodKey } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { config } from '#shared/config.ts';
import { invalidRequest, notFound } from '#shared/errors.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html, json, pageCsp } from '#shared/http/respond.ts';
import type { HttpEvent } from '#shared/http/types.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { bearerToken, checkLink, linkRefused } from '#shared/reports/access.ts';
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
import { documentsSection } from '#shared/uploads/pages.ts';
import { UPLOAD_KINDS, uploadRequestSchema } from '#shared/uploads/rules.ts';
import { listUploads } from '#shared/uploads/store.ts';
import { uploadForm } from '#shared/uploads/upload-form.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export const handler = httpHandler(async (event) => {
  if (event.routeKey === 'POST /affiliates/{id}/uploads') return presign(event);
  if (event.routeKey !== 'GET /affiliates/{id}/report') throw notFound();
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
  const [reports, uploads] = await Promise.all([listReports(affiliateId), listUploads(affiliateId, period)]);
  const sent = reports
    .filter((r) => r.period === period)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  // One presigned form per document; S3 sends the browser back to the completion page.
  const completion = (kind: string) =>
    `${config().publicBaseUrl}/affiliates/${encodeURIComponent(affiliateId)}/uploads/${kind}/complete?token=${encodeURIComponent(token!)}&lang=${lang}`;
  const forms = await Promise.all(
    UPLOAD_KINDS.map(async (kind) => {
      const form = await uploadForm({
        affiliateId,
        period,
        kind,
        now: clock.now(),
        redirectTo: completion(kind),
      });
      return { kind, url: form.url, fields: form.fields, current: uploads.find((u) => u.document === kind) };
    }),
  );
  const documents = documentsSection(lang, forms);
  const headers = { ...NO_STORE, 'content-security-policy': pageCsp([new URL(forms[0]!.url).origin]) };

  // Where the policy asks for a financial report too, the page offers a form for each
  // report not yet accepted, and is done only when both are.
  const open = reportsStillOpen(affiliate, sent);
  const accepted = sent.find((r) => r.status === 'accepted');
  if (accepted && !open.length)
    return html(200, acceptedPage({ lang, affiliateId, token }, accepted, documents), headers);
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
      documents,
    }),
    headers,
  );
});

async function presign(event: HttpEvent) {
  const affiliateId = event.pathParameters?.id ?? '';
  const link = await checkLink(bearerToken(event), affiliateId, clock);
  if (!link.ok) throw linkRefused(link.problem);
  const parsed = v.safeParse(uploadRequestSchema, readBody(event).data);
  if (!parsed.success)
    throw invalidRequest('Name the document: financial_statement or activity_report.', [
      { field: 'kind', message: parsed.issues[0]!.message },
    ]);
  await affiliateOr404(affiliateId);
  const upload = await uploadForm({
    affiliateId,
    period: periodKey(link.agreement),
    kind: parsed.output.kind,
    now: clock.now(),
  });
  return json(200, { upload }, NO_STORE);
}
