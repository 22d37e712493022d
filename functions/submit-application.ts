// POST /applications: JSON for programs, the HTML form for people. A form that is not
// accepted comes back as the form again, with each error beside its field.

import { formatDate } from '#shared/applications/emails.ts';
import { applyPage, datePartsToIso, messagePage } from '#shared/applications/pages.ts';
import { resendConfirmation } from '#shared/applications/resend.ts';
import { DynamoApplicationStore } from '#shared/applications/store.ts';
import { submitApplication } from '#shared/applications/submit.ts';
import { clock } from '#shared/clock.ts';
import { type FieldProblem, HttpError } from '#shared/errors.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { header, html, json, retryAfterHeader } from '#shared/http/respond.ts';
import { t } from '#shared/i18n/application.ts';
import { isSupported, negotiateLanguage } from '#shared/i18n/index.ts';
import { limitStore } from '#shared/limits/counters.ts';
import { sendThroughSes } from '#shared/mail/ses.ts';
import { suppressedAmong } from '#shared/mail/suppression.ts';

const store = new DynamoApplicationStore();
const deps = { store, mailer: { send: sendThroughSes }, suppressedAmong, clock, limits: limitStore };

export const handler = httpHandler(async (event) => {
  const body = readBody(event, { accept: ['json', 'form'] });
  // A form sends empty strings for the fields left blank; they mean "not given".
  // and the date of birth arrives as day, month and year.
  const data =
    body.format === 'form'
      ? datePartsToIso(Object.fromEntries(Object.entries(body.data).filter(([, value]) => value !== '')))
      : body.data;
  const lang =
    typeof data.language === 'string' && isSupported(data.language)
      ? data.language
      : negotiateLanguage(event.queryStringParameters?.lang, header(event, 'accept-language'));
  const client = { sourceIp: event.requestContext.http.sourceIp };
  if (event.routeKey === 'POST /applications/resend') {
    try {
      await resendConfirmation(deps, data, lang, client);
    } catch (error) {
      if (body.format !== 'form' || !(error instanceof HttpError) || error.statusCode >= 500) throw error;
      return html(
        error.statusCode,
        messagePage(lang, t(lang, 'application.resend.refused'), error.message, 'alert'),
        { 'content-language': lang, ...retryAfterHeader(error) },
      );
    }
    if (body.format === 'json') return json(202, { status: 'accepted' });
    return html(
      202,
      messagePage(lang, t(lang, 'application.resend.title'), t(lang, 'application.resend.body'), undefined, [
        t(lang, 'application.sent.spam'),
      ]),
      { 'content-language': lang },
    );
  }
  try {
    const { application, confirmBy } = await submitApplication(deps, data, lang, {
      sourceIp: event.requestContext.http.sourceIp,
    });
    if (body.format === 'json') return json(202, { id: application.id, status: application.status });
    return html(
      202,
      messagePage(
        lang,
        t(lang, 'application.sent.title'),
        t(lang, 'application.sent.body', { date: formatDate(confirmBy, lang) }),
        undefined,
        // Which address, where a missing email may be, and a way to have it sent again.
        [t(lang, 'application.sent.address', { email: application.email }), t(lang, 'application.sent.spam')],
        { email: application.email },
      ),
      { 'content-language': lang },
    );
  } catch (error) {
    if (body.format !== 'form' || !(error instanceof HttpError) || error.statusCode >= 500) throw error;
    return html(
      error.statusCode,
      applyPage({
        lang,
        kind: data.kind === 'institution' ? 'institution' : 'individual',
        values: data,
        errors: (error.details.fields as FieldProblem[] | undefined) ?? [],
        message: error.message,
      }),
      { 'content-language': lang, ...retryAfterHeader(error) },
    );
  }
});
