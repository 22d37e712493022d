// The console's screens as the server sees them: one HTML shell per screen, with the
// title, the navigation and the script; the script (console/, built by
// scripts/build-console.ts) fills <div id="app"> from the admin routes. A shell carries
// no data, so it is safe to serve before sign-in. No inline script: the CSP of every page
// (`default-src 'self'`) holds, and the script is an external file from our origin.

import { html, trusted } from '../html/template.ts';
// Only the English strings every page shares: the whole catalogue (every language) would
// more than double the console function's bundle for one name.
import common from '../i18n/en/common.ts';

export type ConsoleScreen =
  | 'applications'
  | 'application'
  | 'members'
  | 'affiliates'
  | 'affiliate'
  | 'affiliate-form'
  | 'reports';

export interface ConsolePage {
  /** API Gateway path syntax; literal paths come before {id} paths at the same depth. */
  path: string;
  screen: ConsoleScreen;
  title: string;
  summary: string;
  section: 'applications' | 'members' | 'affiliates';
}

export const CONSOLE_PAGES: ConsolePage[] = [
  {
    path: '/console',
    screen: 'applications',
    title: 'Applications',
    summary: 'the applications queue',
    section: 'applications',
  },
  {
    path: '/console/applications',
    screen: 'applications',
    title: 'Applications',
    summary: 'the applications queue by status',
    section: 'applications',
  },
  {
    path: '/console/applications/{id}',
    screen: 'application',
    title: 'Application',
    summary: 'one application, to approve or reject',
    section: 'applications',
  },
  {
    path: '/console/members',
    screen: 'members',
    title: 'Members',
    summary: 'the members, with a CSV export',
    section: 'members',
  },
  {
    path: '/console/affiliates',
    screen: 'affiliates',
    title: 'Affiliates',
    summary: 'the board of every affiliate',
    section: 'affiliates',
  },
  {
    path: '/console/affiliates/new',
    screen: 'affiliate-form',
    title: 'Register an affiliate',
    summary: 'register an affiliate after reading its planned notices',
    section: 'affiliates',
  },
  {
    path: '/console/affiliates/{id}',
    screen: 'affiliate',
    title: 'Affiliate',
    summary: 'one affiliate: its cycle, its events, pause and resume',
    section: 'affiliates',
  },
  {
    path: '/console/affiliates/{id}/edit',
    screen: 'affiliate-form',
    title: 'Edit affiliate',
    summary: 'edit an affiliate after reading its planned notices',
    section: 'affiliates',
  },
  {
    path: '/console/affiliates/{id}/reports',
    screen: 'reports',
    title: 'Reports',
    summary: "an affiliate's reports, the reinstatement checklist and the removal date",
    section: 'affiliates',
  },
];

const NAV: { section: ConsolePage['section']; href: string; label: string }[] = [
  { section: 'applications', href: '/console/applications', label: 'Applications' },
  { section: 'members', href: '/console/members', label: 'Members' },
  { section: 'affiliates', href: '/console/affiliates', label: 'Affiliates' },
];

/**
 * The console's stylesheet. Focus is always visible (a thick yellow outline with a dark
 * ring, 3:1 against any background here; a date field holds the focus inside itself, so
 * it is outlined on :focus-within); colours meet 4.5:1; nothing is wider than a
 * 360 px screen except a data table, which scrolls inside its own focusable region.
 */
