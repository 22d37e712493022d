// The README's verdicts on issue 16's goals are written by bench/verdicts.ts from the
// bench's rows; a wrong verdict there would tell the team a goal is met when it is not.
import { describe, expect, it } from 'vitest';
import { row } from '../../bench/stats.ts';
import { goals } from '../../bench/verdicts.ts';

const init = (subject: string, ours: number, ceiling: number) =>
  row({ section: 'function', subject, metric: 'cold init', unit: 'ms', ours, ceiling });

describe('bench goals', () => {
  it('judges cold init against the SDK-only ceiling, naming every function over it', () => {
    const lines = goals([init('health', 100, 80), init('lifecycle', 120, 80), init('console', 50, 48)]);
    const verdict = lines.find((l) => l.includes('cold init ≤ 1.10× the SDK-only ceiling'))!;
    expect(verdict).toContain('**not met**');
    expect(verdict).toContain('health 1.25');
    expect(verdict).toContain('lifecycle 1.50');
    expect(verdict).not.toContain('console');
  });

  it('judges the API at every concurrency, throughput and p99 apart', () => {
    const api = (c: number, metric: string, ours: number, ceiling: number) =>
      row({
        section: 'api',
        subject: `POST /applications c=${c} (handler)`,
        metric,
        unit: '',
        ours,
        ceiling,
      });
    const lines = goals([
      api(1, 'throughput', 90, 100),
      api(10, 'throughput', 80, 100),
      api(1, 'p99 latency', 140, 100),
      api(10, 'p99 latency', 160, 100),
    ]);
    expect(lines.find((l) => l.includes('API throughput'))).toContain(
      '**not met** at POST /applications c=10 (handler) 0.80',
    );
    expect(lines.find((l) => l.includes('API p99'))).toContain(
      '**not met** by POST /applications c=10 (handler) 1.60',
    );
  });

  it('says met, with the worst figure, when every row is within', () => {
    const lines = goals([init('health', 100, 95), init('lifecycle', 104, 95)]);
    expect(lines.find((l) => l.startsWith('- cold init'))).toBe(
      '- cold init ≤ 1.10× the SDK-only ceiling: met (highest lifecycle 1.09)',
    );
  });
});
