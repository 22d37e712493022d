// POST /affiliates/{id}/reports (personal link: Bearer token or the form's token field)
// and POST /admin/affiliates/{id}/reports (an organizer). JSON or form. A form gets an
// HTML page back: the result, or the form again with every problem listed.

import * as v from 'valibot';
import { type Agreement, periodKey } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { type FieldProblem, HttpError, invalidRequest } from '#shared/errors.ts';
import { adminIdentity } from '#shared/http/admin.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html, json } from '#shared/http/respond.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { bearerToken, checkLink, linkRefused } from '#shared/reports/access.ts';
import { missingItems } from '#shared/reports/missing.ts';
import { badLinkPage, reportFormPage, reportsStillOpen, resultPage } from '#shared/reports/pages.ts';
import { MAX_TEXT_BYTES, reportFormSchema } from '#shared/reports/rules.ts';
import { affiliateOr404, submitReport } from '#shared/reports/service.ts';
import { listReports } from '#shared/reports/store.ts';

// A form percent-encodes each byte of Urdu text as three characters; the text itself is
// still held to 200 KB by the schema.
const FORM_BODY_LIMIT = 3 * MAX_TEXT_BYTES + 16 * 1024;

const FORM_FIELDS = [
  'kind',
  'periodStart',
  'periodEnd',
  'metaUrl',
  'text',
  'financialReportUrl',
  'url',
  'reportType',
  'language',
  'englishUrl',
  'englishSummary',
] as const;
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);

export const handler = httpHandler(async (event) => {
  const affiliateId = event.pathParameters?.id ?? '';
  const isAdminRoute = event.routeKey.includes('/admin/');
  const body = readBody(event, { accept: ['json', 'form'], limitBytes: FORM_BODY_LIMIT });
  const asForm = body.format === 'form';
  const lang = negotiateLanguage(str(body.data.lang), event.headers['accept-language']);

  // Who is submitting, and for which agreement period.
  let who = 'affiliate';
  let agreement: Agreement | undefined;
  const token = bearerToken(event) ?? str(body.data.token);
  if (isAdminRoute) {
    who = adminIdentity(event);
  } else {
    const link = await checkLink(token, affiliateId, clock);
    if (!link.ok) {
      if (asForm) return html(401, badLinkPage(lang, link.problem, affiliateId));
      throw linkRefused(link.problem);
    }
    agreement = link.agreement;
  }

  // A form comes back filled in, with every problem listed above it.
  const formAgain = async (status: number, problems: FieldProblem[]) => {
    const affiliate = await affiliateOr404(affiliateId);
    const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, str(body.data[f])]));
    return html(
      status,
      reportFormPage({
        lang,
        affiliateId,
        affiliateName: affiliate.name,
        agreement: agreement!,
        token: token!,
        values,
        problems,
        kinds: reportsStillOpen(
          affiliate,
          (await listReports(affiliateId)).filter((r) => r.period === periodKey(agreement!)),
        ),
      }),
    );
  };

  const parsed = v.safeParse(reportFormSchema, body.data);
  if (!parsed.success) {
    const fields: FieldProblem[] = parsed.issues.map((i) => ({
      field: v.getDotPath(i) ?? 'body',
      message: `${v.getDotPath(i) ?? 'body'}: ${i.message}`,
    }));
    if (asForm && agreement) return formAgain(400, fields);
    throw invalidRequest('Some fields are missing or malformed.', fields);
  }
  const { token: _token, lang: _lang, ...submission } = parsed.output;

  try {
    const outcome = await submitReport({ clock }, { affiliateId, agreement, submission, who });
    const { created, report } = outcome;
    // What meta-wiki does not show yet, each with the page to fix it on.
    const missing = missingItems(lang, report, outcome.affiliate);
    if (asForm)
      return html(created ? 201 : 200, resultPage({ lang, affiliateId, token }, report, created, missing));
    return json(created ? 201 : 200, {
      report: { reportId: report.reportId, status: report.status, verification: report.verification },
      created,
      missing,
    });
  } catch (error) {
    if (asForm && agreement && error instanceof HttpError && error.code === 'report_rejected')
      return formAgain(422, error.details.reasons as FieldProblem[]);
    throw error;
  }
});
