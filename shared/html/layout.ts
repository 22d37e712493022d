// The frame of every public page: one stylesheet, the language links, and the fonts.
// Urdu is set in Noto Nastaliq Urdu, served from our origin (shared/assets.ts), with the
// taller line Nastaliq needs; numbers, dates, addresses and English inside Urdu text are
// wrapped in <bdi> (see `ltr`) so they keep their left-to-right order; long addresses
// wrap instead of making a phone scroll sideways.

import { URDU_FONT_FACE } from '../assets.ts';
import { config } from '../config.ts';
import { t } from '../i18n/common.ts';
import { languageInfo, supportedLanguages } from '../i18n/index.ts';
import { html, type Markup, trusted } from './template.ts';

export const PAGE_STYLE = `${URDU_FONT_FACE}
body{font-family:system-ui,sans-serif;line-height:1.6;margin:0;color:#1b1b1b;background:#fafafa}
:lang(ur){font-family:"Noto Nastaliq Urdu","Noto Naskh Arabic",system-ui,sans-serif;line-height:2.4}
:lang(ur) :lang(en),bdi,[dir=ltr]{font-family:system-ui,sans-serif;line-height:1.6}
header,main,footer{max-width:42rem;margin:0 auto;padding:1rem}
footer{border-top:1px solid #ccc;color:#444}
header{border-bottom:1px solid #ccc}
.site{font-weight:600;margin:0}
nav ul{list-style:none;padding:0;margin:.25rem 0;display:flex;gap:1rem;flex-wrap:wrap}
a{color:#0645ad}
a,dd,li,p,code{overflow-wrap:anywhere}
a:focus,input:focus,select:focus,textarea:focus,button:focus{outline:3px solid #fc0;outline-offset:2px}
.field{margin:1.25rem 0}
label{display:block;font-weight:600}
.hint{color:#555;margin:.1rem 0;font-size:.95rem}
.error-text{color:#b00020;font-weight:600;margin:.1rem 0}
.invalid input,.invalid select,.invalid textarea{border:2px solid #b00020}
input,select,textarea{font:inherit;padding:.4rem;width:100%;max-width:30rem;box-sizing:border-box;border:1px solid #767676}
textarea{min-height:8rem}
button{font:inherit;padding:.5rem 1.25rem;background:#006644;color:#fff;border:0;border-radius:3px;cursor:pointer}
.summary{border:3px solid #b00020;padding:.5rem 1rem;margin:1rem 0;background:#fff}
.notice{border-inline-start:5px solid #006644;padding:.5rem 1rem;background:#fff}
.hp{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.optional{font-weight:normal;color:#555}
.date-parts{border:0;padding:0}
.date-parts legend{font-weight:600;padding:0}
.parts{display:flex;gap:.75rem;flex-wrap:wrap}
.parts div{flex:0 1 9rem}
.parts label{font-weight:normal}
.affiliates{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.affiliates li{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.75rem;display:flex;gap:.75rem;align-items:center}
.affiliates img{flex:none;object-fit:contain;background:#fff}
.affiliates .kind,.affiliates .since{color:#555;font-size:.95rem;margin:0}
.affiliates h2{font-size:1.1rem;margin:0}
`;

export { bidiText, ltr } from './bidi.ts';

export function page(
  lang: string,
  title: string,
  content: Markup,
  languageHref: (code: string) => string,
): string {
  const { dir } = languageInfo(lang);
  const languages = supportedLanguages().filter((l) => l.code !== lang);
  return html`<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · ${t(lang, 'common.siteName')}</title><style>${trusted(PAGE_STYLE)}</style></head>
<body>
<header><p class="site">${t(lang, 'common.siteName')}</p>
<nav aria-label="${t(lang, 'common.languages')}">${t(lang, 'common.languages')}:
<ul>${languages.map(
    (l) =>
      html`<li><a href="${languageHref(l.code)}" lang="${l.code}" hreflang="${l.code}" dir="${l.dir}">${l.name}</a></li>`,
  )}</ul></nav></header>
<main id="main">${content}</main>
<footer><p>${t(lang, 'common.contact')} <a href="mailto:${config().mail.contact}" dir="ltr">${config().mail.contact}</a></p></footer>
</body></html>`.value;
}
