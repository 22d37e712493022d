// Use case: someone submits the membership form (POST /applications).
//  1. A filled-in honeypot field means a bot: refuse, store nothing.
//  2. Validate every field (400 lists each field's problem).
//  3. Check eligibility on the submission day in the group's time zone (422 says why).
//  4. Refuse an address on the suppression list (400): the link could never arrive.
//  5. Count the application against its client's hourly limit (429 when over), in the
//     same round trip as step 4.
//  6. Store the application with its uniqueness claims and the confirmation token's
//     hash in one transaction (409 when a live application holds a claim). When only
//     the CNIC is taken, store it held without that claim, marked with the conflict,
//     and answer 409 after its email: the real owner of a squatted CNIC gets a way
//     forward (docs/applications.md, "Two applications, one CNIC").
//  7. Count the confirmation email against the per-mailbox, per-domain and daily
//     limits; over one, undo step 6 and answer 429. Counting comes after the store so
//     that a duplicate is a 409 whatever the limits say. If the counters cannot be
//     reached, the email goes anyway: an application is never stored without its link.
//  8. Email the confirmation link through SES. Exactly once needs no outbox here: only
//     the request whose transaction stored this new id sends its email. If SES fails,
//     undo step 6 and answer 503 (try again).

import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { dayIn } from '../dates.ts';
import { isAbort, pastDeadline } from '../deadline.ts';
import { HttpError, invalidRequest, serviceUnavailable, unprocessable } from '../errors.ts';
import { type MessageKey, t } from '../i18n/application.ts';
import { type LimitStore, takeAll } from '../limits/counters.ts';
import {
  applicationCounter,
  type Counter,
  clientNetwork,
  confirmationCounters,
  type LimitName,
} from '../limits/policy.ts';
import { log } from '../log.ts';
import type { Mailer } from '../mail/port.ts';
import { metric } from '../metrics.ts';
import { currentKey, type SigningKey, UNNAMED_KEY_ID, verificationKeys } from '../secrets.ts';
import { eligibility, type IneligibleReason } from './eligibility.ts';
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
  limits: LimitStore;
}

/** Who sent the request, as API Gateway saw it (requestContext.http.sourceIp). */
export interface Client {
  sourceIp: string;
}

const LIMIT_MESSAGES: Partial<Record<LimitName, MessageKey>> = {
  applications_per_client: 'application.limited.client',
  confirmations_per_address: 'application.limited.address',
  confirmations_per_domain: 'application.limited.domain',
  confirmations_per_day: 'application.limited.daily',
};

export const limitMessage = (lang: string) => (counter: Counter, retryAfter: number) =>
  t(lang, LIMIT_MESSAGES[counter.limit] ?? 'application.limited.daily', {
    minutes: Math.ceil(retryAfter / 60),
  });

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
  client: Client,
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

  // The suppression check and the client's count go together: one round trip, not two.
  const secret = (await currentKey('cnicHmac')).key;
  const { limits } = config();
  const [suppressed] = await Promise.all([
    deps.suppressedAmong([input.email]),
    takeAll(deps.limits, [applicationCounter(limits, clientId(secret, client))], now, limitMessage(lang)),
  ]);
  if (suppressed.size > 0) {
    throw invalidRequest(t(lang, 'application.invalid'), [
      { field: 'email', message: t(lang, 'application.error.emailSuppressed') },
    ]);
  }

  const application = newApplication(input, now, input.language ?? lang);
  let claims = await claimsFor(input, now);
  const token = newToken();
  const tokenHash = hashToken(token);
  const confirmBy = new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000);
  const tokenRecord = { hash: tokenHash, expiresAt: confirmBy };
  let created = await deps.store.create(application, claims, tokenRecord, now);
  const cnicClaim = claims.find((c) => c.field === 'cnic');
  if (!created.ok && cnicClaim && created.conflicts.length === 1 && created.conflicts[0] === 'cnic') {
    const heldFrom = await deps.store.holderOf(cnicClaim, now);
    if (heldFrom) {
      application.claimConflict = { applicationId: heldFrom, field: 'cnic', at: now.toISOString() };
      claims = claims.filter((c) => c !== cnicClaim);
      created = await deps.store.create(application, claims, tokenRecord, now, [cnicClaim]);
    }
  }
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

  const mailCounters = confirmationCounters(limits, application.email);
  try {
    await takeAll(deps.limits, mailCounters, now, limitMessage(lang));
  } catch (error) {
    // Past the request's deadline the reply is already a 503: undo, as for a failed send.
    const late = isAbort(error) && pastDeadline();
    if (!(error instanceof HttpError) && !late) {
      log.warn('limit counters unavailable; the confirmation email goes anyway', {
        applicationId: application.id,
        error: (error as Error)?.name,
      });
    } else {
      await deps.store.discard(application, claims, tokenHash);
      throw error;
    }
  }

  const link = `${config().publicBaseUrl}/applications/confirm?token=${token}`;
  try {
    await deps.mailer.send(confirmationEmail(application, link, confirmBy, now));
  } catch (error) {
    log.warn('confirmation email not sent; application discarded', {
      applicationId: application.id,
      error: (error as Error)?.name,
    });
    await deps.store.discard(application, claims, tokenHash);
    await Promise.all(mailCounters.map((c) => deps.limits.giveBack(c, now)));
    throw serviceUnavailable();
  }
  log.info('application received', { applicationId: application.id, kind: application.kind });
  metric('ApplicationsReceived', 1, { name: 'kind', value: application.kind });
  if (application.claimConflict) {
    log.info('application held: its CNIC is claimed by another', {
      applicationId: application.id,
      holder: application.claimConflict.applicationId,
    });
    // Nothing about the other application: not its email, name, status or id.
    throw new HttpError(409, 'cnic_claimed', t(lang, 'application.conflict.cnicHeld'), {
      conflicts: ['cnic'],
      fields: [{ field: 'cnic', message: t(lang, 'application.conflict.cnicHeld') }],
      id: application.id,
      status: application.status,
    });
  }
  return { application, confirmBy };
}

/** A keyed hash of the client's network: counted, never stored or logged in the clear. */
export function clientId(secret: string, client: Client): string {
  return createHmac('sha256', secret)
    .update(`CLIENT:${clientNetwork(client.sourceIp)}`)
    .digest('base64url')
    .slice(0, 22);
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
/** The claim on an email address, as stored (for finding its application again). */
export async function emailClaim(email: string, now: Date): Promise<Claim> {
  return (await claimsFor({ kind: 'institution', email } as ApplicationInput, now, ['email']))[0]!;
}

async function claimsFor(input: ApplicationInput, now: Date, only?: ClaimField[]): Promise<Claim[]> {
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
  if (only) return claims.filter((c) => only.includes(c.field));
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
