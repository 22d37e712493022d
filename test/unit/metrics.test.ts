// Business metrics leave as CloudWatch Embedded Metric Format lines: one JSON object
// that CloudWatch turns into a metric in our namespace, per stage.

import { afterEach, describe, expect, it } from 'vitest';
import { useClock } from '../../shared/clock.ts';
import { METRIC_NAMESPACE, metric, setMetricSink } from '../../shared/metrics.ts';

const lines: string[] = [];
setMetricSink((line) => lines.push(line));
afterEach(() => {
  lines.length = 0;
});

describe('metric()', () => {
  it('writes one EMF line CloudWatch can read: namespace, dimensions, value and timestamp', () => {
    useClock({ now: () => new Date('2026-07-15T06:00:00Z') });
    metric('ApplicationsReceived');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-07-15T06:00:00Z'),
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [['stage']],
            Metrics: [{ Name: 'ApplicationsReceived', Unit: 'Count' }],
          },
        ],
      },
      stage: 'local',
      ApplicationsReceived: 1,
    });
  });

  it('adds a dimension when asked, whose value is in the line', () => {
    metric('NoticesSent', 3, { name: 'kind', value: 'expiry_notice' });
    const line = JSON.parse(lines[0]!);
    expect(line._aws.CloudWatchMetrics[0].Dimensions).toEqual([['stage', 'kind']]);
    expect(line).toMatchObject({ kind: 'expiry_notice', NoticesSent: 3 });
  });
});
