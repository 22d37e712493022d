// The lifecycle's use cases. Each one reads the affiliate, asks the pure transition
// function what happens, stores the result with a conditional write on the version it
// read (so two deliveries of the same event change state once), then carries out the
// effects: timeline entries (in the same write), the one-time schedule for the next
// action, and the notices owed (exactly once each, through the outbox).

import {
  type AffiliateProfile,
  type AffiliateStatus,
  type AffiliateView,
  type Agreement,
  periodKey,
} from '../affiliates/model.ts';
import { type Clock, clock as processClock } from '../clock.ts';
import { config } from '../config.ts';
import { dayIn } from '../dates.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { log } from '../log.ts';
import { listReports } from '../reports/store.ts';
import { scheduler } from '../scheduler/index.ts';
import { deliverNotice } from './notices.ts';
import { lifecycleOffsets } from './offsets.ts';
import { policyFor, type ReportKind, reportingPeriodFor } from './policies.ts';
import { type Preview, previewOf } from './preview.ts';
import { scheduleFor } from './schedules.ts';
import {
  type AffiliateRecord,
  affiliatePk,
  affiliatesDueBy,
  NEXT_ACTION_SHARD,
  readAffiliate,
  type TimelineEntry,
  VersionConflictError,
  writeAffiliate,
} from './store.ts';
import {
  actionsOf,
  type LifecycleEvent,
  type LifecycleState,
  nextAction,
  noticeId,
  type Outcome,
  startInPresent,
  transition,
} from './transition.ts';

export type { TimelineEntry } from './store.ts';

import { toView } from './views.ts';

/** Who the system is on the timeline. */
export const SYSTEM = 'system';

/** The process-wide clock (the local stack moves it; Lambda keeps the system clock). */
const activeClock: Clock = processClock;

const tz = () => config().timeZone;

export class NoticesOwedError extends Error {
  override name = 'NoticesOwedError';
}

// ---- reading (in views.ts, which pulls in no mail or scheduler client) -------------

export {
  getAffiliate,
  getAffiliateWithTimeline,
  listAffiliates,
  listAffiliatesWithOwed,
  STATUSES,
  toView,
} from './views.ts';

// ---- the timeline (in timeline.ts, light enough for any function) ----------------

export { appendTimeline } from './timeline.ts';

// ---- changing -----------------------------------------------------------------------

/** Fields derived from the lifecycle state: the index entry and the expected schedule. */
function withPlan(r: AffiliateRecord, now: Date): AffiliateRecord {
  const next = nextAction(r, tz());
  const owedSince = r.owed.map((n) => n.since).sort()[0];
  const candidates = [next?.at.toISOString(), owedSince].filter((x): x is string => !!x).sort();
  const at = candidates[0];
  return {
    ...r,
    nextActionShard: at ? NEXT_ACTION_SHARD : undefined,
    nextActionAt: at,
    nextAction: next?.action,
    scheduleName: next ? scheduleFor(r, next.action, next.at, now).name : undefined,
    updatedAt: now.toISOString(),
  };
}

export function stateOf(r: AffiliateRecord, pendingReports?: string[]): LifecycleState {
  return {
    status: r.status,
    type: r.type,
    incorporated: r.incorporated,
    fiscalYearEnd: r.fiscalYearEnd,
    agreement: r.agreement,
    registeredAgreement: r.registeredAgreement,
    dueOn: r.dueOn,
    paused: r.paused,
    pauseReason: r.pauseReason,
    lastAction: r.lastAction,
    formerlyActiveOn: r.formerlyActiveOn,
    acceptedPeriods: r.acceptedPeriods ?? [],
    owed: r.owed ?? [],
    removalOn: r.removalOn,
    holdReason: r.holdReason,
    pendingReports,
  };
}

/**
 * Reports of the current period still waiting for a decision, read from the report
 * store (the source of truth) whenever the calendar may take a step: a report that
 * arrived holds a public step even if its own lifecycle event has not landed yet.
 */
async function pendingReportsOf(r: AffiliateRecord, event: LifecycleEvent): Promise<string[] | undefined> {
  if (event.kind !== 'tick' && event.kind !== 'report_rejected') return undefined;
  const period = periodKey(r.agreement);
  return (await listReports(r.id))
    .filter((report) => report.period === period && report.status === 'received')
    .map((report) => report.reportId);
}

