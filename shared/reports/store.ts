// Reports live in the affiliates table beside the affiliate they belong to:
//   pk AFF#<affiliateId>, sk REPORT#<reportId>     one submitted report, with its history
//   pk AFF#<affiliateId>, sk CHECKLIST#<period>    reinstatement steps an organizer confirmed
// reportId = <period>.<hash of affiliate, period and meta URL>, so submitting the same
// report twice finds the same item (idempotency) and reports sort by period.

import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, queryAll } from '../aws/dynamodb.ts';
import { tableName } from '../tables.ts';
import type { MissingCode } from './verdict.ts';

export const affiliatePk = (affiliateId: string) => `AFF#${affiliateId}`;

/** received: waiting for meta-wiki or an organizer; rejected: an organizer said no, with a reason. */
export type ReportStatus = 'received' | 'accepted' | 'rejected';
export type VerificationState =
  | 'pending'
  | 'verified'
  | 'page_missing'
  | 'not_linked'
  | 'not_this_affiliate'
  | 'meta_unavailable'
  | 'confirmed_by_organizer'
  | 'gave_up'
  /** A financial report on the organisation's own site: meta-wiki cannot vouch for it, an organizer checks it. */
  | 'awaiting_organizer';

/** WADP's categories of staff notes on reports (src/frontend/wadpOrgInfoForm.js, notes_on_reporting). */
export const STAFF_NOTE_CATEGORIES = ['old_report', 'empty_report', 'incomplete_report'] as const;
export type StaffNoteCategory = (typeof STAFF_NOTE_CATEGORIES)[number];

export interface StaffNote {
  at: string;
  by: string;
  text?: string;
  categories: StaffNoteCategory[];
}

/** What organizers should look at twice: a report in another language, a multi-year report. */
export type ReportFlag = 'other_language' | 'multi_year';

export interface HistoryEntry {
  at: string;
  what: string;
  who: string;
}

export interface ReportRecord {
  pk: string;
  sk: string;
  kind: 'report';
  /** activity (the default, and every report stored before issue 15) or financial. */
  reportKind?: 'activity' | 'financial';
  /** annual (the default) or multi_year. */
  reportType?: 'annual' | 'multi_year';
  /** The language the report is written in, when not English, with its English version. */
  language?: string;
  english?: { url?: string; summary?: string };
  flags?: ReportFlag[];
  staffNotes?: StaffNote[];
  reportId: string;
  affiliateId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  metaUrl: string;
  metaTitle: string;
  financialReportUrl?: string;
  text: string;
  submittedAt: string;
  submittedBy: string;
  status: ReportStatus;
  acceptedAt?: string;
  rejection?: { at: string; by: string; reason: string };
  verification: {
    state: VerificationState;
    attempts: number;
    checkedAt?: string;
    nextCheckAt?: string;
    linkedFromReportsPage?: boolean;
    linkedFromGroupPage?: boolean;
    subpageOfGroupPage?: boolean;
    linksToGroupPage?: boolean;
    /** What meta-wiki does not show yet, from the last check (empty once verified). */
    missing?: MissingCode[];
    by?: string;
  };
  history: HistoryEntry[];
}

export function reportIdFor(affiliateId: string, period: string, metaTitle: string): string {
  const hash = createHash('sha256').update(`${affiliateId}\n${period}\n${metaTitle}`).digest('hex');
  return `${period}.${hash.slice(0, 20)}`;
}

/** Store a new report; if the same one is already there, return that instead. */
export async function putReportOnce(
  record: ReportRecord,
): Promise<{ created: boolean; report: ReportRecord }> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('affiliates'),
        Item: record,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { created: true, report: record };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await getReport(record.affiliateId, record.reportId);
    if (!existing) throw error;
    return { created: false, report: existing };
  }
}

export async function getReport(affiliateId: string, reportId: string): Promise<ReportRecord | undefined> {
  const got = await dynamo().send(
    new GetCommand({
      TableName: tableName('affiliates'),
      Key: { pk: affiliatePk(affiliateId), sk: `REPORT#${reportId}` },
      ConsistentRead: true,
    }),
  );
  return got.Item as ReportRecord | undefined;
}

export async function listReports(affiliateId: string): Promise<ReportRecord[]> {
  return (await queryAll({
    TableName: tableName('affiliates'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :report)',
    ExpressionAttributeValues: { ':pk': affiliatePk(affiliateId), ':report': 'REPORT#' },
    ConsistentRead: true,
  })) as ReportRecord[];
}

/** An organizer's note on a report (free text and WADP's categories), appended. */
export async function addStaffNote(report: ReportRecord, note: StaffNote): Promise<ReportRecord> {
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName('affiliates'),
      Key: { pk: report.pk, sk: report.sk },
      UpdateExpression:
        'SET staffNotes = list_append(if_not_exists(staffNotes, :empty), :n), #h = list_append(#h, :h)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#h': 'history' },
      ExpressionAttributeValues: {
        ':empty': [],
        ':n': [note],
        ':h': [{ at: note.at, what: 'staff_note', who: note.by }],
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return out.Attributes as ReportRecord;
}

