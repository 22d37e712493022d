// Small statistics and formatting helpers for the bench: medians of repeated runs,
// percentiles, and the rows of the printed table.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** One figure of the bench, always beside the ceiling it is bounded by. */
/** The function row timing ICU's start on its own (bench/verdicts.ts reads it back). */
export const ICU_SUBJECT = '(first Intl date format)';

export interface Row {
  section: string;
  subject: string;
  metric: string;
  unit: string;
  ours: number;
  ceiling: number;
  /** ours / ceiling. */
  ratio: number;
  /** How many repeated runs the median is taken over, or what was counted. */
  runs?: number;
  note?: string;
}

export function row(r: Omit<Row, 'ratio'>): Row {
  return { ...r, ratio: r.ceiling ? r.ours / r.ceiling : Number.NaN };
}

const fmt = (n: number, unit: string) => {
  if (!Number.isFinite(n)) return '-';
  if (unit === 'KB' || unit === 'ms' || unit === 'req/s' || unit === 's' || unit === 'RCU') {
    return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
  }
  return String(Math.round(n * 100) / 100);
};

/** A plain text table, also valid as a Markdown table. */
export function formatTable(rows: Row[]): string {
  const header = ['section', 'subject', 'metric', 'ours', 'ceiling', 'ours/ceiling', 'runs', 'note'];
  const body = rows.map((r) => [
    r.section,
    r.subject,
    `${r.metric} (${r.unit})`,
    fmt(r.ours, r.unit),
    fmt(r.ceiling, r.unit),
    Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '-',
    r.runs === undefined ? '' : String(r.runs),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