/** What is stored: the state without what was read from elsewhere for the decision. */
function storable(state: LifecycleState): Omit<LifecycleState, 'pendingReports'> {
  const { pendingReports: _read, ...rest } = state;
  return rest;
}

/**
 * Apply one event to one affiliate: read, transition, conditional write; on a version
 * conflict read again and decide again (the transition is idempotent, so a second
 * delivery finds nothing left to do). Then schedule the next action and send what is owed.
 */
export async function applyEvent(
  id: string,
  event: LifecycleEvent,
  who: string,
): Promise<{ record: AffiliateRecord; outcome: Outcome }> {
  for (let attempt = 0; ; attempt++) {
    const now = activeClock.now();
    const current = await readAffiliate(id);
    if (!current) throw notFound(`No affiliate with id ${id}.`);
    const pending = await pendingReportsOf(current, event);
    const outcome = transition(stateOf(current, pending), event, { now, timeZone: tz() });
    if (outcome.ignored) {
      await followUp(current, current, now);
      return { record: current, outcome };
    }
    const next = withPlan({ ...current, ...storable(outcome.state), version: current.version + 1 }, now);
    const timeline = outcome.effects
      .filter((e) => e.type === 'timeline')
      .map((e) => ({ at: now.toISOString(), what: e.what, why: e.why, who, data: e.data }));
    try {
      await writeAffiliate(next, current.version, timeline);
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 20) continue;
      throw error;
    }
    log.info('lifecycle transition', {
      affiliate: id,
      event: event.kind,
      from: current.status,
      status: next.status,
    });
    await followUp(current, next, now);
    return { record: next, outcome };
  }
}

/** Make the schedules match the record, then send every notice still owed. */
async function followUp(before: AffiliateRecord, after: AffiliateRecord, now: Date): Promise<void> {
  await syncSchedule(before, after, now);
  if (after.owed.length) await deliverOwed(after.id);
}

async function syncSchedule(before: AffiliateRecord, after: AffiliateRecord, now: Date): Promise<void> {
  const next = nextAction(after, tz());
  const wanted = next ? scheduleFor(after, next.action, next.at, now) : undefined;
  if (before.scheduleName && before.scheduleName !== wanted?.name)
    await scheduler().remove(before.scheduleName);
  // Creating the same deterministic schedule again is harmless; it also repairs a lost one.
  if (wanted && wanted.at > now) await scheduler().upsert(wanted);
}

/**
 * Send every owed notice to every recipient (exactly once per recipient, through the
 * outbox), then take the fully sent ones off the record. A notice SES refused stays
 * owed; NoticesOwedError tells the caller so a schedule is retried, and reconciliation
 * finds it through nextActionAt.
 */
export async function deliverOwed(id: string): Promise<void> {
  const record = await readAffiliate(id);
  if (!record?.owed.length) return;
  const done: string[] = [];
  let failed = 0;
  for (const notice of record.owed) {
    const result = await deliverNotice(record, notice, { clock: activeClock });
    if (result === 'done') done.push(noticeId(notice));
    if (result === 'failed') failed++;
  }
  if (done.length) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const fresh = await readAffiliate(id);
      if (!fresh) return;
      const owed = fresh.owed.filter((n) => !done.includes(noticeId(n)));
      if (owed.length === fresh.owed.length) break;
      try {
        await writeAffiliate(
          withPlan({ ...fresh, owed, version: fresh.version + 1 }, activeClock.now()),
          fresh.version,
          [],
        );
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
  }
  if (failed) throw new NoticesOwedError(`${failed} notice(s) for ${id} could not be sent; they stay owed`);
}

// ---- use cases ----------------------------------------------------------------------

