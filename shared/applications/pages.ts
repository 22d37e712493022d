// The public pages of the application process, rendered on the server: the form (with
// each field's error beside it and the values kept), and the result pages. They work
// without JavaScript, in every catalogue language, right to left where the language is.

import type { FieldProblem } from '../errors.ts';
import { bidiText, page } from '../html/layout.ts';
import { html, type Markup } from '../html/template.ts';
import { type MessageKey, t } from '../i18n/application.ts';
import { languageInfo, supportedLanguages } from '../i18n/index.ts';
import { type ApplicationKind, HONEYPOT_FIELD, isCountryCode, STATEMENT_MAX } from './schema.ts';

export interface FormState {
  lang: string;
  kind: ApplicationKind;
  values?: Record<string, unknown>;
  errors?: FieldProblem[];
  /** A sentence above the form (why it was not accepted). */
  message?: string;
}

const regionCache = new Map<string, { code: string; name: string }[]>();
function countries(lang: string) {
  let list = regionCache.get(lang);
  if (!list) {
    const names = new Intl.DisplayNames([languageInfo(lang).locale, 'en'], { type: 'region' });
    list = [];
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (isCountryCode(code)) list.push({ code, name: names.of(code) ?? code });
      }
    list.sort((x, y) => x.name.localeCompare(y.name, languageInfo(lang).locale));
    regionCache.set(lang, list);
  }
  return list;
}

interface FieldSpec {
  name: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'dateParts' | 'textarea' | 'country' | 'language';
  optional?: boolean;
  hint?: MessageKey;
  autocomplete?: string;
  inputmode?: string;
  dir?: 'auto' | 'ltr';
}

// Both kinds of application end with the same two fields.
const CLOSING_FIELDS: FieldSpec[] = [
  {
    name: 'statement',
    label: 'application.field.statement',
    type: 'textarea',
    optional: true,
    hint: 'application.hint.statement',
    dir: 'auto',
  },
  { name: 'language', label: 'application.field.language', type: 'language' },
];

const FIELDS: Record<ApplicationKind, FieldSpec[]> = {
  individual: [
    { name: 'name', label: 'application.field.name', autocomplete: 'name', dir: 'auto' },
    {
      name: 'email',
      label: 'application.field.email',
      type: 'email',
      autocomplete: 'email',
      hint: 'application.hint.email',
      dir: 'ltr',
    },
    {
      name: 'dateOfBirth',
      label: 'application.field.dateOfBirth',
      type: 'dateParts',
      hint: 'application.hint.dateOfBirth',
    },
    { name: 'citizenship', label: 'application.field.citizenship', type: 'country' },
    {
      name: 'cnic',
      label: 'application.field.cnic',
      hint: 'application.hint.cnic',
      inputmode: 'numeric',
      autocomplete: 'off',
      dir: 'ltr',
    },
    {
      name: 'wikimediaUsername',
      label: 'application.field.wikimediaUsername',
      optional: true,
      autocomplete: 'username',
      dir: 'auto',
    },
    {
      name: 'city',
      label: 'application.field.city',
      optional: true,
      autocomplete: 'address-level2',
      dir: 'auto',
    },
    ...CLOSING_FIELDS,
  ],
  institution: [
    { name: 'name', label: 'application.field.institutionName', autocomplete: 'organization', dir: 'auto' },
    {
      name: 'email',
      label: 'application.field.email',
      type: 'email',
      autocomplete: 'email',
      hint: 'application.hint.email',
      dir: 'ltr',
    },
    { name: 'registrationNumber', label: 'application.field.registrationNumber', dir: 'auto' },
    { name: 'registrationAuthority', label: 'application.field.registrationAuthority', dir: 'auto' },
    { name: 'registeredIn', label: 'application.field.registeredIn', type: 'country' },
    { name: 'contactName', label: 'application.field.contactName', autocomplete: 'name', dir: 'auto' },
    ...CLOSING_FIELDS,
  ],
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The form posts the date of birth as three fields; this is their one ISO day. */
export const DATE_PARTS = { day: 'dobDay', month: 'dobMonth', year: 'dobYear' } as const;

/**
 * Day, month (by name, in the page's language) and year as three labelled fields: what
 * the person types is what they see, whatever the browser's own date format would be.
 */
function datePartsHtml(spec: FieldSpec, state: FormState): Markup {
  const { lang } = state;
  const id = `f-${spec.name}`;
  const error = state.errors?.find((e) => e.field === spec.name);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(state.values?.[spec.name]));
  const part = (name: string, fromIso: string | undefined) => str(state.values?.[name]) || fromIso || '';
  const day = part(DATE_PARTS.day, iso ? String(Number(iso[3])) : undefined);
  const month = part(DATE_PARTS.month, iso ? String(Number(iso[2])) : undefined);
  const year = part(DATE_PARTS.year, iso?.[1]);
  const described = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''} required aria-required="true"`;
  const months = new Intl.DateTimeFormat(languageInfo(lang).locale, { month: 'long', timeZone: 'UTC' });
  return html`<fieldset class="field date-parts${error ? ' invalid' : ''}" id="${id}">
