// Lifecycle simulation: N affiliates registered through the API, walked through three
// simulated years on the local stack (the scheduler stand-in fires every one-time and
// daily schedule in order as the clock moves a week at a time). Half of them report
// each year as soon as their first reminder arrives; the other half never report. One in
// eight is an existing group onboarded late: its agreement ended up to 500 days before
// registration, so nothing may be sent for steps that passed before it was registered.
// Wall time and emails sent, and the email count checked against the count the rules
// (shared/lifecycle/transition.ts and offsets.ts) predict for each recipient.

import type { AffiliateType, Agreement } from '../shared/affiliates/model.ts';
import { config } from '../shared/config.ts';
import { addDays } from '../shared/dates.ts';
import { policyFor } from '../shared/lifecycle/policies.ts';
import { getAffiliate, listAffiliates, recordReportAccepted } from '../shared/lifecycle/service.ts';
import { actionInstant, actionsOf, nextAgreement } from '../shared/lifecycle/transition.ts';
import { routes } from '../shared/routes/index.ts';
import { affiliateBody } from './reconcile.ts';
import { BENCH_ADMIN_TOKEN, startBenchStack } from './stack.ts';
import type { Row } from './stats.ts';
import { row } from './stats.ts';

const START = new Date('2026-01-01T00:00:00Z');
const END = new Date('2029-01-01T00:00:00Z');
const WEEK = 7 * 24 * 3_600_000;

interface Plan {
  id: string;
  type: AffiliateType;
  agreement: Agreement;
  /** The first reporting period, as registered (set once the affiliate is). */
  period?: Agreement;
  contacts: string[];
  reports: boolean;
}

function plans(n: number): Plan[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `sim-${i}`;
    const late = i % 8 === 7;
    // Agreements ending across 2026, so the work spreads over the year; the onboarded
    // groups' agreements ended before START.
    const end = late ? addDays('2025-12-31', -((i * 11) % 500)) : addDays('2026-03-01', (i * 7) % 300);
    const start = addDays(end, -364);
    const body = affiliateBody(id, { start, end }, 1 + (i % 2));
    return {
      id,
      type: i % 5 === 0 ? 'chapter' : 'user_group',
      agreement: { start, end },
      contacts: body.contactEmails,
      reports: !late && i % 4 < 2,
    };
  });
}

/**
 * Emails the rules predict for one affiliate registered at START, by `until`, by
 * recipient: a step sends only if its instant falls after the registration, and a group
 * registered after its removal date is held for an organizer (nothing more is sent).
 * Each step of the affiliate's policy tells its contacts once; a user group's removal is
 * announced on Wikimedia-l; a chapter's escalations at the policy's days tell the
 * organizers, and after the third it is suspended (nothing more is sent).
 */
function predict(
  plan: Plan,
  until: Date,
  timeZone: string,
  to: { wikimediaL: string; organizers: string },
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (recipient: string, n = 1) => out.set(recipient, (out.get(recipient) ?? 0) + n);
  const policy = policyFor(plan);
  const when = (agreement: Agreement, action: Parameters<typeof actionInstant>[1]) =>
    actionInstant({ type: plan.type, agreement }, action, timeZone);
  const by = (agreement: Agreement, action: Parameters<typeof actionInstant>[1]) =>
    when(agreement, action) > START && when(agreement, action) <= until;
  const actions = actionsOf(plan);
  const period = plan.period ?? plan.agreement;
  if (actions.at(-1) === 'remove' && when(period, 'remove') <= START) return out;
  if (plan.reports) {
    // One first notice per period; the reports that follow renew the agreement. A first
    // notice whose day had passed at registration was recorded without sending.
    for (let a = period; when(a, actions[0]!) <= until; a = nextAgreement(a)) {
      if (by(a, actions[0]!)) for (const c of plan.contacts) add(c);
    }
    return out;
  }
  const steps = actions.filter((action) => by(period, action));
  for (const c of plan.contacts) add(c, steps.length);
  if (policy.pastDue.announced && steps.includes('remove')) add(to.wikimediaL);
  if (policy.pastDue.kind === 'escalation_and_suspension') {
    const { escalationDaysAfterDue, organizersToldAtDaysAfterDue } = policy.pastDue;
    const escalations = ['escalation_1', 'escalation_2', 'escalation_3'] as const;
    for (const [i, action] of escalations.entries())
      if (steps.includes(action) && organizersToldAtDaysAfterDue.includes(escalationDaysAfterDue[i]!))
        add(to.organizers);
  }
  return out;
}

