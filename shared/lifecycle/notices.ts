// The lifecycle's notices: who receives each one, what it says (English first, then
// each of the affiliate's languages that has a catalogue for it), and sending it
// exactly once per recipient through the outbox, key = affiliate, period, kind, recipient.

import { type CalendarDay, parsePeriodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { addDays, formatDay, instantAt } from '../dates.ts';
import { escapeHtml } from '../http/respond.ts';
import { catalogues, languageInfo, type MessageKey, t } from '../i18n/index.ts';
import { sendOnce } from '../mail/outbox.ts';
import { sesMailer } from '../mail/ses.ts';
import { metric } from '../metrics.ts';
import { reportLinkUrl } from '../report-link.ts';
import { lifecycleOffsets } from './offsets.ts';
import type { AffiliateRecord } from './store.ts';
import { putTimeline } from './store.ts';
import { dueDate, type NoticeKind, noticeDate, type OwedNotice, removalDate } from './transition.ts';

export const REPORTS_PAGE = 'https://meta.wikimedia.org/wiki/Wikimedia_movement_affiliates/Reports';

export function recipientsOf(affiliate: AffiliateRecord, notice: OwedNotice): string[] {
  return notice.audience === 'wikimedia_l' ? [config().mail.wikimediaL] : affiliate.contactEmails;
}

export const noticeKey = (affiliateId: string, notice: OwedNotice, recipient: string) =>
  `notice#${affiliateId}#${notice.period}#${notice.kind}#${recipient.toLowerCase()}`;

/** When the personal report link for a period stops working. */
export function reportLinkExpiry(affiliate: Pick<AffiliateRecord, 'type'>, period: string): Date {
  const agreement = parsePeriodKey(period)!;
  const day = addDays(removalDate(affiliate.type, agreement), lifecycleOffsets.reportLinkDaysAfterRemoval);
  return instantAt(day, 0, config().timeZone);
}

/** Days of the notice's period, as calendar days. */
function datesOf(affiliate: AffiliateRecord, period: string): Record<string, CalendarDay> {
  const agreement = parsePeriodKey(period)!;
  return {
    periodStart: agreement.start,
    periodEnd: agreement.end,
    dueDate: dueDate(affiliate.type, agreement),
    pastDueDate: noticeDate(affiliate.type, agreement),
    removalDate: removalDate(affiliate.type, agreement),
  };
}

/** Languages a notice is written in: English, then the affiliate's others with a catalogue for it. */
function languagesFor(
  affiliate: AffiliateRecord,
  kind: NoticeKind,
  audience: OwedNotice['audience'],
): string[] {
  if (audience === 'wikimedia_l') return ['en'];
  const key = `notice.${kind}.body` as MessageKey;
  const others = affiliate.languages.filter((l) => l !== 'en' && catalogues[l]?.messages[key] !== undefined);
  return ['en', ...new Set(others)];
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

export async function renderNotice(affiliate: AffiliateRecord, notice: OwedNotice): Promise<RenderedNotice> {
  const dates = datesOf(affiliate, notice.period);
  const reportLink =
    notice.audience === 'contacts'
      ? await reportLinkUrl({
          affiliateId: affiliate.id,
          period: notice.period,
          expiresAt: reportLinkExpiry(affiliate, notice.period),
        })
      : '';
  const languages = languagesFor(affiliate, notice.kind, notice.audience);
  const sections = languages.map((lang) => {
    const locale = languageInfo(lang).locale;
    const vars: Record<string, string> = {
      name: affiliate.name,
      metaPage: affiliate.metaPage,
      reportsPage: REPORTS_PAGE,
      wikimediaL: config().mail.wikimediaL,
      reportLink,
      ...Object.fromEntries(Object.entries(dates).map(([k, day]) => [k, formatDay(day, locale)])),
    };
    const body = t(lang, `notice.${notice.kind}.body` as MessageKey, vars);
    const paragraphs =
      notice.audience === 'contacts'
        ? [t(lang, 'notice.greeting', vars), body, t(lang, 'notice.signoff', vars)]
        : [body];
    return {
      lang,
      subject: t(lang, `notice.${notice.kind}.subject` as MessageKey, vars),
      text: paragraphs.join('\n\n'),
    };
  });
  const subject = sections.map((s) => s.subject).join(' / ');
  const text = sections.map((s) => s.text).join('\n\n----------\n\n');
  const html = `<!doctype html><html lang="en"><body>${sections.map((s) => toHtml(s.lang, s.text)).join('<hr>')}</body></html>`;
  return { subject, text, html };
}

const URL_RE = /(https?:\/\/[^\s<>()]+)/g;

function toHtml(lang: string, text: string): string {
  const { dir } = languageInfo(lang);
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(URL_RE, '<a href="$1">$1</a>').replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<div lang="${lang}" dir="${dir}">${paragraphs}</div>`;
}

/**
 * Send one owed notice to each of its recipients. 'done' when every recipient has it,
 * 'failed' when SES refused at least one (it stays owed), 'pending' when another
 * delivery is sending it right now.
 */
export async function deliverNotice(
  affiliate: AffiliateRecord,
  notice: OwedNotice,
  deps: { clock: Clock },
): Promise<'done' | 'failed' | 'pending'> {
  const rendered = await renderNotice(affiliate, notice);
  let failed = false;
  let pending = false;
  for (const recipient of recipientsOf(affiliate, notice)) {
    const outcome = await sendOnce(
      { mailer: sesMailer, clock: deps.clock },
      noticeKey(affiliate.id, notice, recipient),
      {
        to: [recipient],
        ...rendered,
        tags: { kind: notice.kind, affiliate: affiliate.id },
      },
    );
    if (outcome === 'sent') {
      metric('NoticesSent', 1, { name: 'kind', value: notice.kind });
      await putTimeline(affiliate.id, {
        at: deps.clock.now().toISOString(),
        what: `Email sent: ${notice.kind}`,
        why: `Notice for ${notice.period}.`,
        who: 'system',
        data: { kind: notice.kind, period: notice.period, recipient },
      });
    }
    if (outcome === 'failed') failed = true;
    if (outcome === 'in_progress') pending = true;
  }
  return failed ? 'failed' : pending ? 'pending' : 'done';
}
