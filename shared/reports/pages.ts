// The HTML pages of the personal report link: the form (each problem beside its field and
// in a summary above), a link that does not work, the result of a submission, and what a
// reopened link shows once a report is in (its status, and the form only where a new
// submission makes sense). Server-rendered through the shared layout, no scripts, in the
// visitor's language; every language link is a GET of the link's own page.

import type { AffiliateType, Agreement } from '../affiliates/model.ts';
import type { FieldProblem } from '../errors.ts';
import { bidiText, page } from '../html/layout.ts';
import { html, linkedText, type Markup } from '../html/template.ts';
import { type MessageKey, t } from '../i18n/index.ts';
import { policyFor } from '../lifecycle/policies.ts';
import { formatDay } from './emails.ts';
import { reportsPageUrl } from './meta-url.ts';
import type { MissingItem } from './missing.ts';
import { problemIn } from './rules.ts';
import type { ReportRecord } from './store.ts';

type FormField =
  | 'periodStart'
  | 'periodEnd'
  | 'metaUrl'
  | 'text'
  | 'financialReportUrl'
  | 'reportType'
  | 'language'
  | 'englishUrl'
  | 'englishSummary'
  | 'url';

/** Fields a group may leave empty. */
const OPTIONAL: FormField[] = ['financialReportUrl', 'language', 'englishUrl', 'englishSummary'];

/** The reports the policy requires for the period that are not yet accepted, in form order. */
export function reportsStillOpen(
  affiliate: { type: AffiliateType; incorporated?: boolean },
  sent: Pick<ReportRecord, 'status' | 'reportKind'>[],
): ('activity' | 'financial')[] {
  return policyFor(affiliate).requiredReports.filter(
    (kind) => !sent.some((r) => r.status === 'accepted' && (r.reportKind ?? 'activity') === kind),
  );
}

/** Where the personal link's page is, in another language: always a GET. */
export const reportLinkPage = (affiliateId: string, token: string | undefined, lang: string) =>
  `/affiliates/${encodeURIComponent(affiliateId)}/report?${token ? `token=${encodeURIComponent(token)}&` : ''}lang=${lang}`;

export interface LinkContext {
  lang: string;
  affiliateId: string;
  token?: string;
}

const frame = (ctx: LinkContext, title: string, content: Markup) =>
  page(ctx.lang, title, html`<h1>${title}</h1>${content}`, (code) =>
    reportLinkPage(ctx.affiliateId, ctx.token, code),
  );

