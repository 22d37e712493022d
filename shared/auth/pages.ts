// The one page console sign-in serves itself: "you have signed out". Everything else
// the console shows is the console's own (functions/ of the console).

import { html, trusted } from '../html/template.ts';

// A few rules of the public pages' look, written here rather than imported from
// shared/html/layout.ts, which would bring every message catalogue into this bundle.
const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.6;margin:0;color:#1b1b1b;background:#fafafa}main{max-width:42rem;margin:0 auto;padding:1rem}a{color:#0645ad}a:focus{outline:3px solid #fc0;outline-offset:2px}.notice{border-inline-start:5px solid #006644;padding:.5rem 1rem;background:#fff}';

/**
 * "You have signed out". With `idpLogout`, the page also sends the browser on to the
 * sign-in service's logout at once (a refresh of 0 seconds is a redirect, not a timed
 * change), with a link for a browser that does not follow it.
 */
export function signedOutPage(idpLogout?: string): string {
  return html`<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${idpLogout ? html`<meta http-equiv="refresh" content="0;url=${idpLogout}">` : ''}
<title>Signed out · Organiser console</title><style>${trusted(STYLE)}</style></head>
<body><main id="main">
<h1>You have signed out</h1>
<p class="notice">Your session on this device has ended. Close the browser if others use it.</p>
${idpLogout ? html`<p><a href="${idpLogout}">Finish signing out of the sign-in service</a></p>` : ''}
<p><a href="/console/sign-in">Sign in again</a></p>
</main></body></html>`.value;
}
