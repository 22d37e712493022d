// What to do when SES reports a bounce or a complaint (SES configuration set ->
// EventBridge -> the ses-events function). A permanent bounce or a complaint puts the
// address on the suppression list, so it is not mailed again, and tells the organizers
// where it belongs: on the affiliate's timeline, or on the application, found through
// the `affiliate` / `application` tags every email carries. Transient bounces (full
// mailbox, greylisting) are only logged: SES already retried them.

import * as v from 'valibot';
import type { Clock } from '../clock.ts';
import { log } from '../log.ts';
import { metric } from '../metrics.ts';
import { type SuppressionReason, suppress } from './suppression.ts';

const Recipients = v.array(v.looseObject({ emailAddress: v.string() }));
const Tags = v.optional(v.record(v.string(), v.array(v.string())), {});

/** The `detail` of an SES event on EventBridge (the same shape SES sends to SNS). */
export const SesEventDetail = v.looseObject({
  eventType: v.string(),
  mail: v.looseObject({ messageId: v.optional(v.string()), tags: Tags }),
  bounce: v.optional(
    v.looseObject({
      bounceType: v.string(),
      bounceSubType: v.optional(v.string()),
      bouncedRecipients: Recipients,
    }),
  ),
  complaint: v.optional(
    v.looseObject({
      complaintFeedbackType: v.optional(v.string()),
      complainedRecipients: Recipients,
    }),
  ),
});
export type SesEventDetail = v.InferOutput<typeof SesEventDetail>;

export interface BounceNote {
  reason: SuppressionReason;
  detail: string;
  /** How many recipients of that email are now suppressed. */
  addresses: number;
  kind?: string;
  at: Date;
}

export interface SesEventDeps {
  clock: Clock;
  /** Put the bounce on the affiliate's timeline. */
  noteOnAffiliate(affiliateId: string, note: BounceNote): Promise<void>;
  /** Mark the application's contact address as bouncing. */
  noteOnApplication(applicationId: string, note: BounceNote): Promise<void>;
}

export type SesEventOutcome = 'suppressed' | 'ignored' | 'duplicate';

export async function handleSesEvent(detail: unknown, deps: SesEventDeps): Promise<SesEventOutcome> {
  const parsed = v.safeParse(SesEventDetail, detail);
  if (!parsed.success) {
    log.warn('SES event not understood; ignored', { issues: parsed.issues.length });
    return 'ignored';
  }
  const event = parsed.output;
  const tag = (name: string) => event.mail.tags[name]?.[0];
  let reason: SuppressionReason;
  let why: string;
  let recipients: string[];
  if (event.eventType === 'Bounce' && event.bounce) {
    if (event.bounce.bounceType !== 'Permanent') {
      log.info('transient bounce; address kept', { kind: tag('kind'), type: event.bounce.bounceSubType });
      return 'ignored';
    }
    reason = 'bounce';
    why = `permanent bounce (${event.bounce.bounceSubType ?? 'General'})`;
    recipients = event.bounce.bouncedRecipients.map((r) => r.emailAddress);
  } else if (event.eventType === 'Complaint' && event.complaint) {
    reason = 'complaint';
    why = `complaint (${event.complaint.complaintFeedbackType ?? 'unspecified'})`;
    recipients = event.complaint.complainedRecipients.map((r) => r.emailAddress);
  } else {
    log.info('SES event of another type; ignored', { type: event.eventType });
    return 'ignored';
  }
  if (recipients.length === 0) return 'ignored';

  const at = deps.clock.now();
  const affiliate = tag('affiliate');
  const application = tag('application');
  const kind = tag('kind');
  let added = 0;
  for (const address of recipients) {
    const fresh = await suppress(address, {
      reason,
      detail: why,
      at,
      messageId: event.mail.messageId,
      affiliate,
      application,
      kind,
    });
    if (fresh) added++;
  }
  if (added === 0) {
    log.info('SES event seen before; nothing to do', { reason, kind });
    return 'duplicate';
  }
  const note: BounceNote = { reason, detail: why, addresses: added, kind, at };
  if (affiliate) await deps.noteOnAffiliate(affiliate, note);
  if (application) await deps.noteOnApplication(application, note);
  metric('EmailsSuppressed', added, { name: 'reason', value: reason });
  log.warn('address suppressed', { reason, kind, affiliate, application, addresses: added });
  return 'suppressed';
}
