// The one page console sign-in serves itself: "you have signed out". Everything else
// the console shows is the console's own (functions/ of the console).

import { PAGE_STYLE } from '../html/layout.ts';
import { html, trusted } from '../html/template.ts';

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
<title>Signed out · Organiser console</title><style>${trusted(PAGE_STYLE)}</style></head>
<body><main id="main">
<h1>You have signed out</h1>
<p class="notice">Your session on this device has ended. Close the browser if others use it.</p>
${idpLogout ? html`<p><a href="${idpLogout}">Finish signing out of the sign-in service</a></p>` : ''}
<p><a href="/console/sign-in">Sign in again</a></p>
</main></body></html>`.value;
}