export const CONSOLE_STYLE = `*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#f6f6f6}
header,main{max-width:72rem;margin:0 auto;padding:.75rem 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;border-bottom:1px solid #ccc}
.site{font-weight:600;margin:0}
.site span{font-weight:normal;color:#444}
nav ul{list-style:none;padding:0;margin:0;display:flex;gap:1rem;flex-wrap:wrap}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.who{margin-inline-start:auto;display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.who form{margin:0}
a{color:#0645ad}
a,dd,li,p,td,code{overflow-wrap:anywhere}
:focus-visible,input:focus,input:focus-within,select:focus,textarea:focus{outline:3px solid #fc0;outline-offset:2px;box-shadow:0 0 0 5px #1b1b1b}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
button,.button{font:inherit;padding:.45rem 1rem;background:#006644;color:#fff;border:2px solid #006644;border-radius:3px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#006644}
button.danger{background:#a4001d;border-color:#a4001d}
button[disabled]{background:#6b6b6b;border-color:#6b6b6b;cursor:not-allowed}
label{display:block;font-weight:600;margin-top:.75rem}
.hint{color:#4a4a4a;margin:.1rem 0;font-size:.95rem;font-weight:normal}
input,select,textarea{font:inherit;padding:.4rem;width:100%;max-width:32rem;border:1px solid #6b6b6b;border-radius:2px;background:#fff}
textarea{min-height:5rem}
fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem 1rem;background:#fff}
legend{font-weight:600}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0;align-items:flex-end}
.card{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.75rem 1rem;margin:1rem 0}
.error{border-inline-start:5px solid #a4001d;background:#fff;padding:.5rem 1rem;color:#7a0015}
.ok{border-inline-start:5px solid #006644;background:#fff;padding:.5rem 1rem}
.tabs{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.tabs a{display:block;padding:.35rem .75rem;border:1px solid #6b6b6b;border-radius:3px;background:#fff;text-decoration:none}
.tabs a[aria-current=page]{background:#0645ad;color:#fff;border-color:#0645ad}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:start;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.25rem 1rem;background:#fff;padding:.75rem 1rem;border:1px solid #ddd}
dt{font-weight:600}dd{margin:0}
@media (max-width:40rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e8e8e8;color:#1b1b1b;font-size:.9rem}
.cycle{list-style:none;padding:0;margin:1rem 0;display:grid;grid-template-columns:repeat(auto-fit,minmax(7.5rem,1fr));gap:.5rem;counter-reset:step}
.cycle li{position:relative;background:#fff;border:2px solid #bbb;border-radius:4px;padding:.5rem;padding-top:1.6rem}
.cycle li::before{content:"";position:absolute;top:.5rem;left:.5rem;width:.8rem;height:.8rem;border-radius:50%;border:2px solid #6b6b6b;background:#fff}
.cycle li.done{border-color:#006644;background:#eef7f2}
.cycle li.done::before{background:#006644;border-color:#006644}
.cycle li.next{border-color:#0645ad;border-width:4px;background:#eef2fb}
.cycle li.next::before{background:#0645ad;border-color:#0645ad}
.cycle .day{display:block;font-variant-numeric:tabular-nums}
.cycle .state{display:block;font-size:.85rem;color:#333}
.notice-preview{border:1px solid #ccc;background:#fff;padding:.5rem 1rem;margin:.5rem 0}
.notice-preview pre{white-space:pre-wrap;font:inherit;margin:.5rem 0 0}
`;

/** The shell of one screen. `id` is the path parameter, if the screen has one. */
export function consoleShell(page: ConsolePage, id: string | undefined, scriptPath: string): string {
  const site = common['common.siteName'];
  return html`<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.title} · Console · ${site}</title>
<style>${trusted(CONSOLE_STYLE)}</style>
<script type="module" src="${scriptPath}"></script></head>
<body data-screen="${page.screen}" data-id="${id ?? ''}">
<a class="skip" href="#main">Skip to the content</a>
<header><p class="site">${site} <span>· Organizers' console</span></p>
<nav aria-label="Console"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${n.href}"${trusted(n.section === page.section ? ' aria-current="page"' : '')}>${n.label}</a></li>`,
  )}</ul></nav>
<div class="who"><span id="signed-in"></span>
<form method="post" action="/console/sign-out"><button type="submit" class="secondary">Sign out</button></form></div>
</header>
<main id="main" tabindex="-1"><h1 id="title">${page.title}</h1>
<div id="app" aria-busy="true"><p>Loading…</p></div>
<noscript><p class="error">The console needs JavaScript.</p></noscript></main>
<div id="status" role="status" aria-live="polite" class="sr-only"></div>
</body></html>`.value;
}
