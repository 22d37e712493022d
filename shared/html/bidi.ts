// Left-to-right runs (dates, CNICs, addresses, English) inside right-to-left text keep
// their order when isolated in <bdi dir="ltr">. Used by pages and by HTML emails.

import { languageInfo } from '../i18n/index.ts';
import { html, type Markup } from './template.ts';

/** Text that must keep its left-to-right order inside right-to-left text. */
export const ltr = (text: string) => html`<bdi dir="ltr">${text}</bdi>`;

// A run of Latin letters, digits and the punctuation inside dates, CNICs, addresses and
// English phrases; it must start and end on a letter or digit so a sentence's own
// punctuation stays outside. One pass, no backtracking across runs.
const LTR_RUN = /[A-Za-z0-9][A-Za-z0-9 \-./:@+_%#?=&,'()]*[A-Za-z0-9)]|[A-Za-z0-9]/g;

/**
 * A message in `lang` as markup: in a right-to-left language every left-to-right run
 * (1990-07-15, 12345-1234567-1, an English reason) is isolated in <bdi dir="ltr">, so the
 * bidi algorithm cannot reorder its parts or move its full stop.
 */
export function bidiText(lang: string, text: string): Markup {
  if (languageInfo(lang).dir !== 'rtl') return html`${text}`;
  const parts: (string | Markup)[] = [];
  let last = 0;
  for (const m of text.slice(0, 20_000).matchAll(LTR_RUN)) {
    parts.push(text.slice(last, m.index), ltr(m[0]));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}