<legend>${t(lang, spec.label)} <span class="optional">(${t(lang, 'application.required')})</span></legend>
${spec.hint ? html`<p class="hint" id="${id}-hint">${bidiText(lang, t(lang, spec.hint))}</p>` : ''}
${error ? html`<p class="error-text" id="${id}-error">${bidiText(lang, error.message)}</p>` : ''}
<div class="parts">
<div><label for="${id}-day">${t(lang, 'application.field.day')}</label><input id="${id}-day" name="${DATE_PARTS.day}" inputmode="numeric" maxlength="2" autocomplete="bday-day" dir="ltr" value="${day}"${aria}></div>
<div><label for="${id}-month">${t(lang, 'application.field.month')}</label><select id="${id}-month" name="${DATE_PARTS.month}" autocomplete="bday-month"${aria}><option value=""></option>${Array.from(
    { length: 12 },
    (_, i) =>
      html`<option value="${i + 1}"${String(i + 1) === month ? html` selected` : ''}>${months.format(new Date(Date.UTC(2000, i, 1)))}</option>`,
  )}</select></div>
<div><label for="${id}-year">${t(lang, 'application.field.year')}</label><input id="${id}-year" name="${DATE_PARTS.year}" inputmode="numeric" maxlength="4" autocomplete="bday-year" dir="ltr" value="${year}"${aria}></div>
</div>
</fieldset>`;
}

/** A form's three date fields as the one ISO day the schema checks (kept as typed if odd). */
export function datePartsToIso(data: Record<string, unknown>): Record<string, unknown> {
  const { [DATE_PARTS.day]: d, [DATE_PARTS.month]: m, [DATE_PARTS.year]: y, ...rest } = data;
  if (d === undefined && m === undefined && y === undefined) return data;
  const pad = (v: unknown, n: number) => (typeof v === 'string' ? v.trim().padStart(n, '0') : '');
  return { ...rest, dateOfBirth: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

function fieldHtml(spec: FieldSpec, state: FormState): Markup {
  if (spec.type === 'dateParts') return datePartsHtml(spec, state);
  const { lang } = state;
  const id = `f-${spec.name}`;
  const error = state.errors?.find((e) => e.field === spec.name);
  const value = str(state.values?.[spec.name]);
  const described = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html` id="${id}" name="${spec.name}"${described ? html` aria-describedby="${described}"` : ''}${
    error ? html` aria-invalid="true"` : ''
  }${spec.optional ? '' : html` required aria-required="true"`}${spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''}${
    spec.dir ? html` dir="${spec.dir}"` : ''
  }`;
  let control: Markup;
  if (spec.type === 'textarea') {
    control = html`<textarea${common} maxlength="${STATEMENT_MAX}">${value}</textarea>`;
  } else if (spec.type === 'country') {
    const selected = (value || 'PK').toUpperCase();
    control = html`<select${common}>${countries(lang).map(
      (c) => html`<option value="${c.code}"${c.code === selected ? html` selected` : ''}>${c.name}</option>`,
    )}</select>`;
  } else if (spec.type === 'language') {
    const selected = value || lang;
    control = html`<select${common}>${supportedLanguages().map(
      (l) =>
        html`<option value="${l.code}" lang="${l.code}"${l.code === selected ? html` selected` : ''}>${l.name}</option>`,
    )}</select>`;
  } else {
    control = html`<input type="${spec.type ?? 'text'}"${common} value="${value}"${
      spec.inputmode ? html` inputmode="${spec.inputmode}"` : ''
    }>`;
  }
  return html`<div class="field${error ? ' invalid' : ''}">
