// The two emails a report produces: "received, here is what happens next" (when it
// cannot be verified at once) and "accepted". Each is exactly-once through the outbox.

import type { AffiliateView } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { escapeHtml } from '../http/respond.ts';
import { isSupported, languageInfo, type MessageKey, t } from '../i18n/index.ts';
import { sendOnce } from '../mail/outbox.ts';
import { sesMailer } from '../mail/ses.ts';
import type { ReportRecord, VerificationState } from './store.ts';

/** A calendar day written the way our emails write dates: "15 July 2026". */
export function formatDay(day: string, lang = 'en'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(languageInfo(lang).locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

function languageOf(affiliate: AffiliateView): string {
  const first = affiliate.languages?.find((l) => isSupported(l));
  return first ?? 'en';
}

function toHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

async function send(
  clock: Clock,
  affiliate: AffiliateView,
  key: string,
  kind: string,
  subjectKey: MessageKey,
  bodyKey: MessageKey,
  vars: Record<string, string>,
) {
  if (!affiliate.contactEmails?.length) return 'no_recipients' as const;
  const lang = languageOf(affiliate);
  const text = t(lang, bodyKey, { name: affiliate.name, ...vars }).replace(/ {2,}/g, ' ');
  return sendOnce({ mailer: sesMailer, clock }, key, {
    to: affiliate.contactEmails,
    subject: t(lang, subjectKey),
    text,
    html: toHtml(text),
    tags: { kind, affiliate: affiliate.id },
  });
}

const datesOf = (report: ReportRecord, lang: string) => ({
  start: formatDay(report.periodStart, lang),
  end: formatDay(report.periodEnd, lang),
  url: report.metaUrl,
});

export function sendReceived(
  clock: Clock,
  affiliate: AffiliateView,
  report: ReportRecord,
  state: VerificationState,
) {
  const lang = languageOf(affiliate);
  const detailKey = `report.email.detail.${state}` as MessageKey;
  const known = ['meta_unavailable', 'page_missing', 'not_linked'].includes(state);
  return send(
    clock,
    affiliate,
    `report-received#${affiliate.id}#${report.reportId}`,
    'report_received',
    'report.email.received.subject',
    'report.email.received.body',
    { ...datesOf(report, lang), detail: known ? t(lang, detailKey) : '' },
  );
}

export function sendAccepted(clock: Clock, affiliate: AffiliateView, report: ReportRecord) {
  const lang = languageOf(affiliate);
  return send(
    clock,
    affiliate,
    `report-accepted#${affiliate.id}#${report.reportId}`,
    'report_accepted',
    'report.email.accepted.subject',
    'report.email.accepted.body',
    datesOf(report, lang),
  );
}
