// The report use cases.
//
// submitReport: check every rule (422 listing all that fail) -> count it against the
//   affiliate's daily limit (429; each stored report emails every contact) -> store the report once
//   (same affiliate, period and URL: the stored one is returned) -> try to verify it on
//   meta-wiki at once -> accepted, or kept as `received` with a retry scheduled and the
//   contacts told what happens next.
// verifyReport (scheduled target and first attempt): one Action API query; the page
//   exists, is tied to this affiliate and is listed (judgeReportPage) -> accept;
//   otherwise record what is missing and retry later.
// acceptReport: lifecycle moves on (recordReportAccepted, idempotent), the report is
//   marked accepted with its history, the contacts get a confirmation. Safe to repeat.

import type { AffiliateView, Agreement } from '../affiliates/model.ts';
import { parsePeriodKey, periodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { type FieldProblem, notFound, unprocessable } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { policyFor } from '../lifecycle/policies.ts';
import { appendTimeline, getAffiliate, recordReportAccepted } from '../lifecycle/service.ts';
import { giveBackAll, type LimitStore, limitStore, takeAll } from '../limits/counters.ts';
import { reportCounter } from '../limits/policy.ts';
import { log } from '../log.ts';
import { metric } from '../metrics.ts';
import { scheduler } from '../scheduler/index.ts';
import { sendAccepted, sendGaveUpToOrganizers, sendReceived } from './emails.ts';
import { MetaUnavailableError, pageLinks } from './meta-api.ts';
import { checkMetaUrl, reportsPageTitle, titleOfPage } from './meta-url.ts';
import { inOtherLanguage, type ReportSubmission, reportProblems } from './rules.ts';
import {
  affiliatePk,
  getReport,
  putReportOnce,
  type ReportFlag,
  type ReportRecord,
  reopenReport,
  reportIdFor,
  updateReport,
  type VerificationState,
} from './store.ts';
import { judgeReportPage, type Verdict } from './verdict.ts';

export const VERIFY_TARGET = 'verify-report';
/** Waits between verification attempts; after the last one an organizer decides. */
export const RETRY_AFTER_MINUTES = [15, 60, 6 * 60, 24 * 60, 24 * 60, 24 * 60, 24 * 60, 48 * 60, 72 * 60];

export const verifyScheduleName = (reportId: string) =>
  `verify-report-${reportId.slice(reportId.lastIndexOf('.') + 1)}`;

export async function affiliateOr404(affiliateId: string): Promise<AffiliateView> {
  const affiliate = await getAffiliate(affiliateId);
  if (!affiliate) throw notFound('No affiliate with this id.');
  return affiliate;
}

export interface SubmitOutcome {
  created: boolean;
  report: ReportRecord;
  /** The affiliate it was submitted for, as read for this request. */
  affiliate: AffiliateView;
}

export async function submitReport(
  deps: { clock: Clock; limits?: LimitStore },
  input: { affiliateId: string; agreement?: Agreement; submission: ReportSubmission; who: string },
): Promise<SubmitOutcome> {
  const affiliate = await affiliateOr404(input.affiliateId);
  const agreement = input.agreement ?? affiliate.agreement;
  const s = input.submission;
  const problems = [
    ...(s.kind === 'financial' && !policyFor(affiliate).requiredReports.includes('financial')
      ? [financialNotRequired()]
      : []),
    ...reportProblems(agreement, s),
  ];
  if (problems.length) {
    metric('ReportsRejected');
    throw unprocessable(
      'report_rejected',
      `The report was not accepted: ${problems.map((p) => p.message).join(' ')}`,
      { reasons: problems },
    );
  }
  // The report's address: a meta-wiki page (checked there), or for a financial report
  // the organisation's own site (an organizer checks it).
  const address = reportAddress(s);
  const period = periodKey(agreement);
  const now = deps.clock.now().toISOString();
  // An activity report keeps the id it always had; a financial report at the same
  // address is another report.
  const reportId = reportIdFor(
    affiliate.id,
    period,
    s.kind === 'financial' ? `financial:${address.title ?? address.href}` : address.title!,
  );
  const flags: ReportFlag[] = [
    ...(inOtherLanguage(s) ? (['other_language'] as const) : []),
    ...(s.reportType === 'multi_year' ? (['multi_year'] as const) : []),
  ];
  const limits = deps.limits ?? limitStore;
  const counted = [reportCounter(config().limits, affiliate.id)];
  await takeAll(
    limits,
    counted,
    deps.clock.now(),
    (_, retryAfter) =>
      `This affiliate has submitted as many reports as it may today; try again in ${Math.ceil(retryAfter / 3600)} hours, or ask the organizers.`,
  );
  const { created, report } = await putReportOnce({
    pk: affiliatePk(affiliate.id),
    sk: `REPORT#${reportId}`,
    kind: 'report',
    ...(s.kind === 'financial' ? { reportKind: 'financial' as const } : {}),
    ...(s.reportType === 'multi_year' ? { reportType: 'multi_year' as const } : {}),
    ...(inOtherLanguage(s)
      ? { language: s.language, english: { url: s.englishUrl, summary: s.englishSummary } }
      : {}),
    ...(flags.length ? { flags } : {}),
    reportId,
    affiliateId: affiliate.id,
    period,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    // Stored in its canonical form: the same page typed two ways is one address.
    metaUrl: address.href,
    metaTitle: address.title ?? '',
    financialReportUrl: s.kind === 'financial' ? undefined : s.financialReportUrl,
    text: s.kind === 'financial' ? '' : s.text,
    submittedAt: now,
    submittedBy: input.who,
    status: 'received',
    verification: { state: address.title === undefined ? 'awaiting_organizer' : 'pending', attempts: 0 },
    history: [{ at: now, what: 'submitted', who: input.who }],
  });
  if (!created) {
    // The same report again. If an earlier attempt stopped half-way (crash, outage),
    // finish it now: every step below is idempotent. Only a rejected report reopened
    // below is stored afresh (and emails again), so only that one counts.
    const uncounted = () => giveBackAll(limits, counted, deps.clock.now());
    if (report.status === 'accepted') {
      await uncounted();
      return { created, affiliate, report: await finishAcceptance(deps, affiliate, report, input.who) };
    }
    if (report.status === 'rejected') {
      // Corrected at the same address after an organizer's rejection: a fresh check.
      const reopened = await reopenReport(report, {
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
        text: s.kind === 'financial' ? '' : s.text,
        financialReportUrl: s.kind === 'financial' ? undefined : s.financialReportUrl,
        at: now,
        who: input.who,
      });
      if (reopened) {
        await appendTimeline(affiliate.id, {
          what: 'report_resubmitted',
          who: input.who,
          data: { reportId, period, metaUrl: reopened.metaUrl },
        });
        return {
          created,
          affiliate,
          report: await verifyReport(deps, { affiliateId: affiliate.id, reportId }, affiliate),
        };
      }
    }
    await uncounted();
    if (report.verification.attempts === 0)
      return {
        created,
        affiliate,
        report: await verifyReport(deps, { affiliateId: affiliate.id, reportId }, affiliate),
      };
    return { created, affiliate, report };
  }
  await appendTimeline(affiliate.id, {
    what: 'report_received',
    who: input.who,
    data: { reportId, period, metaUrl: report.metaUrl },
  });
  const verified = await verifyReport(deps, { affiliateId: affiliate.id, reportId }, affiliate);
  return { created, affiliate, report: verified };
}

/** One verification attempt. Never throws for meta-wiki trouble: it schedules a retry. */
export async function verifyReport(
  deps: { clock: Clock },
  ref: { affiliateId: string; reportId: string },
  known?: AffiliateView,
): Promise<ReportRecord> {
  const report = await getReport(ref.affiliateId, ref.reportId);
  if (!report) throw notFound('No such report.');
  const affiliate = known ?? (await affiliateOr404(ref.affiliateId));
  if (report.status === 'accepted') return finishAcceptance(deps, affiliate, report, 'system');
  // An organizer rejected it: no more checks (a corrected submission starts its own).
  if (report.status === 'rejected') return report;
  // A financial report on the organisation's own site: meta-wiki cannot vouch for it. The
  // contacts hear it arrived; it waits for an organizer (the digest lists it).
  if (!report.metaTitle) {
    if (report.verification.attempts > 0) return report;
    const at = deps.clock.now().toISOString();
    const updated = await updateReport(report, {
      verification: { state: 'awaiting_organizer', attempts: 1, checkedAt: at },
      history: { at, what: 'awaiting_organizer', who: 'system' },
    });
    await sendReceived(deps.clock, affiliate, updated, 'awaiting_organizer');
    return updated;
  }

  let state: VerificationState;
  let verdict: Omit<Verdict, 'state'> | undefined;
  try {
    const groupPage = titleOfPage(affiliate.metaPage);
    const page = await pageLinks(report.metaTitle, { linksTo: groupPage });
    const { state: judged, ...rest } = judgeReportPage(page, {
      reportsPage: reportsPageTitle(),
      groupPage,
    });
    state = judged;
    verdict = rest;
  } catch (error) {
    if (!(error instanceof MetaUnavailableError)) throw error;
    log.warn('meta-wiki unavailable; verification will be retried', {
      reportId: report.reportId,
      error: error.message,
    });
    state = 'meta_unavailable';
  }

  const now = deps.clock.now();
  const attempts = report.verification.attempts + 1;
  if (state === 'verified') {
    const updated = await updateReport(report, {
      verification: { state, attempts, checkedAt: now.toISOString(), ...verdict },
      history: { at: now.toISOString(), what: 'verified_on_meta', who: 'system' },
      accept: { at: now.toISOString() },
    });
    return finishAcceptance(deps, affiliate, updated, 'system');
  }

  const wait = RETRY_AFTER_MINUTES[attempts - 1];
  const next = wait === undefined ? undefined : new Date(now.getTime() + wait * 60_000);
  const updated = await updateReport(report, {
    verification: {
      state: next ? state : 'gave_up',
      attempts,
      checkedAt: now.toISOString(),
      nextCheckAt: next?.toISOString(),
      ...verdict,
    },
    history: { at: now.toISOString(), what: `verification_${state}`, who: 'system' },
  });
  if (next) {
    await scheduler().upsert({
      name: verifyScheduleName(report.reportId),
      at: next,
      target: VERIFY_TARGET,
      payload: { affiliateId: report.affiliateId, reportId: report.reportId },
    });
  }
  if (attempts === 1) await sendReceived(deps.clock, affiliate, updated, state);
  if (!next) await sendGaveUpToOrganizers(deps.clock, affiliate, updated);
  return updated;
}

/** An organizer has checked meta-wiki by hand: accept the report. */
export async function markVerifiedByHand(
  deps: { clock: Clock },
  ref: { affiliateId: string; reportId: string; who: string },
): Promise<ReportRecord> {
  const report = await getReport(ref.affiliateId, ref.reportId);
  if (!report) throw notFound('No such report.');
  const affiliate = await affiliateOr404(ref.affiliateId);
  if (report.status === 'accepted') return finishAcceptance(deps, affiliate, report, ref.who);
  const now = deps.clock.now().toISOString();
  const updated = await updateReport(report, {
    verification: { ...report.verification, state: 'confirmed_by_organizer', checkedAt: now, by: ref.who },
    history: { at: now, what: 'verified_by_organizer', who: ref.who },
    accept: { at: now },
  });
  return finishAcceptance(deps, affiliate, updated, ref.who);
}

/** Everything after a report is accepted; each step is idempotent, so a retry completes it. */
async function finishAcceptance(
  deps: { clock: Clock },
  affiliate: AffiliateView,
  report: ReportRecord,
  actor: string,
): Promise<ReportRecord> {
  const { status } = await recordReportAccepted({
    affiliateId: affiliate.id,
    period: report.period,
    reportId: report.reportId,
    reportKind: report.reportKind ?? 'activity',
    actor,
  });
  await sendAccepted(deps.clock, affiliate, report);
  await scheduler().remove(verifyScheduleName(report.reportId));
  log.info('report accepted', { affiliateId: affiliate.id, reportId: report.reportId, status });
  metric('ReportsAccepted');
  return report;
}

/** Where a report is: a meta-wiki page (with its title), or an https address elsewhere. */
function reportAddress(s: ReportSubmission): { href: string; title?: string } {
  const raw = s.kind === 'financial' ? s.url : s.metaUrl;
  const url = checkMetaUrl(raw);
  if (url.ok) return { href: url.href, title: url.title };
  // Only a financial report may live outside meta-wiki; the rules have checked the rest.
  if (s.kind !== 'financial') throw new Error('unreachable: the address was checked');
  return { href: s.url };
}

const financialNotRequired = (): FieldProblem => ({
  field: 'kind',
  message: t('en', 'report.problem.financialNotRequired'),
  key: 'report.problem.financialNotRequired',
});

/** The agreement a personal link's token names. */
export function agreementOfPeriod(period: string): Agreement | undefined {
  return parsePeriodKey(period);
}