<label for="${id}">${t(lang, spec.label)} <span class="optional">(${t(lang, spec.optional ? 'application.optional' : 'application.required')})</span></label>
${spec.hint ? html`<p class="hint" id="${id}-hint">${bidiText(lang, t(lang, spec.hint))}</p>` : ''}
${error ? html`<p class="error-text" id="${id}-error">${bidiText(lang, error.message)}</p>` : ''}
${control}
</div>`;
}

export function applyPage(state: FormState): string {
  const { lang, kind } = state;
  const specs = FIELDS[kind];
  const errors = state.errors ?? [];
  const labelOf = (field: string) => {
    const spec = specs.find((s) => s.name === field);
    return spec
      ? t(lang, spec.label)
      : field === HONEYPOT_FIELD
        ? t(lang, 'application.field.website')
        : field;
  };
  const summary =
    errors.length || state.message
      ? html`<div class="summary" role="alert" id="errors"><h2>${state.message ?? t(lang, 'application.errorSummary')}</h2>${
          errors.length
            ? html`<ul>${errors.map(
                (e) => html`<li><a href="#f-${e.field}">${labelOf(e.field)}: ${e.message}</a></li>`,
              )}</ul>`
            : ''
        }</div>`
      : '';
  const kindLink = (k: ApplicationKind) =>
    k === kind
      ? html`<li><a href="/apply?lang=${lang}&amp;kind=${k}" aria-current="page"><strong>${t(lang, `application.kind.${k}`)}</strong></a></li>`
      : html`<li><a href="/apply?lang=${lang}&amp;kind=${k}">${t(lang, `application.kind.${k}`)}</a></li>`;
  const honeypotError = errors.find((e) => e.field === HONEYPOT_FIELD);
  const content = html`<h1>${t(lang, 'application.page.title')}</h1>
<p>${t(lang, 'application.page.intro')}</p>
${summary}
<nav aria-label="${t(lang, 'application.kind.legend')}"><p>${t(lang, 'application.kind.legend')}:</p><ul>${kindLink('individual')}${kindLink('institution')}</ul></nav>
<form method="post" action="/applications" accept-charset="utf-8" novalidate>
<input type="hidden" name="kind" value="${kind}">
<h2>${t(lang, `application.kind.${kind}`)}</h2>
${specs.map((spec) => fieldHtml(spec, state))}
<div class="${honeypotError ? 'field invalid' : 'hp'}" ${honeypotError ? '' : html`aria-hidden="true"`}><label for="f-${HONEYPOT_FIELD}">${t(lang, 'application.field.website')}</label>${
    honeypotError
      ? html`<p class="error-text" id="f-${HONEYPOT_FIELD}-error">${honeypotError.message}</p>`
      : ''
  }<input type="text" id="f-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">${t(lang, 'application.submit')}</button>
</form>`;
  return page(lang, t(lang, 'application.page.title'), content, (code) => `/apply?lang=${code}&kind=${kind}`);
}

/** A page with a heading and a sentence: "check your email", "confirmed", a dead link. */
export function messagePage(
  lang: string,
  title: string,
  body: string,
  role?: 'alert',
  more: string[] = [],
  /** Offer "send the link again" for this address. */
  resend?: { email: string },
): string {
  const again = resend
    ? html`<form method="post" action="/applications/resend" accept-charset="utf-8"><input type="hidden" name="email" value="${resend.email}"><input type="hidden" name="language" value="${lang}"><button type="submit">${t(lang, 'application.resend.button')}</button></form>`
    : '';
  const content = html`<h1>${title}</h1><div class="notice"${role ? html` role="${role}"` : ''}><p>${body}</p>${more.map(
    (p) => html`<p>${bidiText(lang, p)}</p>`,
  )}${again}</div>
<p><a href="/apply?lang=${lang}">${t(lang, 'application.page.title')}</a></p>`;
  return page(lang, title, content, (code) => `/apply?lang=${code}`);
}
