// The README's verdicts on issue 16's goals are written by bench/verdicts.ts from the
// bench's rows; a wrong verdict there would tell the team a goal is met when it is not.
import { describe, expect, it } from 'vitest';
import { ICU_SUBJECT, row } from '../../bench/stats.ts';
import { goals } from '../../bench/verdicts.ts';

const init = (subject: string, ours: number, ceiling: number) =>
  row({ section: 'function', subject, metric: 'cold init', unit: 'ms', ours, ceiling });

describe('bench goals', () => {
  it('judges cold init against the SDK-only ceiling, and separately with ICU added', () => {
    const icu = row({
      section: 'function',
      subject: ICU_SUBJECT,
      metric: 'cold init',
      unit: 'ms',
      ours: 20,
      ceiling: Number.NaN,
    });
    const lines = goals([init('health', 100, 80), init('lifecycle', 120, 80), icu]);
    const sdkOnly = lines.find((l) => l.includes('cold init ≤ 1.10× the SDK-only ceiling'))!;
    expect(sdkOnly).toContain('**not met**');
    expect(sdkOnly).toContain('health 1.25');
    expect(sdkOnly).toContain('lifecycle 1.50');
    const withIcu = lines.find((l) => l.includes('+ ICU'))!;
    // health: 100 / (80 + 20) = 1.00, within; lifecycle: 120 / 100 = 1.20, not.
    expect(withIcu).toContain("ICU's 20 ms");
    expect(withIcu).toContain('**not met** by lifecycle 1.20');
    expect(withIcu).not.toContain('health');
  });

  it('says met, with the worst figure, when every row is within', () => {
    const lines = goals([init('health', 100, 95), init('lifecycle', 104, 95)]);
    expect(lines.find((l) => l.startsWith('- cold init'))).toBe(
      '- cold init ≤ 1.10× the SDK-only ceiling: met (highest lifecycle 1.09)',
    );
    // Without the ICU row there is no second verdict rather than a made-up one.
    expect(lines.some((l) => l.includes('ICU'))).toBe(false);
  });
});
