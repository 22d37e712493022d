// Bulk registration of existing affiliates (onboarding a user group's list, a region's
// groups): a CSV or JSON list, checked whole before anything is written. Any bad row
// makes the batch fail with every problem listed by row, and nothing is applied. Each
// good batch registers or updates row by row through the same use case as a single
// registration, so it starts each group in the present, sends nothing for past steps,
// and a re-run of the same list changes nothing.

import * as v from 'valibot';
import type { AffiliateProfile, Agreement } from '../affiliates/model.ts';
import { clock } from '../clock.ts';
import { config } from '../config.ts';
import { dayIn } from '../dates.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { affiliateSchema, importSchema, MAX_IMPORT_ROWS } from './rules.ts';
import { previewRegistration, registrationChange, upsertAffiliate } from './service.ts';
import { readAffiliate } from './store.ts';

export type Registration = AffiliateProfile & { agreement: Agreement };

export interface RowProblem {
  /** 1-based: the first affiliate of the list (CSV: the first line after the header). */
  row: number;
  id?: string;
  field: string;
  message: string;
}

/** The columns of an import CSV; lists (emails, languages) are separated by `;`. */
export const CSV_COLUMNS = [
  'id',
  'name',
  'type',
  'country',
  'contactEmails',
  'languages',
  'metaPage',
  'logoUrl',
  'agreementStart',
  'agreementEnd',
] as const;

/** Columns a CSV may carry besides those (empty cells: not given). */
export const OPTIONAL_CSV_COLUMNS = ['fiscalYearEnd', 'incorporated'] as const;

/** "true"/"yes"/"1" and "false"/"no"/"0"; anything else goes through as text and is refused by the schema. */
function csvBoolean(cell: string): unknown {
  const s = cell.trim().toLowerCase();
  if (s === '') return undefined;
  if (['true', 'yes', '1'].includes(s)) return true;
  if (['false', 'no', '0'].includes(s)) return false;
  return cell;
}

/** RFC 4180 fields: commas, double quotes ("" inside quotes), CRLF or LF line ends. One pass. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** CSV text -> the objects a JSON import carries (checked by the same schema afterwards). */
export function rowsFromCsv(text: string): unknown[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw invalidRequest('The CSV is empty.');
  const names = header.map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length)
    throw invalidRequest(`The CSV header lacks: ${missing.join(', ')}.`, [
      { field: 'header', message: `columns: ${CSV_COLUMNS.join(',')}` },
    ]);
  if (rows.length > MAX_IMPORT_ROWS)
    throw invalidRequest(`At most ${MAX_IMPORT_ROWS} affiliates per import.`);
  return rows.map((cells) => {
    const get = (c: (typeof CSV_COLUMNS)[number] | (typeof OPTIONAL_CSV_COLUMNS)[number]) =>
      cells[names.indexOf(c)] ?? '';
    const fiscalYearEnd = get('fiscalYearEnd').trim();
    const incorporated = csvBoolean(get('incorporated'));
    return {
      id: get('id').trim(),
      name: get('name'),
      type: get('type').trim(),
      country: get('country'),
      contactEmails: list(get('contactEmails')),
      languages: list(get('languages')),
      metaPage: get('metaPage').trim(),
      logoUrl: get('logoUrl').trim(),
      agreement: { start: get('agreementStart'), end: get('agreementEnd') },
      ...(fiscalYearEnd ? { fiscalYearEnd } : {}),
      ...(incorporated !== undefined ? { incorporated } : {}),
    };
  });
}

/** Every row checked against the schema, against the others and against what is stored. */
export async function checkBatch(raw: unknown): Promise<{ rows: Registration[]; problems: RowProblem[] }> {
  const batch = v.safeParse(importSchema, raw);
  if (!batch.success)
    throw invalidRequest(
      'The import must be {"affiliates": [...]} with 1 to 500 affiliates.',
      batch.issues.map((i) => ({ field: v.getDotPath(i) ?? '(body)', message: i.message })),
    );
  const problems: RowProblem[] = [];
  const rows: Registration[] = [];
  const seen = new Map<string, number>();
  batch.output.affiliates.forEach((item, index) => {
    const row = index + 1;
    const parsed = v.safeParse(affiliateSchema, item);
    if (!parsed.success) {
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : undefined;
      for (const issue of parsed.issues)
        problems.push({ row, id, field: v.getDotPath(issue) ?? '(row)', message: issue.message });
      return;
    }
    const first = seen.get(parsed.output.id);
    if (first !== undefined)
      problems.push({ row, id: parsed.output.id, field: 'id', message: `the same id as row ${first}` });
    seen.set(parsed.output.id, row);
    rows.push(parsed.output);
  });
  // A changed agreement cannot be applied to a group in review or Formerly Active (409 one
  // by one): find those now, so the batch is refused whole instead of stopping half-way.
  const today = dayIn(clock.now(), config().timeZone);
  for (const [index, r] of rows.entries()) {
    const existing = await readAffiliate(r.id);
    if (
      existing &&
      (existing.status === 'reinstatement_review' || existing.status === 'formerly_active') &&
      registrationChange(existing, r, today).restart
    )
      problems.push({
        row: seen.get(r.id) ?? index + 1,
        id: r.id,
        field: 'agreement',
        message: `the affiliate is ${existing.status}; a new agreement comes through reinstatement`,
      });
  }
  return { rows, problems };
}

export interface ImportResult {
  dryRun: boolean;
  results: {
    row: number;
    id: string;
    outcome: 'created' | 'updated' | 'unchanged' | 'would_create' | 'would_update';
    status: string;
    nextDeadline?: { action: string; day: string };
    /** Planned notices (dry run): kind, date, audience, recipients, subject. */
    notices?: { kind: string; at: string; audience: string; recipients: string[]; subject: string }[];
  }[];
}

export async function importAffiliates(raw: unknown, who: string, dryRun: boolean): Promise<ImportResult> {
  const { rows, problems } = await checkBatch(raw);
  if (problems.length)
    throw new HttpError(422, 'import_rejected', `${problems.length} problem(s); nothing was imported.`, {
      rows: problems,
    });
  const results: ImportResult['results'] = [];
  for (const [index, row] of rows.entries()) {
    if (dryRun) {
      const { exists, affiliate, preview } = await previewRegistration(row, who);
      results.push({
        row: index + 1,
        id: row.id,
        outcome: exists ? 'would_update' : 'would_create',
        status: affiliate.status,
        nextDeadline: affiliate.nextDeadline,
        notices: preview.notices.map((n) => ({
          kind: n.kind,
          at: n.at,
          audience: n.audience,
          recipients: n.recipients,
          subject: n.subject,
        })),
      });
      continue;
    }
    const { created, changed, affiliate } = await upsertAffiliate(row, who);
    results.push({
      row: index + 1,
      id: row.id,
      outcome: created ? 'created' : changed ? 'updated' : 'unchanged',
      status: affiliate.status,
      nextDeadline: affiliate.nextDeadline,
    });
  }
  return { dryRun, results };
}
