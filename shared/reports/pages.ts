// The HTML pages of the personal report link: the form, a link that does not work, and
// the result of a submission (accepted, received, or the list of what to fix).
// Plain server-rendered HTML, no scripts, in the visitor's language.

import type { Agreement } from '../affiliates/model.ts';
import type { FieldProblem } from '../errors.ts';
import { html, linkedText } from '../html/template.ts';
import { escapeHtml as e } from '../http/respond.ts';
import { languageInfo, type MessageKey, supportedLanguages, t } from '../i18n/index.ts';
import { formatDay } from './emails.ts';
import { reportsPageUrl } from './meta-url.ts';
import type { MissingItem } from './missing.ts';
import type { ReportRecord } from './store.ts';

function layout(lang: string, title: string, body: string, langLinks?: (code: string) => string): string {
  const info = languageInfo(lang);
  const links = langLinks
    ? `<nav aria-label="${e(t(lang, 'common.languages'))}">${e(t(lang, 'common.languages'))}: ${supportedLanguages()
        .map(
          (l) => `<a href="${e(langLinks(l.code))}" lang="${l.code}" hreflang="${l.code}">${e(l.name)}</a>`,
        )
        .join(' · ')}</nav>`
    : '';
  return `<!doctype html><html lang="${info.code}" dir="${info.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>body{font-family:system-ui,"Noto Nastaliq Urdu","Noto Naskh Arabic",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}label{display:block;margin-top:1rem;font-weight:600}input,textarea{width:100%;box-sizing:border-box;font:inherit}textarea{min-height:14rem}button{margin-top:1.5rem;font:inherit;padding:.5rem 1rem}.problems{color:#8b0000}</style></head><body>${links}<header><p>${e(t(lang, 'common.siteName'))}</p></header><main><h1>${e(title)}</h1>${body}</main></body></html>`;
}

export function reportFormPage(input: {
  lang: string;
  affiliateId: string;
  affiliateName: string;
  agreement: Agreement;
  token: string;
  values?: Partial<Record<'periodStart' | 'periodEnd' | 'metaUrl' | 'text' | 'financialReportUrl', string>>;
  problems?: FieldProblem[];
}): string {
  const { lang, agreement } = input;
  const v = { periodStart: agreement.start, periodEnd: agreement.end, ...input.values };
  const action = `/affiliates/${encodeURIComponent(input.affiliateId)}/reports`;
  const field = (name: keyof typeof v, key: MessageKey, type: string, extra = '') =>
    `<label for="${name}">${e(t(lang, key))}</label><input id="${name}" name="${name}" type="${type}" dir="ltr" value="${e(v[name] ?? '')}" ${extra}>`;
  const problems = input.problems?.length
    ? `<section class="problems" role="alert"><h2>${e(t(lang, 'report.rejected.title'))}</h2><p>${e(t(lang, 'report.rejected.intro'))}</p><ul id="problems">${input.problems.map((p) => `<li data-field="${e(p.field)}">${e(p.message)}</li>`).join('')}</ul></section>`
    : '';
  const body = `${problems}<p>${linkedText(t(lang, 'report.intro', { reportsPage: reportsPageUrl() }))}</p>
<dl><dt>${e(t(lang, 'report.affiliate'))}</dt><dd id="affiliate">${e(input.affiliateName)}</dd>
<dt>${e(t(lang, 'report.periodToCover'))}</dt><dd id="period">${e(t(lang, 'report.periodToCoverValue', { start: formatDay(agreement.start, lang), end: formatDay(agreement.end, lang) }))}</dd></dl>
<p>${e(t(lang, 'report.rules'))}</p>
<form method="post" action="${e(action)}" accept-charset="utf-8">
<input type="hidden" name="token" value="${e(input.token)}"><input type="hidden" name="lang" value="${e(lang)}">
${field('periodStart', 'report.periodStart', 'date', `required`)}
${field('periodEnd', 'report.periodEnd', 'date', 'required')}
${field('metaUrl', 'report.metaUrl', 'url', 'required placeholder="https://meta.wikimedia.org/wiki/..."')}
<label for="text">${e(t(lang, 'report.text'))}</label><textarea id="text" name="text" dir="ltr" lang="en" required>${e(v.text ?? '')}</textarea>
${field('financialReportUrl', 'report.financialReportUrl', 'url')}
<button type="submit">${e(t(lang, 'report.submit'))}</button>
</form>`;
  return layout(
    lang,
    t(lang, 'report.title'),
    body,
    (code) => `?token=${encodeURIComponent(input.token)}&lang=${code}`,
  );
}

export function badLinkPage(lang: string, problem: 'expired' | 'invalid'): string {
  return layout(
    lang,
    t(lang, 'report.badLink.title'),
    `<p id="reason">${e(t(lang, problem === 'expired' ? 'report.badLink.expired' : 'report.badLink.invalid'))}</p>`,
  );
}

/** The outcome of a submission; a received report lists what meta-wiki does not show yet. */
export function resultPage(
  lang: string,
  report: ReportRecord,
  created: boolean,
  missing: MissingItem[],
): string {
  const accepted = report.status === 'accepted';
  const dates = { start: formatDay(report.periodStart, lang), end: formatDay(report.periodEnd, lang) };
  const outcome = accepted
    ? t(lang, 'report.accepted.body', dates)
    : t(lang, 'report.received.pending', { reportsPage: reportsPageUrl() });
  const todo = missing.length
    ? html`<section id="missing"><p>${t(lang, 'report.received.missing')}</p><ul>${missing.map(
        (m) => html`<li data-code="${m.code}" data-link="${m.link}">${linkedText(m.message)}</li>`,
      )}</ul></section>`
    : accepted
      ? ''
      : html`<p>${t(lang, 'report.received.nothingMissing')}</p>`;
  const body = html`<p id="outcome" data-status="${report.status}">${linkedText(outcome)}</p>${todo}${
    created ? '' : html`<p>${t(lang, 'report.duplicate')}</p>`
  }<p><a href="${report.metaUrl}" dir="ltr">${report.metaUrl}</a></p>`;
  return layout(lang, t(lang, accepted ? 'report.accepted.title' : 'report.received.title'), body.value);
}
