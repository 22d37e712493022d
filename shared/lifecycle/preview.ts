// The preview of planned notices: for one affiliate (stored, or a registration not yet
// saved), every email the automation will send, with its date, recipients, subject and
// text exactly as they will go out. Notices already owed come first, "now".

import { recipientsOf, renderNotice } from './notices.ts';
import { plannedSteps } from './plan.ts';
import type { AffiliateRecord } from './store.ts';
import type { Audience, LifecycleAction, LifecycleState, NoticeKind } from './transition.ts';

export interface PlannedNotice {
  kind: NoticeKind;
  audience: Audience;
  /** Public: it goes to Wikimedia-l. */
  public: boolean;
  /** The step that sends it, or `owed` for a notice already due and not yet sent. */
  step: LifecycleAction | 'owed';
  /** When it will be sent (ISO instant). */
  at: string;
  recipients: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Preview {
  /** Where the affiliate will stand after each step, in order. */
  steps: { action: LifecycleAction; at: string; day: string; status: string; timeline: string[] }[];
  notices: PlannedNotice[];
}

export async function previewOf(
  record: AffiliateRecord,
  state: LifecycleState,
  ctx: { now: Date; timeZone: string; until?: Date },
): Promise<Preview> {
  const notices: PlannedNotice[] = [];
  const add = async (
    base: AffiliateRecord,
    step: PlannedNotice['step'],
    notice: LifecycleState['owed'][number],
    at: Date,
  ) => {
    const rendered = await renderNotice(base, notice);
    notices.push({
      kind: notice.kind,
      audience: notice.audience,
      public: notice.audience === 'wikimedia_l',
      step,
      at: at.toISOString(),
      recipients: recipientsOf(base, notice),
      ...rendered,
    });
  };
  for (const notice of state.owed) await add(record, 'owed', notice, ctx.now);
  const steps = plannedSteps(state, ctx, ctx.until);
  for (const step of steps) {
    const { pendingReports: _read, ...after } = step.state;
    const base: AffiliateRecord = { ...record, ...after };
    for (const notice of step.notices) await add(base, step.action, notice, step.at);
  }
  return {
    steps: steps.map((s) => ({
      action: s.action,
      at: s.at.toISOString(),
      day: s.day,
      status: s.status,
      timeline: s.timeline,
    })),
    notices,
  };
}
