// Reinstatement, guarded by the checklist. Refuses (422, every open step listed) until
// the three steps hold, then calls the lifecycle's reinstateAffiliate, which sends the
// Wikimedia-l announcement. When an organizer recorded that the group announced its
// return itself, that announcement is marked as sent elsewhere first, so the list does
// not hear it twice.

import type { Agreement } from '../affiliates/model.ts';
import { periodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { dayIn } from '../dates.ts';
import { unprocessable } from '../errors.ts';
import { noticeKey } from '../lifecycle/notices.ts';
import { policyFor } from '../lifecycle/policies.ts';
import { reinstateAffiliate } from '../lifecycle/service.ts';
import { newAgreementFrom } from '../lifecycle/transition.ts';
import { markSentElsewhere } from '../mail/outbox.ts';
import { type Checklist, checklistFor } from './checklist.ts';
import { affiliateOr404 } from './service.ts';

export async function reinstateWithChecklist(
  deps: { clock: Clock },
  input: { affiliateId: string; actor: string; agreement?: Agreement },
): Promise<{ status: string; agreement: Agreement; checklist: Checklist }> {
  const affiliate = await affiliateOr404(input.affiliateId);
  const checklist = await checklistFor(affiliate.id, { affiliate });
  if (!checklist.complete) {
    throw unprocessable(
      'reinstatement_incomplete',
      `Reinstatement needs every step of the checklist. Missing: ${checklist.missing.join(' ')}`,
      {
        missing: checklist.steps
          .filter((s) => !s.done)
          .map((s) => ({ step: s.step, description: s.description })),
      },
    );
  }
  const now = deps.clock.now();
  // Fix the new agreement here, so the announcement's key is known before it is owed.
  // Chapters and thematic organisations go on with their next fiscal year, chosen by the
  // lifecycle, and are never announced.
  const agreement =
    input.agreement ??
    (policyFor(affiliate).pastDue.announced ? newAgreementFrom(dayIn(now, config().timeZone)) : undefined);
  const told = checklist.steps.find((s) => s.step === 'wikimedia_l_told');
  if (agreement && affiliate.status === 'reinstatement_review' && told?.how === 'group_sent_it') {
    await markSentElsewhere(
      noticeKey(
        affiliate.id,
        {
          kind: 'reinstated_announcement',
          audience: 'wikimedia_l',
          period: periodKey(agreement),
          since: now.toISOString(),
        },
        config().mail.wikimediaL,
      ),
      now,
    );
  }
  const result = await reinstateAffiliate({ affiliateId: affiliate.id, actor: input.actor, agreement });
  return { ...result, checklist };
}