export function reportFormPage(input: {
  lang: string;
  affiliateId: string;
  affiliateName: string;
  agreement: Agreement;
  token: string;
  values?: Partial<Record<FormField | 'kind', string>>;
  problems?: FieldProblem[];
  /** Which forms to show: the activity report, the financial report, or both (policies.ts). */
  kinds?: ('activity' | 'financial')[];
  /** Shown above the form: what the group already sent for this period. */
  status?: Markup;
}): string {
  const { lang, agreement } = input;
  const fresh = { periodStart: agreement.start, periodEnd: agreement.end };
  let v: Partial<Record<FormField | 'kind', string>> = { ...fresh, ...input.values };
  // The financial form's fields get their own ids, so both forms can be on one page.
  let prefix = '';
  const action = `/affiliates/${encodeURIComponent(input.affiliateId)}/reports`;
  const allProblems = input.problems ?? [];
  let problems = allProblems;
  const problemOf = (name: FormField) => problems.filter((p) => p.field === name);
  const field = (name: FormField, key: MessageKey, type: string, control?: Markup, hint?: string) => {
    const own = problemOf(name);
    const id = `${prefix}${name}`;
    const described = [hint ? `${id}-hint` : '', own.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    const attrs = html`id="${id}" name="${name}" ${described ? html`aria-describedby="${described}"` : ''} ${own.length ? html`aria-invalid="true"` : ''}`;
    return html`<div class="field${own.length ? ' invalid' : ''}">
<label for="${id}">${t(lang, key)}</label>
${hint ? html`<p class="hint" id="${id}-hint">${bidiText(lang, hint)}</p>` : ''}
${own.length ? html`<p class="error-text" id="${id}-error">${own.map((p) => bidiText(lang, problemIn(lang, p)))}</p>` : ''}
${control ?? html`<input ${attrs} type="${type}" dir="ltr" value="${v[name] ?? ''}" ${OPTIONAL.includes(name) ? '' : html`required`}>`}
</div>`;
  };
  const kinds = input.kinds ?? ['activity'];
  // A form sent back with problems keeps its own kind; the other form starts empty.
  const sentKind = input.values?.kind === 'financial' ? 'financial' : 'activity';
  const own = (kind: 'activity' | 'financial', f: () => Markup) => {
    prefix = kind === 'financial' && kinds.includes('activity') ? 'financial-' : '';
    const saved = { v, problems };
    if (kind !== sentKind) {
      v = { ...fresh };
      problems = [];
    }
    const out = f();
    ({ v, problems } = saved);
    prefix = '';
    return out;
  };
  // Fields every report may carry: annual or multi-year, and the language with its English version.
  const described = () => html`
${field(
  'reportType',
  'report.reportType',
  'text',
  html`<select id="${prefix}reportType" name="reportType"><option value="annual">${t(lang, 'report.reportType.annual')}</option><option value="multi_year" ${v.reportType === 'multi_year' ? html`selected` : ''}>${t(lang, 'report.reportType.multi_year')}</option></select>`,
)}
${field('language', 'report.language', 'text', undefined, t(lang, 'report.language.hint'))}
${field('englishUrl', 'report.englishUrl', 'url')}
${field(
  'englishSummary',
  'report.englishSummary',
  'text',
  html`<textarea id="${prefix}englishSummary" name="englishSummary" dir="ltr" lang="en">${v.englishSummary ?? ''}</textarea>`,
)}`;
  const known = new Set<string>([
    'periodStart',
    'periodEnd',
    'metaUrl',
    'text',
    'financialReportUrl',
    'reportType',
    'language',
    'englishUrl',
    'englishSummary',
    'url',
  ]);
  const summary = allProblems.length
    ? html`<div class="summary" role="alert" id="problems"><h2>${t(lang, 'report.rejected.title')}</h2><p>${t(lang, 'report.rejected.intro')}</p><ul>${allProblems.map(
        (p) =>
          html`<li data-field="${p.field}">${known.has(p.field) ? html`<a href="#${p.field}">${bidiText(lang, problemIn(lang, p))}</a>` : bidiText(lang, problemIn(lang, p))}</li>`,
      )}</ul></div>`
    : '';
  const period = t(lang, 'report.periodToCoverValue', {
    start: formatDay(agreement.start, lang),
    end: formatDay(agreement.end, lang),
  });

  const content = html`${summary}${input.status ?? ''}
<p>${linkedText(t(lang, 'report.intro', { reportsPage: reportsPageUrl() }))}</p>
<dl><dt>${t(lang, 'report.affiliate')}</dt><dd id="affiliate"><span lang="en" dir="auto">${input.affiliateName}</span></dd>
<dt>${t(lang, 'report.periodToCover')}</dt><dd id="period">${period}</dd></dl>
<p>${t(lang, 'report.rules')}</p>
${
  kinds.includes('activity')
    ? own(
        'activity',
        () => html`<form method="post" action="${action}" accept-charset="utf-8" novalidate id="activity-form">
<input type="hidden" name="token" value="${input.token}"><input type="hidden" name="lang" value="${lang}"><input type="hidden" name="kind" value="activity">
${kinds.includes('financial') ? html`<h2>${t(lang, 'report.kind.activity')}</h2>` : ''}
${field('periodStart', 'report.periodStart', 'date', undefined, formatDay(agreement.start, lang))}
${field('periodEnd', 'report.periodEnd', 'date', undefined, formatDay(agreement.end, lang))}
${field('metaUrl', 'report.metaUrl', 'url')}
${field(
  'text',
  'report.text',
  'text',
  html`<textarea id="text" name="text" dir="ltr" required ${problemOf('text').length ? html`aria-invalid="true" aria-describedby="text-error"` : ''}>${v.text ?? ''}</textarea>`,
)}
${kinds.includes('financial') ? '' : field('financialReportUrl', 'report.financialReportUrl', 'url')}
${described()}
<button type="submit">${t(lang, 'report.submit')}</button>
</form>`,
      )
    : ''
}
${
  kinds.includes('financial')
    ? own(
        'financial',
        () => html`<form method="post" action="${action}" accept-charset="utf-8" novalidate id="financial-form">
<input type="hidden" name="token" value="${input.token}"><input type="hidden" name="lang" value="${lang}"><input type="hidden" name="kind" value="financial">
<h2>${t(lang, 'report.kind.financial')}</h2>
${field('periodStart', 'report.periodStart', 'date', undefined, formatDay(agreement.start, lang))}
${field('periodEnd', 'report.periodEnd', 'date', undefined, formatDay(agreement.end, lang))}
${field('url', 'report.financialUrl', 'url')}
${described()}
<button type="submit">${t(lang, 'report.submitFinancial')}</button>
</form>`,
      )
    : ''
}`;
  return frame(
    { lang, affiliateId: input.affiliateId, token: input.token },
    t(lang, 'report.title'),
    content,
  );
}

export function badLinkPage(lang: string, problem: 'expired' | 'invalid', affiliateId = ''): string {
  return frame(
    { lang, affiliateId },
    t(lang, 'report.badLink.title'),
    html`<p id="reason">${t(lang, problem === 'expired' ? 'report.badLink.expired' : 'report.badLink.invalid')}</p>`,
  );
}

/** What a report in this period has come to, as a block for the result page and the reopened link. */
export function reportStatus(lang: string, report: ReportRecord, missing: MissingItem[]): Markup {
  const dates = { start: formatDay(report.periodStart, lang), end: formatDay(report.periodEnd, lang) };
  const said =
    report.status === 'accepted'
      ? t(lang, 'report.accepted.body', dates)
      : report.status === 'rejected'
        ? t(lang, 'report.status.rejected', { reason: report.rejection?.reason ?? '' })
        : t(lang, 'report.received.pending', { reportsPage: reportsPageUrl() });
  const todo = missing.length
    ? html`<section id="missing"><p>${t(lang, 'report.received.missing')}</p><ul>${missing.map(
        (m) => html`<li data-code="${m.code}" data-link="${m.link}">${linkedText(m.message)}</li>`,
      )}</ul></section>`
    : report.status === 'received'
      ? html`<p>${t(lang, 'report.received.nothingMissing')}</p>`
      : '';
  return html`<div class="notice" id="status" data-status="${report.status}"><p id="outcome" data-status="${report.status}">${linkedText(said)}</p>${todo}
<p><a href="${report.metaUrl}" dir="ltr">${report.metaUrl}</a></p></div>`;
}

/** The outcome of a submission; a received report lists what meta-wiki does not show yet. */
export function resultPage(
  ctx: LinkContext,
  report: ReportRecord,
  created: boolean,
  missing: MissingItem[],
): string {
  const accepted = report.status === 'accepted';
  const content = html`${reportStatus(ctx.lang, report, missing)}${created ? '' : html`<p>${t(ctx.lang, 'report.duplicate')}</p>`}`;
  return frame(ctx, t(ctx.lang, accepted ? 'report.accepted.title' : 'report.received.title'), content);
}

/** A reopened link once the period's report is accepted: its status, and no form. */
export function acceptedPage(ctx: LinkContext, report: ReportRecord): string {
  return frame(ctx, t(ctx.lang, 'report.accepted.title'), reportStatus(ctx.lang, report, []));
}
