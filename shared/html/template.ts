// A tiny HTML template helper: interpolated values are escaped unless they are
// already-built markup (the result of another html`` call). No framework, no build.

import { escapeHtml } from '../http/respond.ts';

export class Markup {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Part = string | number | Markup | undefined | null | false | Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Markup) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** html`<p>${text}</p>`: text is escaped, nested html`` is kept as markup. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Markup written by us, never by a user (a stylesheet constant). */
export const trusted = (markup: string) => new Markup(markup);

const WEB_ADDRESS = /https?:\/\/[^\s<>()"]+/g;

/**
 * Plain text (a translated message, an email paragraph) as markup in which every web
 * address is a link. The text and the addresses are escaped like any other value.
 */
export function linkedText(text: string): Markup {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    // A sentence's full stop or comma after an address is not part of it.
    const address = match[0].replace(/[.,;:]+$/, '');
    parts.push(text.slice(last, match.index), html`<a href="${address}" dir="ltr">${address}</a>`);
    last = match.index + address.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
