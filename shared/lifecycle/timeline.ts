// Adding to an affiliate's timeline from anywhere (reports, bounces): what, why, who,
// stamped with the process clock. No mail, scheduler or secrets client comes with it.

import { clock } from '../clock.ts';
import { putTimeline } from './store.ts';

export async function appendTimeline(
  affiliateId: string,
  entry: { what: string; why?: string; who: string; data?: Record<string, unknown> },
): Promise<void> {
  await putTimeline(affiliateId, { ...entry, at: clock.now().toISOString() });
}
