// The two emails a report produces: "received, here is what happens next" (when it
// cannot be verified at once) and "accepted". Each is exactly-once through the outbox.

import type { AffiliateView } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { consoleLinks } from '../console/links.ts';
import { dateFormat } from '../dates.ts';
import { isSupported, languageInfo } from '../i18n/index.ts';
import { type MessageKey, t } from '../i18n/report.ts';
import { emailDocument, emailHtml, signoff, subjectWithName } from '../mail/format.ts';
import { sendOnce } from '../mail/outbox.ts';
import { sesMailer } from '../mail/ses.ts';
import { reportsPageUrl } from './meta-url.ts';
import { groupPageUrl, missingItems } from './missing.ts';
import type { ReportRecord, VerificationState } from './store.ts';

/** A calendar day written the way our emails write dates: "15 July 2026". */
export function formatDay(day: string, lang = 'en'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(languageInfo(lang).locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The group's languages, its first one leading; English always (the working language of reports). */
function languagesOf(affiliate: AffiliateView): string[] {
  const readable = (affiliate.languages ?? []).filter((l) => isSupported(l));
  return [...new Set([...readable, 'en'])];
}

async function send(
  clock: Clock,
  affiliate: AffiliateView,
  key: string,
  kind: string,
  subjectKey: MessageKey,
  bodyKey: MessageKey,
  vars: (lang: string) => Record<string, string>,
) {
  if (!affiliate.contactEmails?.length) return 'no_recipients' as const;
  const parts = languagesOf(affiliate).map((lang) => ({
    lang,
    text: `${t(lang, bodyKey, { name: affiliate.name, ...vars(lang) }).replace(/ {2,}/g, ' ')}\n\n${signoff(lang)}`,
  }));
  return sendOnce({ mailer: sesMailer, clock }, key, {
    to: affiliate.contactEmails,
    // In the group's first language only.
    subject: subjectWithName((name) => t(parts[0]!.lang, subjectKey, { name }), affiliate.name),
    text: parts.map((p) => p.text).join('\n\n---\n\n'),
    html: emailDocument(parts.map((p) => emailHtml(p.lang, p.text, () => undefined))),
    tags: { kind, affiliate: affiliate.id },
  });
}

const datesOf = (report: ReportRecord) => (lang: string) => ({
  start: formatDay(report.periodStart, lang),
  end: formatDay(report.periodEnd, lang),
  url: report.metaUrl,
});

/** What the 'received' email says beyond "we are checking": meta-wiki was down, or what is missing. */
function receivedDetail(
  lang: string,
  affiliate: AffiliateView,
  report: ReportRecord,
  state: VerificationState,
) {
  const down = state === 'meta_unavailable' ? t(lang, 'report.email.detail.meta_unavailable') : '';
  // While meta-wiki is down, only the pasted copy's text can be missing anything.
  const missing = missingItems(lang, report, affiliate);
  if (!missing.length) return down;
  const items = missing.map((m) => `- ${m.message}`).join('\n');
  return [down, t(lang, 'report.email.detail.missing', { items })].filter(Boolean).join(' ');
}

export function sendReceived(
  clock: Clock,
  affiliate: AffiliateView,
  report: ReportRecord,
  state: VerificationState,
) {
  return send(
    clock,
    affiliate,
    `report-received#${affiliate.id}#${report.reportId}`,
    'report_received',
    'report.email.received.subject',
    // A financial report on the organisation's own site is checked by an organizer, not on meta-wiki.
    state === 'awaiting_organizer' ? 'report.email.received.bodyOrganizer' : 'report.email.received.body',
    (lang) => ({
      ...datesOf(report)(lang),
      reportsPage: reportsPageUrl(),
      groupPage: groupPageUrl(affiliate),
      detail: receivedDetail(lang, affiliate, report, state),
    }),
  );
}

export function sendAccepted(clock: Clock, affiliate: AffiliateView, report: ReportRecord) {
  return send(
    clock,
    affiliate,
    `report-accepted#${affiliate.id}#${report.reportId}`,
    'report_accepted',
    'report.email.accepted.subject',
    'report.email.accepted.body',
    datesOf(report),
  );
}

function missingForOrganizers(affiliate: AffiliateView, report: ReportRecord): string {
  const missing = missingItems('en', report, affiliate);
  return missing.length
    ? `\n\nWhat meta-wiki did not show:\n${missing.map((m) => `- ${m.message}`).join('\n')}`
    : '';
}

/** Verification stopped retrying: the organizers decide (check by hand, or ask the group). */
export function sendGaveUpToOrganizers(clock: Clock, affiliate: AffiliateView, report: ReportRecord) {
  const text = `The report of ${affiliate.name} (${affiliate.id}) for ${formatDay(report.periodStart)} to ${formatDay(report.periodEnd)} could not be verified on meta-wiki after ${report.verification.attempts} attempts (last result: ${report.verification.state}).${missingForOrganizers(affiliate, report)}\n\nReport: ${report.metaUrl}\n\nCheck it by hand and accept it in the console, or write to the group: ${consoleLinks.reports(affiliate.id)}`;
  return sendOnce({ mailer: sesMailer, clock }, `report-gave-up#${affiliate.id}#${report.reportId}`, {
    to: [config().mail.organizers],
    subject: `Report needs a look: ${affiliate.name}`,
    text,
    html: emailDocument([emailHtml('en', text, () => undefined)]),
    tags: { kind: 'report_verification_gave_up', affiliate: affiliate.id },
  });
}
