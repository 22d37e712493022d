// The emails of the application process, each in plain text and HTML: the applicant's
// in their language, the organizers' in English. No CNIC or date of birth ever appears,
// and the applicant's name only in the safe form (shared/mail/safe-text.ts): whoever
// fills in the form chooses the address, so the name must not carry their words to it.

import { config } from '../config.ts';
import { consoleLinks } from '../console/links.ts';
import { dateFormat } from '../dates.ts';
import { type MessageKey, t } from '../i18n/application.ts';
import { languageInfo } from '../i18n/index.ts';
import { emailDocument, emailHtml, signoff } from '../mail/format.ts';
import type { OutgoingEmail } from '../mail/port.ts';
import { greetingName } from '../mail/safe-text.ts';
import type { Application } from './model.ts';

/** "15 July 2026" (or the same in the language's own words), in the group's time zone. */
export function formatDate(instant: Date, lang: string): string {
  return dateFormat(languageInfo(lang).locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: config().timeZone,
  }).format(instant);
}

interface Body {
  paragraphs: string[];
  link?: string;
  after?: string[];
}

/** Paragraphs, the link as a labelled button (raw address below, wrapping), then the sign-off. */
function build(lang: string, body: Body & { button?: string }): { text: string; html: string } {
  const paragraphs = [...body.paragraphs, ...(body.link ? [body.link] : []), ...(body.after ?? [])];
  const text = `${paragraphs.join('\n\n')}\n\n${signoff(lang)}`;
  const html = emailDocument([emailHtml(lang, text, (url) => (url === body.link ? body.button : undefined))]);
  return { text, html };
}

/** Hello to the person who reads it: an institution's email greets its contact person. */
function greeting(lang: string, application: Application): string {
  const safe = greetingName(application.kind === 'institution' ? application.contactName : application.name);
  return safe
    ? t(lang, 'application.email.greeting', { name: safe })
    : t(lang, 'application.email.greetingNoName');
}

const tags = (kind: string, application: Application) => ({ kind, application: application.id });

export function confirmationEmail(
  application: Application,
  link: string,
  expiresAt: Date,
  sentAt: Date,
): OutgoingEmail {
  const lang = application.language;
  return {
    to: [application.email],
    subject: t(lang, 'application.email.confirm.subject'),
    ...build(lang, {
      paragraphs: [
        greeting(lang, application),
        t(lang, 'application.email.confirm.body', { date: formatDate(expiresAt, lang) }),
      ],
      link,
      button: t(lang, 'application.email.confirm.button'),
      after: [
        t(lang, 'application.email.confirm.why', {
          form: `${config().publicBaseUrl}/apply`,
          date: formatDate(sentAt, lang),
        }),
        t(lang, 'application.email.confirm.ignore'),
      ],
    }),
    tags: tags('application_confirmation', application),
  };
}

export function decisionEmail(application: Application): OutgoingEmail {
  const lang = application.language;
  const decision = application.decision!;
  const approved = decision.decision === 'approve';
  const prefix: 'application.email.approved' | 'application.email.rejected' = approved
    ? 'application.email.approved'
    : 'application.email.rejected';
  return {
    to: [application.email],
    subject: t(lang, `${prefix}.subject` as MessageKey),
    ...build(lang, {
      paragraphs: [
        greeting(lang, application),
        t(lang, `${prefix}.body` as MessageKey, { date: formatDate(new Date(decision.at), lang) }),
        ...(decision.reason ? [t(lang, 'application.email.reason', { reason: decision.reason })] : []),
        // What happens next: where the group is, or how to try again.
        approved
          ? t(lang, 'application.email.approved.next', {
              groupPage: config().group.pageUrl,
              channels: config().group.channels ?? '',
            }).trim()
          : t(lang, 'application.email.rejected.next', {
              form: `${config().publicBaseUrl}/apply?lang=${lang}`,
            }),
      ],
    }),
    tags: tags(approved ? 'application_approved' : 'application_rejected', application),
  };
}

export function organizersEmail(application: Application): OutgoingEmail {
  const lang = 'en';
  const link = consoleLinks.application(application.id);
  const name = greetingName(application.name) || application.id;
  const conflict = application.claimConflict;
  return {
    to: [config().mail.organizers],
    subject: conflict
      ? t(lang, 'application.email.organizers.conflictSubject', { name })
      : t(lang, 'application.email.organizers.subject', { name }),
    ...build(lang, {
      paragraphs: [
        t(lang, 'application.email.organizers.body', {
          kind: application.kind,
          name,
          date: formatDate(new Date(application.confirmedAt ?? application.createdAt), lang),
        }),
        t(lang, 'application.email.organizers.link', { link }),
        ...(conflict
          ? [
              t(lang, 'application.email.organizers.conflict', {
                other: consoleLinks.application(conflict.applicationId),
              }),
            ]
          : []),
      ],
    }),
    tags: tags('application_submitted', application),
  };
}
