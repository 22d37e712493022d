// The one page console sign-in serves itself: "you have signed out". Everything else
// the console shows is the console's own (functions/ of the console).

import { PAGE_STYLE } from '../html/layout.ts';
import { html, trusted } from '../html/template.ts';

export function signedOutPage(): string {
  return html`<!doctype html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Signed out · Organiser console</title><style>${trusted(PAGE_STYLE)}</style></head>
<body><main id="main">
<h1>You have signed out</h1>
<p class="notice">Your session on this device has ended. Close the browser if others use it.</p>
<p><a href="/console/sign-in">Sign in again</a></p>
</main></body></html>`.value;
}
