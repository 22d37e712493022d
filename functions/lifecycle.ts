// The lifecycle's schedule target. EventBridge Scheduler (or the local stand-in) calls
// it with { affiliateId, period, action } when a one-time schedule fires, and with
// { action: "reconcile" } once a day, and { action: "digest" } once a week. Delivery is at least once; the service makes each
// transition and each notice happen once. A notice SES refused makes the call fail, so
// the scheduler retries it; reconciliation picks it up too.

import middy from '@middy/core';
import * as v from 'valibot';
import { clock } from '#shared/clock.ts';
import { invocation } from '#shared/invocation.ts';
import { sendDigest } from '#shared/lifecycle/digest.ts';
import { reconcile, runScheduled } from '#shared/lifecycle/service.ts';
import { ALL_ACTIONS } from '#shared/lifecycle/transition.ts';
import { log } from '#shared/log.ts';

const scheduledSchema = v.object({
  affiliateId: v.string(),
  period: v.string(),
  action: v.picklist(ALL_ACTIONS),
});

export const handler = invocation(
  middy<Record<string, unknown>, unknown>().handler(async (event) => {
    if (event.action === 'reconcile') return reconcile();
    if (event.action === 'digest') return sendDigest({ clock });
    const parsed = v.safeParse(scheduledSchema, event);
    if (!parsed.success) {
      // A malformed payload can never succeed; retrying it would only fill the DLQ.
      log.error('lifecycle payload not understood', { issues: parsed.issues.map((i) => i.message) });
      return { ignored: 'malformed' };
    }
    const { outcome } = await runScheduled(parsed.output);
    return { ignored: outcome.ignored, status: outcome.state.status };
  }),
);
