// Talk-page notices: a lifecycle notice to the contacts, also posted as a new section on
// the affiliate's meta Talk page, pinging the contacts' meta-wiki user names, where the
// stage turns it on (TALK_PAGE_NOTICES). Exactly once per notice, through the outbox
// ledger under its own key (talk#<affiliate>#<period>#<kind>[:ref]), so duplicate
// deliveries post nothing more; a marker in the section lets a retry see that an
// attempt whose reply was lost did land. meta-wiki lagged or down: the notice stays owed
// and is tried again (the lifecycle's schedule retry, then the daily reconciliation).
// Refused for good (bad bot password, protected page): recorded once, not retried.

import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { type Config, config } from '../config.ts';
import { currentDeadline } from '../deadline.ts';
import type { AffiliateRecord } from '../lifecycle/store.ts';
import { putTimeline } from '../lifecycle/store.ts';
import type { OwedNotice } from '../lifecycle/transition.ts';
import { log } from '../log.ts';
import { deliverOnce, PermanentDeliveryError } from '../mail/outbox.ts';
import { checkMetaUrl } from '../reports/meta-url.ts';
import { postNewSection } from './action-api.ts';
import { botPassword } from './credentials.ts';
import { editSummary, noticeMarker, noticeWikitext, sectionTitle } from './wikitext.ts';

export type TalkOutcome = 'done' | 'failed' | 'pending' | 'skipped';

/**
 * Invocations in which meta-wiki was already found unavailable: the other notices of
 * the same run stay owed at once instead of each waiting for meta-wiki in turn, so a
 * slow meta-wiki never holds up the emails and state changes behind it.
 */
const unavailableIn = new WeakSet<AbortSignal>();

export const talkKey = (affiliateId: string, notice: OwedNotice) =>
  `talk#${affiliateId}#${notice.period}#${notice.kind}${notice.ref ? `:${notice.ref}` : ''}`;

/** Whether this stage posts this notice: only notices to the contacts, of the kinds configured. */
export function postsOnTalkPage(
  notice: Pick<OwedNotice, 'kind' | 'audience'>,
  kinds: Config['talkPage']['kinds'] = config().talkPage.kinds,
): boolean {
  // Organizer-only notices (removal_held_organizers, escalation_organizers, ...) and the
  // Wikimedia-l announcement are never posted, whatever the stage lists.
  if (notice.audience !== 'contacts') return false;
  return kinds === 'all' || kinds.includes(notice.kind);
}

/** The Talk page of the affiliate's meta page, or nothing when its page is not on meta-wiki. */
export function talkPageOf(metaPage: string): string | undefined {
  const page = checkMetaUrl(metaPage);
  if (!page.ok) return undefined;
  // A group page in another namespace ("Meta:...") has "Meta talk:..."; ours are articles.
  const colon = page.title.indexOf(':');
  if (colon > 0) {
    const ns = page.title.slice(0, colon);
    if (['Meta', 'User', 'Help', 'Project', 'Wikimedia', 'Grants'].includes(ns))
      return `${ns} talk:${page.title.slice(colon + 1)}`;
  }
  return `Talk:${page.title}`;
}

export async function postOnTalkPage(
  affiliate: AffiliateRecord,
  notice: OwedNotice,
  deps: { clock: Clock },
  render: () => Promise<{ subject: string; text: string }>,
): Promise<TalkOutcome> {
  if (!postsOnTalkPage(notice)) return 'skipped';
  const title = talkPageOf(affiliate.metaPage);
  if (!title) {
    log.warn('talk-page notice skipped: the group page is not on meta-wiki', { affiliate: affiliate.id });
    return 'skipped';
  }
  const invocation = currentDeadline();
  if (invocation && unavailableIn.has(invocation)) return 'failed';
  const key = talkKey(affiliate.id, notice);
  const markerId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const rendered = await render();
  let revisionId: number | undefined;
  let refused: string | undefined;
  const outcome = await deliverOnce(deps, key, 'talk_page', async () => {
    try {
      const posted = await postNewSection(
        await botPassword(),
        {
          title,
          sectionTitle: sectionTitle(rendered.subject),
          text: noticeWikitext({
            text: rendered.text,
            ping: affiliate.contactWikiUsernames ?? [],
            pingIntro: 'Pinging the contacts:',
            markerId,
          }),
          summary: editSummary(`Automated notice to ${affiliate.name}: ${rendered.subject}`),
        },
        { alreadyThere: (text) => text.includes(noticeMarker(markerId)) },
      );
      revisionId = posted.revisionId;
      return { id: String(posted.revisionId) };
    } catch (error) {
      if (error instanceof PermanentDeliveryError) refused = error.message;
      throw error;
    }
  });
  const at = deps.clock.now().toISOString();
  if (outcome === 'sent')
    await putTimeline(affiliate.id, {
      at,
      what: `Talk-page notice posted: ${notice.kind}`,
      why: `New section on ${title}, revision ${revisionId}.`,
      who: 'system',
      data: { kind: notice.kind, period: notice.period, page: title, revisionId },
    });
  if (outcome === 'abandoned' && refused)
    await putTimeline(affiliate.id, {
      at,
      what: `Talk-page notice not posted: ${notice.kind}`,
      why: `meta-wiki refused it for good (${refused}); the emails went out. Post it by hand if needed.`,
      who: 'system',
      data: { kind: notice.kind, period: notice.period, page: title },
    });
  if (outcome === 'failed') {
    if (invocation) unavailableIn.add(invocation);
    return 'failed';
  }
  if (outcome === 'in_progress') return 'pending';
  return 'done';
}