/** The record a registration would create, placed where it stands today (nothing stored). */
export function registrationRecord(
  input: AffiliateProfile & { agreement: Agreement },
  who: string,
  now: Date,
): { record: AffiliateRecord; timeline: TimelineEntry[] } {
  const { agreement: registered, ...profile } = input;
  // Chapters and thematic organisations report on their fiscal year: the period is the
  // next fiscal year to report on, and the agreement is kept as registered.
  const agreement = reportingPeriodFor(input, dayIn(now, tz()));
  const fresh: AffiliateRecord = {
    ...profile,
    pk: affiliatePk(input.id),
    sk: 'META',
    status: 'active',
    agreement,
    ...(policyFor(input).basis === 'fiscal_year' ? { registeredAgreement: registered } : {}),
    paused: false,
    acceptedPeriods: [],
    owed: [],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const placed = startInPresent(stateOf(fresh), { now, timeZone: tz() });
  const at = now.toISOString();
  const timeline: TimelineEntry[] = [
    {
      at,
      what: 'Affiliate registered',
      why:
        registered === agreement
          ? `Agreement ${agreement.start} to ${agreement.end}.`
          : `Agreement ${registered.start} to ${registered.end}; reports on the fiscal year ${agreement.start} to ${agreement.end} first.`,
      who,
      data: { agreement, ...(registered === agreement ? {} : { registeredAgreement: registered }) },
    },
    ...placed.effects
      .filter((e) => e.type === 'timeline')
      .map((e) => ({ at, what: e.what, why: e.why, who: SYSTEM, data: e.data })),
  ];
  return { record: withPlan({ ...fresh, ...storable(placed.state) }, now), timeline };
}

/**
 * What a registration changes in an existing affiliate's period. User groups: the period
 * is the agreement given. Chapters and thematic organisations: the fiscal year stays as it
 * is unless the agreement, the fiscal year end or the type changed (re-registering the
 * same data later in the year must not move it).
 */
export function registrationChange(
  existing: AffiliateRecord,
  input: AffiliateProfile & { agreement: Agreement },
  today: string,
): {
  restart: boolean;
  period: Agreement;
  profile: Pick<LifecycleState, 'type' | 'incorporated' | 'fiscalYearEnd' | 'registeredAgreement'>;
} {
  const fiscal = policyFor(input).basis === 'fiscal_year';
  const profile = {
    type: input.type,
    incorporated: input.incorporated,
    fiscalYearEnd: input.fiscalYearEnd,
    registeredAgreement: fiscal ? input.agreement : undefined,
  };
  const sameTerms =
    fiscal &&
    policyFor(existing).basis === 'fiscal_year' &&
    existing.registeredAgreement !== undefined &&
    periodKey(existing.registeredAgreement) === periodKey(input.agreement) &&
    (existing.fiscalYearEnd ?? '') === (input.fiscalYearEnd ?? '');
  const period = sameTerms ? existing.agreement : reportingPeriodFor(input, today);
  const restart =
    periodKey(period) !== periodKey(existing.agreement) || actionsOf(existing) !== actionsOf(input);
  return { restart, period, profile };
}

/**
 * Create an affiliate, or update its profile (and agreement) if it exists. A new
 * agreement starts in the present: steps whose day has passed are recorded, not sent.
 */
export async function upsertAffiliate(
  input: AffiliateProfile & { agreement: Agreement },
  who: string,
): Promise<{ created: boolean; changed: boolean; affiliate: AffiliateView }> {
  const now = activeClock.now();
  const { agreement: _registered, ...rest } = input;
  const existing = await readAffiliate(input.id);
  if (!existing) {
    const { record, timeline } = registrationRecord(input, who, now);
    try {
      await writeAffiliate(record, 0, timeline);
    } catch (error) {
      if (error instanceof VersionConflictError) return upsertAffiliate(input, who);
      throw error;
    }
    await followUp(record, record, now).catch((error) => {
      if (!(error instanceof NoticesOwedError)) throw error;
    });
    return { created: true, changed: true, affiliate: toView(record) };
  }
  let agreementChanged = false;
  const change = registrationChange(existing, input, dayIn(now, tz()));
  if (change.restart) {
    const { outcome } = await applyEvent(
      input.id,
      { kind: 'agreement_changed', agreement: change.period, profile: change.profile },
      who,
    );
    agreementChanged = !outcome.ignored;
    if (outcome.ignored === 'use_reinstate')
      throw conflict(`The affiliate is ${existing.status}; a new agreement comes through reinstatement.`, {
        status: existing.status,
      });
  }
  // The agreement as registered is part of a fiscal-year affiliate's profile.
  const profile = { ...rest, registeredAgreement: change.profile.registeredAgreement };
  for (let attempt = 0; attempt < 20; attempt++) {
    const fresh = (await readAffiliate(input.id))!;
    const changed = (Object.keys(profile) as (keyof typeof profile)[]).filter(
      (k) => JSON.stringify(fresh[k]) !== JSON.stringify(profile[k]),
    );
    if (!changed.length) return { created: false, changed: agreementChanged, affiliate: toView(fresh) };
    try {
      await writeAffiliate(
        { ...fresh, ...profile, version: fresh.version + 1, updatedAt: now.toISOString() },
        fresh.version,
        [{ at: now.toISOString(), what: 'Profile updated', why: `Changed: ${changed.join(', ')}.`, who }],
      );
      return { created: false, changed: true, affiliate: toView({ ...fresh, ...profile }) };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw conflict('The affiliate is being changed by someone else; try again.');
}

/** A report for `period` was accepted: renewal, or reinstatement review. Idempotent. */
export async function recordReportAccepted(input: {
  affiliateId: string;
  period: string;
  reportId: string;
  /** activity (default) or financial: a period is complete when its policy's reports all are. */
  reportKind?: ReportKind;
  actor: string;
}): Promise<{ status: AffiliateStatus }> {
  const { record } = await applyEvent(
    input.affiliateId,
    {
      kind: 'report_accepted',
      period: input.period,
      reportId: input.reportId,
      ...(input.reportKind ? { reportKind: input.reportKind } : {}),
    },
    input.actor,
  ).catch(owedIsNotFailure(input.affiliateId));
  return { status: record.status };
}

/** reinstatement_review -> active with a new agreement; Wikimedia-l hears of the return. */
export async function reinstateAffiliate(input: {
  affiliateId: string;
  actor: string;
  agreement?: Agreement;
}): Promise<{ status: AffiliateStatus; agreement: Agreement }> {
  const { record, outcome } = await applyEvent(
    input.affiliateId,
    { kind: 'reinstate', agreement: input.agreement },
    input.actor,
  ).catch(owedIsNotFailure(input.affiliateId));
  if (outcome?.ignored === 'not_in_review')
    throw conflict(`The affiliate is ${record.status}, not in reinstatement review.`, {
      status: record.status,
    });
  return { status: record.status, agreement: record.agreement };
}

export async function pauseAffiliate(id: string, reason: string, who: string) {
  const { record } = await applyEvent(id, { kind: 'pause', reason }, who);
  return toView(record);
}

export async function resumeAffiliate(id: string, reason: string, who: string) {
  const { record } = await applyEvent(id, { kind: 'resume', reason }, who).catch(owedIsNotFailure(id));
  // Whatever fell due while paused happens now (the next schedule is set to now at the earliest).
  const { record: after } = await applyEvent(id, { kind: 'tick' }, SYSTEM).catch(owedIsNotFailure(id));
  return toView(after ?? record);
}

/**
 * For an admin action, a notice SES could not send yet is not a failure of the action:
 * the state changed, the notice stays owed and goes out on retry.
 */
function owedIsNotFailure(id: string) {
  return async (error: unknown): Promise<{ record: AffiliateRecord; outcome?: Outcome }> => {
    if (!(error instanceof NoticesOwedError)) throw error;
    return { record: (await readAffiliate(id))! };
  };
}

/** A one-time schedule fired (payload: affiliate, period, action). */
export async function runScheduled(payload: { affiliateId: string; period: string; action: string }) {
  return applyEvent(
    payload.affiliateId,
    { kind: 'tick', period: payload.period, action: payload.action },
    SYSTEM,
  );
}

/**
 * The daily reconciliation: through the sparse byNextAction index, do what is due
 * (a missed or failed schedule, a notice still owed) and re-create the schedules of
 * actions due soon (in case one was lost). Reads only the work due, never the table.
 */
export async function reconcile(): Promise<{ processed: number; rescheduled: number; failed: number }> {
  const now = activeClock.now();
  const until = new Date(now.getTime() + lifecycleOffsets.reconcileLookAheadHours * 3_600_000);
  const due = await affiliatesDueBy(until);
  let processed = 0;
  let rescheduled = 0;
  let failed = 0;
  for (const item of due) {
    try {
      if (item.nextActionAt <= now.toISOString()) {
        await applyEvent(item.id, { kind: 'tick' }, SYSTEM);
        processed++;
      } else {
        const record = await readAffiliate(item.id);
        const next = record && nextAction(record, tz());
        if (record && next) {
          await scheduler().upsert(scheduleFor(record, next.action, next.at, now));
          rescheduled++;
        }
      }
    } catch (error) {
      failed++;
      log.warn('reconciliation could not finish an affiliate', {
        affiliate: item.id,
        error: (error as Error)?.name,
      });
    }
  }
  if (due.length) log.info('reconciliation done', { processed, rescheduled, failed });
  return { processed, rescheduled, failed };
}

// ---- organizer decisions ------------------------------------------------------------

/** An organizer rejected a report: the contacts hear why; a held removal is set again. */
export async function recordReportRejected(input: {
  affiliateId: string;
  period: string;
  reportId: string;
  reason: string;
  reportUrl: string;
  actor: string;
}): Promise<AffiliateView> {
  const { affiliateId, actor, ...event } = input;
  const { record } = await applyEvent(affiliateId, { kind: 'report_rejected', ...event }, actor).catch(
    owedIsNotFailure(affiliateId),
  );
  return toView(record);
}

/** An organizer gives a new removal date (expired or held), with a reason. */
export async function setRemovalDate(id: string, day: string, reason: string, who: string) {
  const { record, outcome } = await applyEvent(id, { kind: 'set_removal_date', day, reason }, who).catch(
    owedIsNotFailure(id),
  );
  if (outcome?.ignored === 'no_removal')
    throw conflict(
      `A ${record.type.replace('_', ' ')} is never removed automatically; defer its due date instead (POST /admin/affiliates/${id}/deferral).`,
      { status: record.status, type: record.type },
    );
  if (outcome?.ignored === 'not_expired')
    throw conflict(`The affiliate is ${record.status}; a removal date applies only while expired or held.`, {
      status: record.status,
    });
  if (outcome?.ignored === 'not_in_future')
    throw unprocessable('removal_date_past', 'The new removal date must be a day after today.', {
      reasons: [{ field: 'day', message: 'a day after today' }],
    });
  return toView(record);
}

/**
 * An organizer grants a later due date for the current period, with a reason the
 * contacts read. Every later step follows the new date (transition.ts defer).
 */
export async function deferDueDate(id: string, day: string, reason: string, who: string) {
  const { record, outcome } = await applyEvent(id, { kind: 'defer', day, reason }, who).catch(
    owedIsNotFailure(id),
  );
  if (outcome?.ignored === 'not_deferrable')
    throw conflict(
      `The affiliate is ${record.status}; a due date can be deferred while it is active, due, past due, held or suspended.`,
      { status: record.status },
    );
  if (outcome?.ignored === 'not_later')
    throw unprocessable(
      'deferral_not_later',
      'The new due date must be after today and after the current due date.',
      {
        reasons: [{ field: 'day', message: `a day after today and after ${toView(record).dueDate}` }],
      },
    );
  return toView(record);
}

// ---- previews ---------------------------------------------------------------------

/** Every notice the automation will send this affiliate (up to `until`), as it will be sent. */
export async function previewAffiliate(id: string, until?: Date): Promise<Preview> {
  const record = await readAffiliate(id);
  if (!record) throw notFound(`No affiliate with id ${id}.`);
  const now = activeClock.now();
  const pending = await pendingReportsOf(record, { kind: 'tick' });
  return previewOf(record, stateOf(record, pending), { now, timeZone: tz(), until });
}

/**
 * A registration before it is saved: where the affiliate would stand, what its timeline
 * would say and every notice it would then be sent. Nothing is stored or sent.
 */
export async function previewRegistration(
  input: AffiliateProfile & { agreement: Agreement },
  who: string,
): Promise<{ exists: boolean; affiliate: AffiliateView; timeline: TimelineEntry[]; preview: Preview }> {
  const now = activeClock.now();
  const existing = await readAffiliate(input.id);
  if (existing) {
    // An update: a changed agreement restarts the period; a profile change alone keeps it.
    const change = registrationChange(existing, input, dayIn(now, tz()));
    const outcome = change.restart
      ? transition(
          stateOf(existing),
          { kind: 'agreement_changed', agreement: change.period, profile: change.profile },
          { now, timeZone: tz() },
        )
      : { state: stateOf(existing), effects: [] };
    const { agreement: _a, ...profile } = input;
    const record = {
      ...existing,
      ...profile,
      registeredAgreement: change.profile.registeredAgreement,
      ...storable(outcome.state),
    };
    const preview = await previewOf(record, stateOf(record, []), { now, timeZone: tz() });
    const timeline = outcome.effects.flatMap((e) =>
      e.type === 'timeline' ? [{ at: now.toISOString(), what: e.what, why: e.why, who, data: e.data }] : [],
    );
    return { exists: true, affiliate: toView(record), timeline, preview };
  }
  const { record, timeline } = registrationRecord(input, who, now);
  const preview = await previewOf(record, stateOf(record, []), { now, timeZone: tz() });
  return { exists: false, affiliate: toView(record), timeline, preview };
}
