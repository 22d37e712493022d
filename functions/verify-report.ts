// Scheduled target: one more attempt at verifying a report on meta-wiki. The payload is
// { affiliateId, reportId }; a failed attempt schedules the next one itself.

import middy from '@middy/core';
import { clock } from '#shared/clock.ts';
import { invocation } from '#shared/invocation.ts';
import { log } from '#shared/log.ts';
import { verifyReport } from '#shared/reports/service.ts';

interface VerifyEvent {
  affiliateId?: unknown;
  reportId?: unknown;
}

export const handler = invocation(
  middy<VerifyEvent, { status: string; verification: string }>().handler(async (event) => {
    if (typeof event.affiliateId !== 'string' || typeof event.reportId !== 'string') {
      log.error('verify-report called without affiliateId and reportId');
      throw new Error('verify-report needs affiliateId and reportId');
    }
    const report = await verifyReport(
      { clock },
      { affiliateId: event.affiliateId, reportId: event.reportId },
    );
    return { status: report.status, verification: report.verification.state };
  }),
);
