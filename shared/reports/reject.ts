// An organizer rejects a report, with a reason the contacts will read. The report is
// marked rejected (once), its verification retries stop, and the lifecycle hears of it:
// the contacts are told why and, if the removal was held for this report, it is set again.

import type { Clock } from '../clock.ts';
import { conflict, notFound } from '../errors.ts';
import { recordReportRejected } from '../lifecycle/service.ts';
import { scheduler } from '../scheduler/index.ts';
import { verifyScheduleName } from './service.ts';
import { getReport, markRejected, type ReportRecord } from './store.ts';

export async function rejectReport(
  deps: { clock: Clock },
  input: { affiliateId: string; reportId: string; reason: string; who: string },
): Promise<ReportRecord> {
  const report = await getReport(input.affiliateId, input.reportId);
  if (!report) throw notFound('No such report.');
  if (report.status === 'accepted')
    throw conflict('This report has already been accepted.', { status: report.status });
  const { changed, report: after } = await markRejected(report, {
    at: deps.clock.now().toISOString(),
    by: input.who,
    reason: input.reason,
  });
  if (after.status === 'accepted')
    throw conflict('This report has already been accepted.', { status: after.status });
  await scheduler().remove(verifyScheduleName(report.reportId));
  // Only the call that rejected it tells the lifecycle, so a repeated click changes nothing.
  if (changed)
    await recordReportRejected({
      affiliateId: input.affiliateId,
      period: after.period,
      reportId: after.reportId,
      reason: after.rejection?.reason ?? input.reason,
      reportUrl: after.metaUrl,
      actor: input.who,
    });
  return after;
}