/** Record the outcome of a verification attempt (and, when accepted, the new status). */
export async function updateReport(
  report: ReportRecord,
  change: {
    verification: ReportRecord['verification'];
    history: HistoryEntry;
    accept?: { at: string };
  },
): Promise<ReportRecord> {
  const names: Record<string, string> = { '#v': 'verification', '#h': 'history' };
  const values: Record<string, unknown> = { ':v': change.verification, ':h': [change.history] };
  let set = '#v = :v, #h = list_append(#h, :h)';
  if (change.accept) {
    names['#s'] = 'status';
    values[':accepted'] = 'accepted';
    values[':at'] = change.accept.at;
    set += ', #s = :accepted, acceptedAt = if_not_exists(acceptedAt, :at)';
  }
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName('affiliates'),
      Key: { pk: report.pk, sk: report.sk },
      UpdateExpression: `SET ${set}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return out.Attributes as ReportRecord;
}

/** received -> rejected, once; a report already accepted or rejected is returned as it is. */
export async function markRejected(
  report: ReportRecord,
  rejection: { at: string; by: string; reason: string },
): Promise<{ changed: boolean; report: ReportRecord }> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName('affiliates'),
        Key: { pk: report.pk, sk: report.sk },
        UpdateExpression: 'SET #s = :rejected, rejection = :r, #h = list_append(#h, :h)',
        ConditionExpression: '#s = :received',
        ExpressionAttributeNames: { '#s': 'status', '#h': 'history' },
        ExpressionAttributeValues: {
          ':rejected': 'rejected',
          ':received': 'received',
          ':r': rejection,
          ':h': [{ at: rejection.at, what: 'rejected_by_organizer', who: rejection.by }],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { changed: true, report: out.Attributes as ReportRecord };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { changed: false, report: (await getReport(report.affiliateId, report.reportId)) ?? report };
  }
}

/**
 * A rejected report submitted again (the group corrected the page at the same address):
 * received once more, with the new text and period, and checked from the start.
 */
export async function reopenReport(
  report: ReportRecord,
  change: Pick<ReportRecord, 'periodStart' | 'periodEnd' | 'text' | 'financialReportUrl'> & {
    at: string;
    who: string;
  },
): Promise<ReportRecord | undefined> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName('affiliates'),
        Key: { pk: report.pk, sk: report.sk },
        UpdateExpression:
          'SET #s = :received, periodStart = :ps, periodEnd = :pe, #t = :text, verification = :v, #h = list_append(#h, :h)' +
          (change.financialReportUrl ? ', financialReportUrl = :f' : ' REMOVE financialReportUrl'),
        ConditionExpression: '#s = :rejected',
        ExpressionAttributeNames: { '#s': 'status', '#h': 'history', '#t': 'text' },
        ExpressionAttributeValues: {
          ':received': 'received',
          ':rejected': 'rejected',
          ':ps': change.periodStart,
          ':pe': change.periodEnd,
          ':text': change.text,
          ...(change.financialReportUrl ? { ':f': change.financialReportUrl } : {}),
          ':v': { state: 'pending', attempts: 0 },
          ':h': [{ at: change.at, what: 'resubmitted', who: change.who }],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as ReportRecord;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return undefined;
  }
}

export type ChecklistStep =
  | 'report_posted'
  | 'financial_report_posted'
  | 'group_page_updated'
  | 'wikimedia_l_told';
export interface Confirmation {
  who: string;
  at: string;
  note?: string;
}
export interface ChecklistRecord {
  confirmations: Partial<Record<ChecklistStep, Confirmation>>;
}

export async function getChecklistRecord(affiliateId: string, period: string): Promise<ChecklistRecord> {
  const got = await dynamo().send(
    new GetCommand({
      TableName: tableName('affiliates'),
      Key: { pk: affiliatePk(affiliateId), sk: `CHECKLIST#${period}` },
      ConsistentRead: true,
    }),
  );
  return { confirmations: (got.Item?.confirmations as ChecklistRecord['confirmations']) ?? {} };
}

export async function confirmStep(
  affiliateId: string,
  period: string,
  step: ChecklistStep,
  confirmation: Confirmation,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName('affiliates'),
      Key: { pk: affiliatePk(affiliateId), sk: `CHECKLIST#${period}` },
      UpdateExpression: 'SET confirmations = if_not_exists(confirmations, :empty)',
      ExpressionAttributeValues: { ':empty': {} },
    }),
  );
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName('affiliates'),
      Key: { pk: affiliatePk(affiliateId), sk: `CHECKLIST#${period}` },
      UpdateExpression: 'SET confirmations.#step = if_not_exists(confirmations.#step, :c)',
      ExpressionAttributeNames: { '#step': step },
      ExpressionAttributeValues: { ':c': confirmation },
    }),
  );
}
