// GET /applications/confirm?token=...: the link in the confirmation email. Browsers get
// a page in the applicant's language; other clients get JSON.

import { ConfirmationError, confirmApplication } from '#shared/applications/confirm.ts';
import { messagePage } from '#shared/applications/pages.ts';
import { DynamoApplicationStore } from '#shared/applications/store.ts';
import { clock } from '#shared/clock.ts';
import { invalidRequest } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { header, html, json, prefersHtml } from '#shared/http/respond.ts';
import { t } from '#shared/i18n/application.ts';
import { negotiateLanguage } from '#shared/i18n/index.ts';
import { sesMailer } from '#shared/mail/ses.ts';

const store = new DynamoApplicationStore();

export const handler = httpHandler(async (event) => {
  const query = event.queryStringParameters ?? {};
  const asPage = prefersHtml(event);
  const lang = negotiateLanguage(query.lang, header(event, 'accept-language'));
  if (!query.token)
    throw invalidRequest('The link has no token.', [
      { field: 'token', message: 'Open the whole link from the email.' },
    ]);
  try {
    const application = await confirmApplication({ store, mailer: sesMailer, clock }, query.token);
    if (!asPage) return json(200, { id: application.id, status: application.status });
    const own = application.language;
    return html(
      200,
      messagePage(own, t(own, 'application.confirmed.title'), t(own, 'application.confirmed.body')),
      { 'content-language': own, 'cache-control': 'no-store' },
    );
  } catch (error) {
    if (!asPage || !(error instanceof ConfirmationError)) throw error;
    return html(
      error.statusCode,
      messagePage(
        lang,
        error.problem === 'used' ? t(lang, 'application.confirmed.title') : t(lang, 'application.page.title'),
        t(lang, `application.confirm.${error.problem}`),
        'alert',
      ),
      { 'content-language': lang, 'cache-control': 'no-store' },
    );
  }
});