export async function benchLifecycle(options: {
  n: number;
  log: (line: string) => void;
}): Promise<{ rows: Row[]; details: Record<string, unknown> } | { skipped: string }> {
  if (!routes.some((r) => r.method === 'POST' && r.path === '/admin/affiliates')) {
    return { skipped: 'lifecycle: POST /admin/affiliates is not in the route table yet' };
  }
  const stack = await startBenchStack({ startAt: START });
  try {
    const all = plans(options.n);
    const started = performance.now();
    for (const plan of all) {
      const body = { ...affiliateBody(plan.id, plan.agreement, plan.contacts.length), type: plan.type };
      const res = await fetch(`${stack.apiUrl}/admin/affiliates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201)
        throw new Error(`registering ${plan.id} got ${res.status}: ${await res.text()}`);
      // The period the calendar follows: a chapter's is its fiscal year, not the agreement.
      plan.period = (await getAffiliate(plan.id))!.agreement;
    }
    const reporters = new Set(all.filter((p) => p.reports).map((p) => p.id));
    let reportsAccepted = 0;
    let fired = 0;
    for (let t = START.getTime() + WEEK; ; t += WEEK) {
      const to = new Date(Math.min(t, END.getTime()));
      fired += (await stack.runner.advanceTo(to)).length;
      // The reporting half sends its reports in the week its first reminder arrives:
      // every report its policy requires (a chapter's financial report too).
      for (const a of await listAffiliates(['report_due'])) {
        if (!reporters.has(a.id)) continue;
        for (const reportKind of policyFor(a).requiredReports) {
          await recordReportAccepted({
            affiliateId: a.id,
            period: a.period,
            reportId: `sim-${a.period}-${reportKind}`,
            reportKind,
            actor: 'bench',
          });
          reportsAccepted++;
        }
      }
      if (to.getTime() >= END.getTime()) break;
    }
    const seconds = (performance.now() - started) / 1000;

    // What the rules say each recipient should have received, and what SES local holds.
    const c = config();
    const predicted = new Map<string, number>();
    for (const plan of all) {
      for (const [to, n] of predict(plan, END, c.timeZone, {
        wikimediaL: c.mail.wikimediaL,
        organizers: c.mail.organizers,
      }))
        predicted.set(to, (predicted.get(to) ?? 0) + n);
    }
    const res = await fetch(`${stack.sesUrl}/store`);
    // The organizers' weekly digest is not a notice to a group: left out of the count.
    const emails = (
      (await res.json()) as { emails: { destination: { to: string[] }; subject: string }[] }
    ).emails.filter((e) => !e.subject.startsWith('Weekly digest'));
    const received = new Map<string, number>();
    for (const e of emails) for (const to of e.destination.to) received.set(to, (received.get(to) ?? 0) + 1);
    const mismatches = [...new Set([...predicted.keys(), ...received.keys()])]
      .filter((to) => (predicted.get(to) ?? 0) !== (received.get(to) ?? 0))
      .map((to) => `${to}: predicted ${predicted.get(to) ?? 0}, got ${received.get(to) ?? 0}`);
    const expected = [...predicted.values()].reduce((a, b) => a + b, 0);
    const check = mismatches.length === 0 && expected === emails.length;
    options.log(
      `  lifecycle: ${emails.length} emails sent, ${expected} predicted, ${mismatches.length} recipients differ`,
    );

    const subject = `${options.n} affiliates, 3 years`;
    return {
      rows: [
        row({
          section: 'lifecycle',
          subject,
          metric: 'emails sent',
          unit: 'emails',
          ours: emails.length,
          ceiling: expected,
          note: check
            ? 'ceiling = what the rules predict; every recipient got exactly the predicted count'
            : `MISMATCH: ${mismatches.slice(0, 3).join('; ')}`,
        }),
        row({
          section: 'lifecycle',
          subject,
          metric: 'wall time',
          unit: 's',
          ours: seconds,
          ceiling: Number.NaN,
          note: `${fired} schedule firings, ${reportsAccepted} reports accepted, ${Math.round((END.getTime() - START.getTime()) / WEEK)} weekly clock moves`,
        }),
      ],
      details: {
        n: options.n,
        seconds,
        emails: emails.length,
        predicted: expected,
        mismatches,
        fired,
        reportsAccepted,
        handlerLogs: stack.logs,
      },
    };
  } finally {
    await stack.stop();
  }
}
