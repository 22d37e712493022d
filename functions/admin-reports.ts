// Organizer routes for reports and reinstatement:
//   GET  /admin/affiliates/{id}/reports                       the reports, with history
//   POST /admin/affiliates/{id}/reports/{reportId}/verify     verified by hand: accept it
//   POST /admin/affiliates/{id}/reports/{reportId}/reject     rejected, with a reason
//   POST /admin/affiliates/{id}/reports/{reportId}/recheck    check meta-wiki again now
//   POST /admin/affiliates/{id}/reports/{reportId}/notes      a staff note (text, WADP categories)
//   GET  /admin/affiliates/{id}/checklist                     the reinstatement checklist
//   POST /admin/affiliates/{id}/checklist                     confirm a step by hand
//   POST /admin/affiliates/{id}/reinstate                     refuses (422) until complete
// Reports come back without their text (it can be 200 KB); the count of characters stays.

import * as v from 'valibot';
import { periodKey } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { invalidRequest, notFound } from '#shared/errors.ts';
import { adminIdentity } from '#shared/http/admin.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { reasonSchema } from '#shared/lifecycle/rules.ts';
import { checklistFor } from '#shared/reports/checklist.ts';
import { reinstateWithChecklist } from '#shared/reports/reinstate.ts';
import { rejectReport } from '#shared/reports/reject.ts';
import { confirmStepSchema, staffNoteSchema } from '#shared/reports/rules.ts';
import { affiliateOr404, markVerifiedByHand, verifyReport } from '#shared/reports/service.ts';
import {
  addStaffNote,
  confirmStep,
  getReport,
  listReports,
  type ReportRecord,
} from '#shared/reports/store.ts';

const summary = ({ pk: _pk, sk: _sk, text, ...rest }: ReportRecord) => ({
  ...rest,
  textChars: text?.length ?? 0,
});

export const handler = httpHandler(async (event) => {
  const who = adminIdentity(event);
  const affiliateId = event.pathParameters?.id ?? '';
  switch (event.routeKey) {
    case 'GET /admin/affiliates/{id}/reports': {
      await affiliateOr404(affiliateId);
      const reports = (await listReports(affiliateId)).sort((a, b) => b.sk.localeCompare(a.sk));
      return json(200, { reports: reports.map(summary) });
    }
    case 'POST /admin/affiliates/{id}/reports/{reportId}/verify': {
      const report = await markVerifiedByHand(
        { clock },
        { affiliateId, reportId: event.pathParameters?.reportId ?? '', who },
      );
      return json(200, { report: summary(report) });
    }
    case 'POST /admin/affiliates/{id}/reports/{reportId}/recheck': {
      const affiliate = await affiliateOr404(affiliateId);
      const report = await verifyReport(
        { clock },
        { affiliateId, reportId: event.pathParameters?.reportId ?? '' },
        affiliate,
      );
      return json(200, { report: summary(report) });
    }
    case 'POST /admin/affiliates/{id}/reports/{reportId}/reject': {
      const parsed = v.safeParse(reasonSchema, readBody(event, { accept: ['json', 'form'] }).data);
      if (!parsed.success)
        throw invalidRequest('Give the reason the contacts will read.', [
          { field: 'reason', message: parsed.issues[0]!.message },
        ]);
      await affiliateOr404(affiliateId);
      const report = await rejectReport(
        { clock },
        {
          affiliateId,
          reportId: event.pathParameters?.reportId ?? '',
          reason: parsed.output.reason,
          who,
        },
      );
      return json(200, { report: summary(report) });
    }
    case 'POST /admin/affiliates/{id}/reports/{reportId}/notes': {
      const parsed = v.safeParse(staffNoteSchema, readBody(event, { accept: ['json', 'form'] }).data);
      if (!parsed.success)
        throw invalidRequest(
          'Give a note: text, categories (old_report, empty_report, incomplete_report), or both.',
          parsed.issues.map((i) => ({ field: v.getDotPath(i) ?? 'text', message: i.message })),
        );
      await affiliateOr404(affiliateId);
      const report = await getReport(affiliateId, event.pathParameters?.reportId ?? '');
      if (!report) throw notFound('No such report.');
      const noted = await addStaffNote(report, {
        at: clock.now().toISOString(),
        by: who,
        ...(parsed.output.text ? { text: parsed.output.text } : {}),
        categories: parsed.output.categories,
      });
      return json(200, { report: summary(noted) });
    }
    case 'GET /admin/affiliates/{id}/checklist':
      return json(200, { checklist: await checklistFor(affiliateId) });
    case 'POST /admin/affiliates/{id}/checklist': {
      const parsed = v.safeParse(confirmStepSchema, readBody(event, { accept: ['json', 'form'] }).data);
      if (!parsed.success)
        throw invalidRequest(
          'Name the step: report_posted, financial_report_posted, group_page_updated or wikimedia_l_told.',
          [{ field: 'step', message: parsed.issues[0]!.message }],
        );
      const affiliate = await affiliateOr404(affiliateId);
      await confirmStep(affiliate.id, periodKey(affiliate.agreement), parsed.output.step, {
        who,
        at: clock.now().toISOString(),
        note: parsed.output.note,
      });
      return json(200, { checklist: await checklistFor(affiliateId, { affiliate }) });
    }
    case 'POST /admin/affiliates/{id}/reinstate': {
      const result = await reinstateWithChecklist({ clock }, { affiliateId, actor: who });
      return json(200, result);
    }
    default:
      throw notFound();
  }
});
