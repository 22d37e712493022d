// Use case: "send the link again" (POST /applications/resend), for an applicant whose
// confirmation email went missing. The answer is the same whether or not an application
// waits for that address, so the route tells nobody who applied:
//  1. Refuse what is not an email address (400).
//  2. Count the request against the client's hourly limit and the address's confirmation
//     limits (mailbox, domain, day) before looking anything up: a refusal (429) then says
//     nothing about the address either.
//  3. If an application waits for confirmation at that address, email it a new link (the
//     earlier one keeps working until the same deadline). Otherwise do nothing.

import * as v from 'valibot';
import { config } from '../config.ts';
import { invalidRequest } from '../errors.ts';
import { t } from '../i18n/application.ts';
import { takeAll } from '../limits/counters.ts';
import { applicationCounter, confirmationCounters } from '../limits/policy.ts';
import { log } from '../log.ts';
import { currentKey } from '../secrets.ts';
import { confirmationEmail } from './emails.ts';
import { CONFIRMATION_DAYS } from './model.ts';
import { resendSchema } from './schema.ts';
import { type Client, clientId, emailClaim, limitMessage, type SubmitDeps } from './submit.ts';
import { hashToken, newToken } from './token.ts';

export async function resendConfirmation(
  deps: SubmitDeps,
  data: Record<string, unknown>,
  lang: string,
  client: Client,
): Promise<void> {
  const parsed = v.safeParse(resendSchema, data);
  if (!parsed.success)
    throw invalidRequest(t(lang, 'application.invalid'), [
      { field: 'email', message: t(lang, 'application.error.email') },
    ]);
  const { email } = parsed.output;
  const now = deps.clock.now();
  const { limits } = config();
  const secret = (await currentKey('cnicHmac')).key;
  await takeAll(
    deps.limits,
    [applicationCounter(limits, clientId(secret, client)), ...confirmationCounters(limits, email)],
    now,
    limitMessage(lang),
  );
  const holder = await deps.store.holderOf(await emailClaim(email, now), now);
  const application = holder ? await deps.store.get(holder, now) : undefined;
  if (application?.status !== 'pending_confirmation') return;
  const confirmBy = new Date(Date.parse(application.createdAt) + CONFIRMATION_DAYS * 86_400_000);
  if (confirmBy <= now) return;
  if ((await deps.suppressedAmong([application.email])).size) return;
  const token = newToken();
  await deps.store.addToken(application.id, { hash: hashToken(token), expiresAt: confirmBy });
  const link = `${config().publicBaseUrl}/applications/confirm?token=${token}`;
  try {
    await deps.mailer.send(confirmationEmail(application, link, confirmBy, now));
    log.info('confirmation link sent again', { applicationId: application.id });
  } catch (error) {
    // The same answer either way; the applicant may ask again.
    log.warn('confirmation link could not be sent again', {
      applicationId: application.id,
      error: (error as Error)?.name,
    });
  }
}
