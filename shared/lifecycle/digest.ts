// The organizers' weekly digest: one email that says what the automation is about to
// do (next 14 days, public steps first, each with the link to pause) and what needs a
// person now (decisions, reports to check, reinstatements, notices stuck, addresses that
// bounce). Built from the same plan the ticks follow, so it never promises something
// the calendar will not do. Nothing to say: no email. Exactly once per week (outbox).

import { periodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { consoleLinks } from '../console/links.ts';
import { dayIn, formatDay } from '../dates.ts';
import { escapeHtml } from '../http/respond.ts';
import { sendOnce } from '../mail/outbox.ts';
import { sesMailer } from '../mail/ses.ts';
import { suppressedAmong } from '../mail/suppression.ts';
import { listReports } from '../reports/store.ts';
import { recipientsOf } from './notices.ts';
import { lifecycleOffsets } from './offsets.ts';
import { plannedSteps } from './plan.ts';
import { stateOf } from './service.ts';
import type { AffiliateRecord } from './store.ts';
import { affiliatesWithStatus } from './store.ts';
import type { NoticeKind } from './transition.ts';

const LABEL: Record<NoticeKind, string> = {
  first_reminder: 'first reminder',
  second_reminder: 'second reminder',
  expiry_notice: 'expiry notice',
  expiry_report_pending: 'expiry notice (report being checked)',
  final_reminder: 'final reminder before removal',
  formerly_active: 'moved to Formerly Active: notice to the contacts',
  formerly_active_announcement: 'ANNOUNCED ON WIKIMEDIA-L as Formerly Active',
  reinstated_announcement: 'return announced on Wikimedia-l',
  removal_held: 'removal held: the contacts are told their report is being looked at',
  removal_held_organizers: 'removal held: you are asked to decide',
  report_rejected: 'report rejected',
  removal_rescheduled: 'new removal date',
  reports_due_reminder: 'reminder: reports due',
  past_due_notice: 'reports past due notice',
  escalation_1: 'first reminder after the due date',
  escalation_2: 'second reminder after the due date',
  escalation_3: 'third reminder after the due date: suspended, you take over',
  escalation_organizers: 'escalation: you are told',
  deferral_granted: 'due date deferred',
};

export interface DigestItem {
  affiliateId: string;
  name: string;
  line: string;
}

export interface Digest {
  upcoming: (DigestItem & { at: string; public: boolean })[];
  needsYou: DigestItem[];
}

/** What the digest would say now (also what the tests and the console read). */
export async function buildDigest(now: Date): Promise<Digest> {
  const tz = config().timeZone;
  const until = new Date(now.getTime() + lifecycleOffsets.digestLookAheadDays * 86_400_000);
  const statuses = [
    'active',
    'report_due',
    'expired',
    'removal_held',
    'reinstatement_review',
    'suspended',
  ] as const;
  const records = (
    await Promise.all(statuses.map((s) => affiliatesWithStatus(s)))
  ).flat() as AffiliateRecord[];
  const digest: Digest = { upcoming: [], needsYou: [] };
  for (const r of records.sort((a, b) => a.name.localeCompare(b.name))) {
    const period = periodKey(r.agreement);
    const reports = await listReports(r.id);
    const pending = reports.filter((x) => x.period === period && x.status === 'received');
    const need = (line: string) => digest.needsYou.push({ affiliateId: r.id, name: r.name, line });
    for (const step of plannedSteps(
      stateOf(
        r,
        pending.map((p) => p.reportId),
      ),
      { now, timeZone: tz },
      until,
    )) {
      for (const n of step.notices) {
        const isPublic = n.audience === 'wikimedia_l';
        const who = n.audience === 'contacts' ? `${recipientsOf(r, n).length} contact(s)` : n.audience;
        digest.upcoming.push({
          affiliateId: r.id,
          name: r.name,
          at: step.at.toISOString(),
          public: isPublic,
          line: `${formatDay(dayIn(step.at, tz))}: ${LABEL[n.kind]} (to ${who}).${isPublic ? ` To hold it, pause the affiliate: ${consoleLinks.affiliate(r.id)}` : ''}`,
        });
      }
    }
    if (r.paused) need(`Automation paused: ${r.pauseReason ?? 'no reason given'}.`);
    if (r.status === 'removal_held')
      need(
        r.holdReason === 'registered_past_removal'
          ? 'Registered after its removal date: accept a report or set a removal date.'
          : 'Removal held with a report pending: accept it, reject it with a reason, or set a new date.',
      );
    if (r.status === 'suspended')
      need(
        'Suspended after the third reminder: the automation has stopped; defer its due date, or reinstate once its reports are accepted.',
      );
    if (r.status === 'reinstatement_review')
      need('Report accepted: reinstatement review (checklist, then reinstate).');
    for (const report of pending)
      need(
        `${report.reportKind === 'financial' ? 'Financial report' : 'Report'} to check: ${report.metaUrl} (${report.verification.state === 'awaiting_organizer' ? 'not on meta-wiki: check it by hand' : `meta-wiki check: ${report.verification.state}, ${report.verification.attempts} attempt(s)`})${report.flags?.includes('other_language') ? `; written in ${report.language}, English version: ${report.english?.url ?? 'summary given'}` : ''}.`,
      );
    if (r.owed.length)
      need(`Notices not yet sent (SES refused, retrying): ${r.owed.map((n) => n.kind).join(', ')}.`);
    const bouncing = await suppressedAmong(r.contactEmails);
    if (bouncing.size)
      need(`${bouncing.size} contact address(es) bounce or complained: update the contacts.`);
  }
  digest.upcoming.sort((a, b) => a.at.localeCompare(b.at) || Number(b.public) - Number(a.public));
  return digest;
}

export function digestText(d: Digest, today: string): string {
  const group = (items: DigestItem[]) => {
    const byId = new Map<string, DigestItem[]>();
    for (const i of items) byId.set(i.affiliateId, [...(byId.get(i.affiliateId) ?? []), i]);
    return [...byId.values()]
      .map(
        (list) =>
          `${list[0]!.name} (${consoleLinks.affiliate(list[0]!.affiliateId)})\n${list.map((i) => `  - ${i.line}`).join('\n')}`,
      )
      .join('\n\n');
  };
  const publicSteps = d.upcoming.filter((u) => u.public);
  return [
    `Hello organizers,\n\nThe week from ${formatDay(today)}.`,
    publicSteps.length
      ? `PUBLIC STEPS in the next ${lifecycleOffsets.digestLookAheadDays} days (Wikimedia-l will be told):\n\n${group(publicSteps)}`
      : '',
    d.needsYou.length ? `NEEDS YOU NOW:\n\n${group(d.needsYou)}` : '',
    d.upcoming.length
      ? `EVERYTHING THE AUTOMATION WILL SEND in the next ${lifecycleOffsets.digestLookAheadDays} days:\n\n${group(d.upcoming)}`
      : '',
    'Each link opens the affiliate in the console: its cycle, its timeline and every email it will be sent, in full.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The weekly run: send the digest once for this week, or nothing when there is nothing. */
export async function sendDigest(deps: {
  clock: Clock;
}): Promise<{ sent: boolean; upcoming: number; needsYou: number }> {
  const now = deps.clock.now();
  const digest = await buildDigest(now);
  const counts = { upcoming: digest.upcoming.length, needsYou: digest.needsYou.length };
  if (!counts.upcoming && !counts.needsYou) return { sent: false, ...counts };
  const today = dayIn(now, config().timeZone);
  const text = digestText(digest, today);
  const publicCount = digest.upcoming.filter((u) => u.public).length;
  const outcome = await sendOnce({ mailer: sesMailer, clock: deps.clock }, `digest#${today}`, {
    to: [config().mail.organizers],
    subject: `Weekly digest: ${counts.needsYou} to decide, ${counts.upcoming} planned email(s)${publicCount ? `, ${publicCount} public` : ''}`,
    text,
    html: `<!doctype html><html lang="en"><body><pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(text)}</pre></body></html>`,
    tags: { kind: 'organizer_digest' },
  });
  return { sent: outcome === 'sent' || outcome === 'already_sent', ...counts };
}
