// Use cases of the organizers: list applications by status, read one, decide once.
// A decision records who made it and when; the applicant is emailed the outcome; a
// rejected application is kept for the retention period and then removed by TTL.

import * as v from 'valibot';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { conflict, HttpError, invalidRequest, notFound } from '../errors.ts';
import { log } from '../log.ts';
import { sendOnce } from '../mail/outbox.ts';
import type { Mailer } from '../mail/port.ts';
import { metric } from '../metrics.ts';
import { decisionEmail } from './emails.ts';
import { APPLICATION_STATUSES, type Application, type ApplicationStatus } from './model.ts';
import { decisionSchema } from './schema.ts';
import { type ApplicationStore, BadCursorError, type Page } from './store.ts';

export { decisionSchema };

export const PAGE_LIMIT_MAX = 100;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ListQuery {
  status?: string;
  limit?: string;
  cursor?: string;
}

export async function listApplications(
  deps: { store: ApplicationStore; clock: Clock },
  query: ListQuery,
  defaultStatus: ApplicationStatus = 'submitted',
): Promise<Page<Application>> {
  const status = query.status ?? defaultStatus;
  const fields = [];
  if (!APPLICATION_STATUSES.includes(status as ApplicationStatus))
    fields.push({ field: 'status', message: `One of ${APPLICATION_STATUSES.join(', ')}.` });
  const limit = query.limit === undefined ? 25 : Number(query.limit);
  if (!/^\d{1,3}$/.test(query.limit ?? '25') || limit < 1 || limit > PAGE_LIMIT_MAX)
    fields.push({ field: 'limit', message: `A whole number from 1 to ${PAGE_LIMIT_MAX}.` });
  if (fields.length) throw invalidRequest('The query is not valid.', fields);
  try {
    return await deps.store.list(status as ApplicationStatus, limit, query.cursor, deps.clock.now());
  } catch (error) {
    if (error instanceof BadCursorError)
      throw invalidRequest('The cursor is not valid.', [
        { field: 'cursor', message: 'Use nextCursor from the previous page.' },
      ]);
    throw error;
  }
}

/** How many applications wait in each status: the console's queue shows them. */
export async function countApplications(deps: {
  store: ApplicationStore;
  clock: Clock;
}): Promise<Record<ApplicationStatus, number>> {
  const now = deps.clock.now();
  const counts = await Promise.all(APPLICATION_STATUSES.map((s) => deps.store.count(s, now)));
  return Object.fromEntries(APPLICATION_STATUSES.map((s, i) => [s, counts[i]!])) as Record<
    ApplicationStatus,
    number
  >;
}

export async function getApplication(
  deps: { store: ApplicationStore; clock: Clock },
  id: string,
): Promise<Application> {
  const application = ID.test(id) ? await deps.store.get(id, deps.clock.now()) : undefined;
  if (!application) throw notFound('No application with this id.');
  return application;
}

export async function decideApplication(
  deps: { store: ApplicationStore; mailer: Mailer; clock: Clock },
  id: string,
  body: unknown,
  organizer: string,
): Promise<{ application: Application; emailed: boolean }> {
  const parsed = v.safeParse(decisionSchema, body);
  if (!parsed.success) {
    throw invalidRequest(
      'The decision is not valid.',
      parsed.issues.map((issue) => ({ field: v.getDotPath(issue) ?? 'body', message: issue.message })),
    );
  }
  if (!ID.test(id)) throw notFound('No application with this id.');
  const now = deps.clock.now();
  const { decision, reason } = parsed.output;
  const retainUntil =
    decision === 'reject'
      ? new Date(now.getTime() + config().applicationRetentionDays * 86_400_000)
      : undefined;
  const outcome = await deps.store.decide(
    id,
    { decision, ...(reason ? { reason } : {}), by: organizer, at: now.toISOString() },
    retainUntil,
    now,
  );
  if (!outcome.ok) {
    if (outcome.problem === 'not_found') throw notFound('No application with this id.');
    if (outcome.problem === 'claim_held')
      throw new HttpError(
        409,
        'claim_held',
        'Another application still holds this CNIC; reject that one first (claimConflict names it).',
      );
    if (outcome.problem === 'not_submitted')
      throw new HttpError(409, 'not_submitted', 'The applicant has not confirmed this application yet.');
    const earlier = outcome.application!;
    // Sending the same decision again retries an email that failed; the outbox makes
    // sure it still goes out at most once. The decision itself stays the first one.
    const emailed =
      earlier.decision?.decision === decision ? await sendDecisionEmail(deps, earlier) : undefined;
    throw conflict('This application has already been decided.', {
      decision: earlier.decision,
      ...(emailed === undefined ? {} : { emailed }),
    });
  }
  log.info('application decided', { applicationId: id, decision });
  if (decision === 'approve') metric('ApplicationsApproved');
  return { application: outcome.application, emailed: await sendDecisionEmail(deps, outcome.application) };
}

async function sendDecisionEmail(deps: { mailer: Mailer; clock: Clock }, application: Application) {
  const sent = await sendOnce(
    { mailer: deps.mailer, clock: deps.clock },
    `application-decision#${application.id}`,
    decisionEmail(application),
  );
  return sent === 'sent' || sent === 'already_sent';
}

/** What GET /admin/members shows of an approved application. */
export function memberView(a: Application) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    email: a.email,
    ...(a.kind === 'individual'
      ? { wikimediaUsername: a.wikimediaUsername, city: a.city }
      : { contactName: a.contactName, registeredIn: a.registeredIn }),
    memberSince: a.decision?.at,
  };
}
