// Organizer routes for affiliates:
//   POST /admin/affiliates                 register or update
//   GET  /admin/affiliates?status=...      list, optionally by status, with owed notices and bounces
//   GET  /admin/affiliates/{id}            status, agreement, next deadline, timeline
//   POST /admin/affiliates/{id}/pause      hold the automation, with a reason
//   POST /admin/affiliates/{id}/resume     release it, with a reason
//   POST /admin/affiliates/preview         dry run of a registration: state and notices
//   POST /admin/affiliates/import          many at once (JSON or CSV), all or nothing
//   GET  /admin/affiliates/{id}/preview    every notice the automation will send
//   POST /admin/affiliates/{id}/removal-date  a later removal day, with a reason
//   POST /admin/affiliates/{id}/deferral   a later due date, with a reason
//   GET  /admin/policies                   the reporting policy of each kind of affiliate

import * as v from 'valibot';
import type { AffiliateStatus } from '#shared/affiliates/model.ts';
import { clock } from '#shared/clock.ts';
import { invalidRequest, notFound } from '#shared/errors.ts';
import { adminIdentity } from '#shared/http/admin.ts';
import { readBody } from '#shared/http/body.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import type { HttpEvent } from '#shared/http/types.ts';
import { importAffiliates, rowsFromCsv } from '#shared/lifecycle/import.ts';
import { ALL_POLICIES, describePolicy } from '#shared/lifecycle/policies.ts';
import { affiliateSchema, deferralSchema, reasonSchema, removalDateSchema } from '#shared/lifecycle/rules.ts';
import {
  deferDueDate,
  getAffiliateWithTimeline,
  listAffiliatesWithOwed,
  pauseAffiliate,
  previewAffiliate,
  previewRegistration,
  resumeAffiliate,
  STATUSES,
  setRemovalDate,
  upsertAffiliate,
} from '#shared/lifecycle/service.ts';
import { suppressedAmong } from '#shared/mail/suppression.ts';
import { checklistFor } from '#shared/reports/checklist.ts';

const CHECKLIST_STATUSES: AffiliateStatus[] = [
  'expired',
  'removal_held',
  'formerly_active',
  'reinstatement_review',
  'suspended',
];
const IMPORT_LIMIT_BYTES = 1024 * 1024;

function daysFrom(event: HttpEvent): Date | undefined {
  const raw = event.queryStringParameters?.days;
  if (raw === undefined) return undefined;
  if (!/^\d{1,3}$/.test(raw))
    throw invalidRequest('days must be a whole number of days (at most 999).', [
      { field: 'days', message: 'a whole number' },
    ]);
  return new Date(clock.now().getTime() + Number(raw) * 86_400_000);
}

function parse<T extends v.GenericSchema>(schema: T, data: unknown): v.InferOutput<T> {
  const parsed = v.safeParse(schema, data);
  if (parsed.success) return parsed.output;
  throw invalidRequest(
    'Some fields are missing or wrong.',
    parsed.issues.map((issue) => ({
      field: v.getDotPath(issue) ?? '(body)',
      message: issue.message,
    })),
  );
}

function statusesFrom(event: HttpEvent): AffiliateStatus[] | undefined {
  const raw = event.queryStringParameters?.status;
  if (!raw) return undefined;
  const wanted = raw.split(',').map((s) => s.trim());
  const unknown = wanted.filter((s) => !STATUSES.includes(s as AffiliateStatus));
  if (unknown.length)
    throw invalidRequest(`Unknown status: ${unknown.join(', ')}.`, [
      { field: 'status', message: STATUSES.join(', ') },
    ]);
  return wanted as AffiliateStatus[];
}

export const handler = httpHandler(async (event) => {
  const who = adminIdentity(event);
  const id = event.pathParameters?.id ?? '';
  switch (event.routeKey) {
    case 'POST /admin/affiliates': {
      const input = parse(affiliateSchema, readBody(event, { accept: ['json'] }).data);
      const { created, affiliate } = await upsertAffiliate(input, who);
      return json(created ? 201 : 200, { affiliate });
    }
    case 'POST /admin/affiliates/preview': {
      const input = parse(affiliateSchema, readBody(event, { accept: ['json'] }).data);
      return json(200, await previewRegistration(input, who));
    }
    case 'POST /admin/affiliates/import': {
      const body = readBody(event, { accept: ['json', 'csv'], limitBytes: IMPORT_LIMIT_BYTES });
      const raw = body.format === 'csv' ? { affiliates: rowsFromCsv(String(body.data.csv)) } : body.data;
      const dryRun = event.queryStringParameters?.dryRun === 'true';
      return json(200, await importAffiliates(raw, who, dryRun));
    }
    case 'GET /admin/affiliates/{id}/preview':
      return json(200, { preview: await previewAffiliate(id, daysFrom(event)) });
    case 'POST /admin/affiliates/{id}/removal-date': {
      const { day, reason } = parse(removalDateSchema, readBody(event, { accept: ['json', 'form'] }).data);
      return json(200, { affiliate: await setRemovalDate(id, day, reason, who) });
    }
    case 'POST /admin/affiliates/{id}/deferral': {
      const { day, reason } = parse(deferralSchema, readBody(event, { accept: ['json', 'form'] }).data);
      return json(200, { affiliate: await deferDueDate(id, day, reason, who) });
    }
    case 'GET /admin/policies':
      return json(200, { policies: ALL_POLICIES.map(describePolicy) });
    case 'GET /admin/affiliates': {
      // The board shows which contact addresses bounce, so organizers can fix them.
      const affiliates = await listAffiliatesWithOwed(statusesFrom(event));
      const bouncing = await Promise.all(affiliates.map((a) => suppressedAmong(a.contactEmails)));
      return json(200, {
        affiliates: affiliates.map((a, i) => ({ ...a, bouncing: [...bouncing[i]!] })),
      });
    }
    case 'GET /admin/affiliates/{id}': {
      const affiliate = await getAffiliateWithTimeline(id);
      if (!affiliate) throw notFound(`No affiliate with id ${id}.`);
      // The reinstatement checklist (shared/reports/) belongs on the record while it matters.
      const reinstatementChecklist = CHECKLIST_STATUSES.includes(affiliate.status)
        ? await checklistFor(id, { affiliate, checkMeta: affiliate.status === 'reinstatement_review' })
        : undefined;
      return json(200, { affiliate, reinstatementChecklist });
    }
    case 'POST /admin/affiliates/{id}/pause': {
      const { reason } = parse(reasonSchema, readBody(event, { accept: ['json', 'form'] }).data);
      return json(200, { affiliate: await pauseAffiliate(id, reason, who) });
    }
    case 'POST /admin/affiliates/{id}/resume': {
      const { reason } = parse(reasonSchema, readBody(event, { accept: ['json', 'form'] }).data);
      return json(200, { affiliate: await resumeAffiliate(id, reason, who) });
    }
    default:
      throw notFound();
  }
});
