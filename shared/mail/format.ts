// How our emails look, in one place: subjects that fit a phone's inbox line, one
// sign-off, and HTML in which a link on its own line is a short labelled button with the
// raw address below it, wrapped so it never widens the message.

import { config } from '../config.ts';
import { bidiText } from '../html/bidi.ts';
import { escapeHtml } from '../http/respond.ts';
import { t } from '../i18n/common.ts';
import { languageInfo } from '../i18n/index.ts';

/** Inbox lines show about this many characters. */
export const SUBJECT_MAX = 80;

/**
 * A subject from a template that names the group: if it runs past SUBJECT_MAX, the name
 * (the only part of any length) is shortened with an ellipsis until it fits.
 */
export function subjectWithName(render: (name: string) => string, name: string): string {
  let subject = render(name);
  for (let keep = name.length - 1; subject.length > SUBJECT_MAX && keep > 8; keep -= 4)
    subject = render(`${name.slice(0, keep).trimEnd()}…`);
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

/** The same last lines on every email to applicants and contacts. */
export const signoff = (lang: string) => t(lang, 'common.signoff', { contact: config().mail.contact });

const URL_ONLY = /^https?:\/\/\S+$/;
const URL_IN_TEXT = /(https?:\/\/[^\s<>()"]+)/g;

const BUTTON =
  'display:inline-block;padding:10px 18px;background:#006644;color:#ffffff;text-decoration:none;border-radius:3px;font-weight:600';
const RAW = 'color:#555555;font-size:13px;word-break:break-all;overflow-wrap:anywhere';

/**
 * Plain text (paragraphs split by blank lines) as HTML in `lang`. A line that is only an
 * address becomes a button labelled `labelFor(url)` with the address in small print;
 * addresses inside sentences stay links that may wrap anywhere.
 */
export function emailHtml(lang: string, text: string, labelFor: (url: string) => string | undefined): string {
  const { dir } = languageInfo(lang);
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    const lines = p.split('\n').map((line) => {
      const trimmed = line.trim();
      const label = URL_ONLY.test(trimmed) ? labelFor(trimmed) : undefined;
      if (label)
        return `<a href="${escapeHtml(trimmed)}" style="${BUTTON}">${escapeHtml(label)}</a><br><span dir="ltr" style="${RAW}">${escapeHtml(trimmed)}</span>`;
      // Addresses as links; the rest with its left-to-right runs isolated (Urdu).
      return line
        .split(URL_IN_TEXT)
        .map((part, i) =>
          i % 2
            ? `<a href="${escapeHtml(part)}" dir="ltr" style="word-break:break-all;overflow-wrap:anywhere">${escapeHtml(part)}</a>`
            : bidiText(lang, part).value,
        )
        .join('');
    });
    return `<p>${lines.join('<br>')}</p>`;
  });
  return `<div lang="${lang}" dir="${dir}">${paragraphs.join('\n')}</div>`;
}

/** A whole HTML email from its language sections. */
export const emailDocument = (sections: string[]) =>
  `<!doctype html><html lang="en"><body style="margin:0;padding:16px;font-family:system-ui,sans-serif;line-height:1.5;max-width:640px">${sections.join('<hr>')}</body></html>`;
