// Use case: the applicant opens the link in the confirmation email.
//  1. Look the token up by its hash; unknown (404), used (409) and expired (410) links
//     are refused.
//  2. Mark the token used and move the application to `submitted` (one transaction, so
//     two clicks at once confirm once).
//  3. Tell the organizers, exactly once.

import type { Clock } from '../clock.ts';
import { HttpError } from '../errors.ts';
import { log } from '../log.ts';
import { sendOnce } from '../mail/outbox.ts';
import type { Mailer } from '../mail/port.ts';
import { organizersEmail } from './emails.ts';
import type { Application } from './model.ts';
import type { ApplicationStore } from './store.ts';
import { hashToken, TOKEN_SHAPE } from './token.ts';

export type ConfirmProblem = 'unknown' | 'used' | 'expired';

/** Refusals of a confirmation link; `problem` picks the page the applicant sees. */
export class ConfirmationError extends HttpError {
  constructor(readonly problem: ConfirmProblem) {
    const [status, code, message] = {
      unknown: [404, 'token_not_found', 'This confirmation link is not valid.'],
      used: [409, 'token_used', 'This confirmation link has already been used.'],
      expired: [410, 'token_expired', 'This confirmation link has expired; please apply again.'],
    }[problem] as [number, string, string];
    super(status, code, message);
  }
}

export async function confirmApplication(
  deps: { store: ApplicationStore; mailer: Mailer; clock: Clock },
  token: string,
): Promise<Application> {
  if (!TOKEN_SHAPE.test(token)) throw new ConfirmationError('unknown');
  const outcome = await deps.store.confirm(hashToken(token), deps.clock.now());
  if (!outcome.ok) throw new ConfirmationError(outcome.problem);
  const application = outcome.application;
  log.info('application confirmed', { applicationId: application.id });
  const sent = await sendOnce(
    { mailer: deps.mailer, clock: deps.clock },
    `application-submitted#${application.id}`,
    organizersEmail(application),
  );
  if (sent === 'failed')
    log.warn('organizers not told of an application yet', { applicationId: application.id });
  return application;
}
