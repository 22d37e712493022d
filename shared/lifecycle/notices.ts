// The lifecycle's notices: who receives each one, what it says (English first, then
// each of the affiliate's languages that has a catalogue for it), and sending it
// exactly once per recipient through the outbox, key = affiliate, period, kind, recipient.

import { type CalendarDay, parsePeriodKey, periodKey } from '../affiliates/model.ts';
import type { Clock } from '../clock.ts';
import { config } from '../config.ts';
import { consoleLinks } from '../console/links.ts';
import { addDays, dayIn, formatDay, instantAt } from '../dates.ts';
import { t as tCommon } from '../i18n/common.ts';
import { languageInfo } from '../i18n/index.ts';
import { has, type MessageKey, t } from '../i18n/notices.ts';
import { emailDocument, emailHtml, signoff, subjectWithName } from '../mail/format.ts';
import { sendOnce } from '../mail/outbox.ts';
import { sesMailer } from '../mail/ses.ts';
import { metric } from '../metrics.ts';
import { reportLinkUrl } from '../report-link.ts';
import { reportsPageUrl } from '../reports/meta-url.ts';
import { postOnTalkPage } from '../talk/post.ts';
import { lifecycleOffsets } from './offsets.ts';
import { missingReports, policyFor } from './policies.ts';
import type { AffiliateRecord } from './store.ts';
import { putTimeline } from './store.ts';
import {
  actionDay,
  type Dated,
  dueDate,
  type NoticeKind,
  noticeDate,
  type OwedNotice,
  removalDate,
  removes,
} from './transition.ts';

export function recipientsOf(
  affiliate: Pick<AffiliateRecord, 'contactEmails'>,
  notice: OwedNotice,
): string[] {
  if (notice.audience === 'wikimedia_l') return [config().mail.wikimediaL];
  if (notice.audience === 'organizers') return [config().mail.organizers];
  return affiliate.contactEmails;
}

export const noticeKey = (affiliateId: string, notice: OwedNotice, recipient: string) =>
  `notice#${affiliateId}#${notice.period}#${notice.kind}${notice.ref ? `:${notice.ref}` : ''}#${recipient.toLowerCase()}`;

type Dates = Pick<AffiliateRecord, 'type' | 'incorporated' | 'agreement' | 'removalOn' | 'dueOn'>;

/** The dates of `period`: an organizer's days (deferral, removal) apply to the current period only. */
function datedPeriod(affiliate: Dates, period: string): Dated {
  const agreement = parsePeriodKey(period)!;
  const current = period === periodKey(affiliate.agreement);
  return {
    type: affiliate.type,
    incorporated: affiliate.incorporated,
    agreement,
    removalOn: current ? affiliate.removalOn : undefined,
    dueOn: current ? affiliate.dueOn : undefined,
  };
}

/** The removal day of `period` (user groups); for the others, the day of the last escalation. */
function removalOf(affiliate: Dates, period: string): CalendarDay {
  const dated = datedPeriod(affiliate, period);
  return removes(dated) ? removalDate(dated) : actionDay(dated, 'escalation_3');
}

/**
 * When the personal report link in a notice stops working: 60 days after the period's
 * removal date, and never less than 31 days after the day the notice became owed (so a
 * notice sent late, or after an organizer moved the removal, still carries a working
 * link). Calendar days only, so a preview and the email sent later carry the same link.
 */
export function reportLinkExpiry(affiliate: Dates, period: string, sentAt?: Date): Date {
  const tz = config().timeZone;
  let day = addDays(removalOf(affiliate, period), lifecycleOffsets.reportLinkDaysAfterRemoval);
  if (sentAt) {
    const floor = addDays(dayIn(sentAt, tz), lifecycleOffsets.reportLinkMinDays);
    if (floor > day) day = floor;
  }
  return instantAt(day, 0, tz);
}

/** Days of the notice's period, as calendar days. */
function datesOf(affiliate: AffiliateRecord, period: string): Record<string, CalendarDay> {
  const dated = datedPeriod(affiliate, period);
  return {
    periodStart: dated.agreement.start,
    periodEnd: dated.agreement.end,
    dueDate: dueDate(dated),
    pastDueDate: noticeDate(dated),
    removalDate: removalOf(affiliate, period),
  };
}

/**
 * The reports still missing for `period`, in words ("activity report and financial
 * report"), and a line for the notices that otherwise speak of one report only.
 */
function missingOf(affiliate: AffiliateRecord, period: string, lang: string) {
  const policy = policyFor(affiliate);
  const missing = missingReports(policy, period, affiliate.acceptedPeriods ?? []);
  const words = missing
    .map((kind) => t(lang, `notice.report.${kind}` as MessageKey))
    .join(t(lang, 'notice.and'));
  return {
    missingReports: words,
    requiredLine:
      policy.requiredReports.length > 1 && missing.length
        ? t(lang, 'notice.requiredReports', { missingReports: words })
        : '',
  };
}

/** User-group notices that ask for the report (an incorporated group's also name the missing one). */
const REPORT_REQUEST: NoticeKind[] = [
  'first_reminder',
  'second_reminder',
  'expiry_notice',
  'expiry_report_pending',
  'final_reminder',
  'removal_rescheduled',
];

