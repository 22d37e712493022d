// The report page's "Documents" section and the page a browser lands on after an upload.
// Each document has its own plain HTML form that posts the file straight to S3 with the
// presigned fields (no script needed); S3 sends the browser back to the completion page.

import { config } from '../config.ts';
import { dayIn, formatDay } from '../dates.ts';
import { bidiText, page } from '../html/layout.ts';
import { html, type Markup } from '../html/template.ts';
import { languageInfo } from '../i18n/index.ts';
import { type MessageKey, t } from '../i18n/uploads.ts';
import { MAX_UPLOAD_BYTES, type UploadKind } from './rules.ts';
import type { UploadRecord } from './store.ts';

const maxMb = String(MAX_UPLOAD_BYTES / (1024 * 1024));

export const documentName = (lang: string, kind: UploadKind) => t(lang, `upload.kind.${kind}` as MessageKey);

/** "1.2 MB", in the reader's language. */
export function formatSize(bytes: number, lang: string): string {
  const { locale } = languageInfo(lang);
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

export interface DocumentForm {
  kind: UploadKind;
  url: string;
  fields: Record<string, string>;
  current?: UploadRecord;
}

/** One form per document, each posting to S3; what is on record is said above its field. */
export function documentsSection(lang: string, forms: DocumentForm[]): Markup {
  const one = (f: DocumentForm) => {
    const name = documentName(lang, f.kind);
    const id = `upload-${f.kind}`;
    const current = f.current
      ? t(lang, 'upload.current', {
          date: formatDay(
            dayIn(new Date(f.current.uploadedAt), config().timeZone),
            languageInfo(lang).locale,
          ),
          size: formatSize(f.current.size, lang),
        })
      : t(lang, 'upload.none');
    return html`<form method="post" action="${f.url}" enctype="multipart/form-data" class="upload" data-kind="${f.kind}">
<h3 id="${id}-title">${name}</h3>
<p id="${id}-status" class="hint" data-uploaded="${f.current ? 'yes' : 'no'}">${bidiText(lang, current)}</p>
${Object.entries(f.fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<div class="field"><label for="${id}">${t(lang, 'upload.file', { document: name })}</label>
<input id="${id}" name="file" type="file" accept="application/pdf,.pdf" required aria-describedby="${id}-status upload-hint"></div>
<button type="submit">${t(lang, 'upload.submit', { document: name })}</button>
</form>`;
  };
  return html`<section id="documents" aria-labelledby="documents-title"><h2 id="documents-title">${t(lang, 'upload.section.title')}</h2>
<p id="upload-hint">${t(lang, 'upload.section.intro', { maxMb })} ${t(lang, 'upload.section.reload')}</p>
${forms.map(one)}</section>`;
}

/** After an upload: recorded, or refused with the reason; either way a way back to the report page. */
export function uploadResultPage(input: {
  lang: string;
  backHref: string;
  languageHref: (code: string) => string;
  outcome:
    | { ok: true; upload: UploadRecord; start: string; end: string }
    | { ok: false; code: string; kind: UploadKind };
}): string {
  const { lang, outcome } = input;
  const back = html`<p><a id="back" href="${input.backHref}">${t(lang, 'upload.back')}</a></p>`;
  if (outcome.ok) {
    const body = t(lang, 'upload.done.body', {
      document: documentName(lang, outcome.upload.document),
      size: formatSize(outcome.upload.size, lang),
      start: formatDay(outcome.start, languageInfo(lang).locale),
      end: formatDay(outcome.end, languageInfo(lang).locale),
    });
    const title = t(lang, 'upload.done.title');
    return page(
      lang,
      title,
      html`<h1>${title}</h1><p id="outcome" data-status="recorded">${bidiText(lang, body)}</p>${back}`,
      input.languageHref,
    );
  }
  const title = t(lang, 'upload.refused.title');
  const key = `upload.refused.${outcome.code}` as MessageKey;
  return page(
    lang,
    title,
    html`<h1>${title}</h1><div class="summary" role="alert"><p id="outcome" data-status="${outcome.code}">${documentName(lang, outcome.kind)}: ${t(lang, key, { maxMb })}</p></div>${back}`,
    input.languageHref,
  );
}

/**
 * The personal link's page (the same address shared/reports/pages.ts writes; repeated
 * here so the upload functions do not bundle the report form and its language detector).
 */
export const reportPageHref = (affiliateId: string, token: string, lang: string) =>
  `/affiliates/${encodeURIComponent(affiliateId)}/report?token=${encodeURIComponent(token)}&lang=${lang}`;

/** A link that does not check out, on the completion page. */
export function linkProblemPage(lang: string, problem: 'expired' | 'invalid'): string {
  const title = t(lang, 'report.badLink.title');
  return page(
    lang,
    title,
    html`<h1>${title}</h1><p id="reason">${t(lang, problem === 'expired' ? 'report.badLink.expired' : 'report.badLink.invalid')}</p>`,
    (code) => `?lang=${code}`,
  );
}
