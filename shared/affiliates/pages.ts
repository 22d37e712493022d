// The public affiliates pages for browsers: the affiliates page (name, logo, type, meta
// page) and the Formerly Active Affiliates page (with the date each moved there). No
// scripts; logos are sized (no layout shift), lazily loaded and described.

import { formatDay } from '../dates.ts';
import { page } from '../html/layout.ts';
import { html } from '../html/template.ts';
import { type MessageKey, t } from '../i18n/affiliates.ts';
import { languageInfo } from '../i18n/index.ts';
import type { AffiliateView } from './model.ts';

export type PublicAffiliate = Pick<AffiliateView, 'id' | 'name' | 'type' | 'metaPage'> &
  Partial<Pick<AffiliateView, 'logoUrl' | 'formerlyActiveOn'>>;

const LOGO_PX = 64;

function card(lang: string, a: PublicAffiliate, formerly: boolean) {
  const since = a.formerlyActiveOn
    ? html`<p class="since">${t(lang, 'affiliates.formerly.since', { date: formatDay(a.formerlyActiveOn, languageInfo(lang).locale) })}</p>`
    : '';
  // The Formerly Active page lists names, not logos: the logo leaves with the group.
  const logo =
    !formerly && a.logoUrl
      ? html`<img src="${a.logoUrl}" width="${LOGO_PX}" height="${LOGO_PX}" loading="lazy" decoding="async" alt="${t(lang, 'affiliates.logo', { name: a.name })}">`
      : '';
  return html`<li id="affiliate-${a.id}">${logo}<div>
<h2><span lang="en" dir="auto">${a.name}</span></h2>
<p class="kind">${t(lang, `affiliates.type.${a.type}` as MessageKey)}</p>${since}
<p><a href="${a.metaPage}" dir="ltr">${t(lang, 'affiliates.metaPage')}</a></p>
</div></li>`;
}

export function affiliatesPage(lang: string, list: PublicAffiliate[], formerly: boolean): string {
  const key = formerly ? 'affiliates.formerly' : 'affiliates';
  const path = formerly ? '/affiliates/formerly-active' : '/affiliates';
  const other = formerly
    ? html`<a href="/affiliates?lang=${lang}">${t(lang, 'affiliates.link.current')}</a>`
    : html`<a href="/affiliates/formerly-active?lang=${lang}">${t(lang, 'affiliates.link.formerly')}</a>`;
  const content = html`<h1>${t(lang, `${key}.title` as MessageKey)}</h1>
<p>${t(lang, `${key}.intro` as MessageKey)}</p>
${
  list.length
    ? html`<ul class="affiliates">${list.map((a) => card(lang, a, formerly))}</ul>`
    : html`<p>${t(lang, `${key}.empty` as MessageKey)}</p>`
}
<p>${other}</p>`;
  return page(lang, t(lang, `${key}.title` as MessageKey), content, (code) => `${path}?lang=${code}`);
}