/** What a rejected report means for the group now, in its language. */
function nextStepAfterRejection(affiliate: AffiliateRecord, lang: string, vars: Record<string, string>) {
  if (!removes(affiliate))
    return t(
      lang,
      affiliate.status === 'suspended'
        ? 'notice.report_rejected.next.suspended'
        : 'notice.report_rejected.next.due',
      vars,
    );
  const key: MessageKey =
    affiliate.status === 'expired'
      ? 'notice.report_rejected.next.expired'
      : affiliate.status === 'formerly_active' || affiliate.formerlyActiveOn
        ? 'notice.report_rejected.next.formerly_active'
        : 'notice.report_rejected.next.due';
  return t(lang, key, vars);
}

/** Languages a notice is written in: English, then the affiliate's others with a catalogue for it. */
function languagesFor(
  affiliate: AffiliateRecord,
  kind: NoticeKind,
  audience: OwedNotice['audience'],
): string[] {
  if (audience !== 'contacts') return ['en'];
  const key = `notice.${kind}.body` as MessageKey;
  const readable = affiliate.languages.filter((l) => has(l, key));
  // The group's first language leads (its subject too); English is always there, as the
  // working language of reports.
  return [...new Set([...readable, 'en'])];
}

/** Stands where an email has the personal report link, in the public copy of a notice. */
export const PUBLIC_COPY_LINK = '(the personal report link is in the email sent to the contacts)';

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/**
 * The notice exactly as it is sent: deterministic for a given record and notice (no
 * clock read here), so the preview of a planned notice equals the email sent later.
 */
export async function renderNotice(
  affiliate: AffiliateRecord,
  notice: OwedNotice,
  options: { publicCopy?: boolean } = {},
): Promise<RenderedNotice> {
  const dates = datesOf(affiliate, notice.period);
  // The copy posted on the group's meta Talk page (shared/talk/): English, and never the
  // personal report link, which lets whoever holds it submit for the group.
  const reportLink = options.publicCopy
    ? PUBLIC_COPY_LINK
    : notice.audience === 'contacts'
      ? await reportLinkUrl({
          affiliateId: affiliate.id,
          period: notice.period,
          expiresAt: reportLinkExpiry(affiliate, notice.period, new Date(notice.since)),
        })
      : '';
  const languages = options.publicCopy ? ['en'] : languagesFor(affiliate, notice.kind, notice.audience);
  const sections = languages.map((lang) => {
    const locale = languageInfo(lang).locale;
    const vars: Record<string, string> = {
      name: affiliate.name,
      metaPage: affiliate.metaPage,
      reportsPage: reportsPageUrl(),
      wikimediaL: config().mail.wikimediaL,
      reportLink,
      affiliateId: affiliate.id,
      adminLink: consoleLinks.reports(affiliate.id),
      reason: '',
      reportUrl: '',
      ...notice.vars,
      ...Object.fromEntries(Object.entries(dates).map(([k, day]) => [k, formatDay(day, locale)])),
    };
    if (notice.kind === 'report_rejected') vars.nextStep = nextStepAfterRejection(affiliate, lang, vars);
    if (notice.kind === 'escalation_organizers') {
      const step = notice.ref?.split('@')[0] === 'escalation_3' ? 'escalation_3' : 'escalation_2';
      vars.stage = t(lang, `notice.escalation_organizers.stage.${step}`);
      vars.nextStep = t(lang, `notice.escalation_organizers.next.${step}`);
    }
    const { missingReports: missingWords, requiredLine } = missingOf(affiliate, notice.period, lang);
    vars.missingReports = missingWords;
    let body = t(lang, `notice.${notice.kind}.body` as MessageKey, vars);
    // An incorporated user group reads the user groups' notices, plus which of its two
    // reports is still missing (the chapters' notices name them in their own text).
    if (
      requiredLine &&
      notice.audience === 'contacts' &&
      removes(affiliate) &&
      REPORT_REQUEST.includes(notice.kind)
    )
      body = `${body}\n\n${requiredLine}`;
    const paragraphs =
      notice.audience !== 'contacts'
        ? [body]
        : options.publicCopy
          ? [t(lang, 'notice.greeting', vars), body]
          : [t(lang, 'notice.greeting', vars), body, signoff(lang)];
    return { lang, vars, text: paragraphs.join('\n\n') };
  });
  // One subject, in the recipient's first language, naming the group once.
  const first = sections[0]!;
  const subjectKey = `notice.${notice.kind}.subject` as MessageKey;
  const subject = subjectWithName(
    (name) => t(first.lang, subjectKey, { ...first.vars, name }),
    affiliate.name,
  );
  const text = sections.map((s) => s.text).join('\n\n----------\n\n');
  const html = emailDocument(
    sections.map((s) =>
      emailHtml(s.lang, s.text, (url) =>
        url === reportLink ? tCommon(s.lang, 'email.button.reportLink') : undefined,
      ),
    ),
  );
  return { subject, text, html };
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
  // Also on the group's meta Talk page, where the stage turns that on (once, same ledger).
  const talk = await postOnTalkPage(affiliate, notice, deps, () =>
    renderNotice(affiliate, notice, { publicCopy: true }),
  );
  if (talk === 'failed') failed = true;
  if (talk === 'pending') pending = true;
  return failed ? 'failed' : pending ? 'pending' : 'done';
}
