// Use case: someone submits the membership form (POST /applications).
//  1. A filled-in honeypot field means a bot: refuse, store nothing.
//  2. Validate every field (400 lists each field's problem).
//  3. Check eligibility on the submission day in the group's time zone (422 says why).
//  4. Refuse an address on the suppression list (400): the link could never arrive.
//  5. Store the application with its uniqueness claims and the confirmation token's
//     hash in one transaction (409 when a live application holds a claim).
//  6. Email the confirmation link straight through SES, with no DynamoDB call between
//     the transaction and the send: if the database fails after storing, the email
//     still goes out, so an application is never stored without its link. Exactly
//     once needs no outbox here: only the request whose transaction stored this new
//     id sends its email. If SES fails, undo step 5 and answer 503 (try again).

import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { HttpError, invalidRequest, serviceUnavailable, unprocessable } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import { log } from '../log.ts';
import type { Mailer } from '../mail/port.ts';
import { metric } from '../metrics.ts';
import { type SigningKey, UNNAMED_KEY_ID, verificationKeys } from '../secrets.ts';
import { dayIn, eligibility, type IneligibleReason } from './eligibility.ts';
import { confirmationEmail } from './emails.ts';
import { type Application, type ClaimField, CONFIRMATION_DAYS } from './model.ts';
import { type ApplicationInput, fieldProblems, HONEYPOT_FIELD, validateApplication } from './schema.ts';
import type { ApplicationStore, Claim } from './store.ts';
import { hashToken, newToken } from './token.ts';

export interface SubmitDeps {
  store: ApplicationStore;
  /** Sends as told: the suppression list is checked through `suppressedAmong` first. */
  mailer: Mailer;
  suppressedAmong: (addresses: string[]) => Promise<Set<string>>;
  clock: Clock;
}

export interface Submitted {
  application: Application;
  confirmBy: Date;
}

/** The field a reason concerns, so a form can show it beside that field. */
export const REASON_FIELD: Record<IneligibleReason, string> = {
  under_age: 'dateOfBirth',
  not_citizen: 'citizenship',
  not_registered_in_pakistan: 'registeredIn',
};

export async function submitApplication(
  deps: SubmitDeps,
  data: Record<string, unknown>,
  lang: string,
): Promise<Submitted> {
  const honeypot = data[HONEYPOT_FIELD];
  if (honeypot !== undefined && honeypot !== '') {
    throw invalidRequest(t(lang, 'application.invalid'), [
      { field: HONEYPOT_FIELD, message: t(lang, 'application.error.honeypot') },
    ]);
  }
  const checked = validateApplication(data);
  if (!checked.ok)
    throw invalidRequest(t(lang, 'application.invalid'), fieldProblems(checked.problems, lang));
  const input = checked.value;
  const now = deps.clock.now();
  const { timeZone } = config();
  if (input.kind === 'individual' && input.dateOfBirth > dayIn(now, timeZone)) {
    throw invalidRequest(t(lang, 'application.invalid'), [
      { field: 'dateOfBirth', message: t(lang, 'application.error.dateFuture') },
    ]);
  }

  const reasons = eligibility(input, now, timeZone);
  if (reasons.length) {
    const sentences = reasons.map((r) => t(lang, `application.reason.${r}` as MessageKey));
    throw unprocessable(
      'not_eligible',
      t(lang, 'application.notEligible.message', { reasons: sentences.join(' ') }),
      {
        reasons,
        fields: reasons.map((r, i) => ({ field: REASON_FIELD[r], message: sentences[i] })),
      },
    );
  }

  if ((await deps.suppressedAmong([input.email])).size > 0) {
    throw invalidRequest(t(lang, 'application.invalid'), [
      { field: 'email', message: t(lang, 'application.error.emailSuppressed') },
    ]);
  }

  const application = newApplication(input, now, input.language ?? lang);
  const claims = await claimsFor(input, now);
  const token = newToken();
  const tokenHash = hashToken(token);
  const confirmBy = new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000);
  const created = await deps.store.create(
    application,
    claims,
    { hash: tokenHash, expiresAt: confirmBy },
    now,
  );
  if (!created.ok) {
    log.info('application refused as a duplicate', { kind: input.kind, conflicts: created.conflicts });
    throw new HttpError(
      409,
      'conflict',
      t(lang, `application.conflict.${created.conflicts[0]!}` as MessageKey),
      {
        conflicts: created.conflicts,
        fields: created.conflicts.map((field) => ({
          field,
          message: t(lang, `application.conflict.${field}` as MessageKey),
        })),
      },
    );
  }

  const link = `${config().publicBaseUrl}/applications/confirm?token=${token}`;
  try {
    await deps.mailer.send(confirmationEmail(application, link, confirmBy));
  } catch (error) {
    log.warn('confirmation email not sent; application discarded', {
      applicationId: application.id,
      error: (error as Error)?.name,
    });
    await deps.store.discard(application, claims, tokenHash);
    throw serviceUnavailable();
  }
  log.info('application received', { applicationId: application.id, kind: application.kind });
  metric('ApplicationsReceived', 1, { name: 'kind', value: application.kind });
  return { application, confirmBy };
}

function newApplication(input: ApplicationInput, now: Date, language: string): Application {
  const common = {
    id: randomUUID(),
    status: 'pending_confirmation' as const,
    name: input.name,
    email: input.email,
    language,
    ...(input.statement ? { statement: input.statement } : {}),
    createdAt: now.toISOString(),
  };
  if (input.kind === 'individual') {
    return {
      ...common,
      kind: 'individual',
      citizenship: input.citizenship,
      cnicLast4: input.cnic.slice(-4),
      ageVerified: true,
      ageVerifiedAt: now.toISOString(),
      ...(input.wikimediaUsername ? { wikimediaUsername: input.wikimediaUsername } : {}),
      ...(input.city ? { city: input.city } : {}),
    };
  }
  return {
    ...common,
    kind: 'institution',
    registrationNumber: input.registrationNumber,
    registrationAuthority: input.registrationAuthority,
    registeredIn: input.registeredIn,
    contactName: input.contactName,
  };
}

/** Registration numbers are written with varying spaces, dashes and case. */
export const normaliseRegistration = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-/.]+/g, '');

/**
 * Claims are keyed by an HMAC that names its key (none for the unnamed key "0", as
 * before ids). Within a rotation's grace period the claim is also looked up under the
 * previous key, so an earlier application is still recognised as a duplicate.
 */
async function claimsFor(input: ApplicationInput, now: Date): Promise<Claim[]> {
  const [current, previous] = await verificationKeys('cnicHmac', now);
  const mac = (key: SigningKey, prefix: string, value: string) => {
    const hash = createHmac('sha256', key.key).update(`${prefix}:${value}`).digest('hex');
    return `${prefix}#${key.id === UNNAMED_KEY_ID ? '' : `${key.id}.`}${hash}`;
  };
  const claim = (field: ClaimField, prefix: string, value: string): Claim => ({
    field,
    pk: mac(current!, prefix, value),
    ...(previous ? { previousPk: mac(previous, prefix, value) } : {}),
  });
  const claims = [claim('email', 'EMAIL', input.email.toLowerCase())];
  if (input.kind === 'individual') claims.push(claim('cnic', 'CNIC', input.cnic));
  else
    claims.push(
      claim(
        'registrationNumber',
        'REG',
        `${input.registeredIn}:${normaliseRegistration(input.registrationNumber)}`,
      ),
    );
  return claims;
}
