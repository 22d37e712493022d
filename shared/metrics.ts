// Business metrics as CloudWatch Embedded Metric Format: one JSON line on stdout that
// Lambda's log pipeline turns into a metric, with no API call and no extra client.
// Features call `metric('ApplicationsReceived')` where the thing happens; locally the
// line is written like any log line and nothing else happens.

import { clock } from './clock.ts';
import { config } from './config.ts';

export const METRIC_NAMESPACE = 'AffiliateCompliance';

/** The metrics the system publishes, so dashboards and alarms can rely on the names. */
export type MetricName =
  | 'ApplicationsReceived'
  | 'ApplicationsApproved'
  | 'ReportsAccepted'
  | 'ReportsRejected'
  | 'NoticesSent'
  | 'EmailsSuppressed'
  /** A request refused by an abuse limit; dimension `limit` names which. */
  | 'RequestsLimited'
  /** The daily cap on confirmation emails refused one: an alarm watches this. */
  | 'ConfirmationDailyCapReached';

export type MetricSink = (line: string) => void;
let sink: MetricSink = (line) => process.stdout.write(`${line}\n`);

/** Tests capture the lines here. */
export function setMetricSink(next: MetricSink): MetricSink {
  const previous = sink;
  sink = next;
  return previous;
}

/**
 * Count one occurrence (or `value`). `dimension` adds one low-cardinality label, such
 * as the notice kind; never an id or an address.
 */
export function metric(name: MetricName, value = 1, dimension?: { name: string; value: string }): void {
  const dimensions = ['stage', ...(dimension ? [dimension.name] : [])];
  sink(
    JSON.stringify({
      _aws: {
        Timestamp: clock.now().getTime(),
        CloudWatchMetrics: [
          { Namespace: METRIC_NAMESPACE, Dimensions: [dimensions], Metrics: [{ Name: name, Unit: 'Count' }] },
        ],
      },
      stage: config().stage,
      ...(dimension ? { [dimension.name]: dimension.value } : {}),
      [name]: value,
    }),
  );
}
