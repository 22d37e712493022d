// Where the browser goes after signing in. Only a path of the console on this origin:
// anything else (another site, a scheme, "//host", a backslash that a browser reads as a
// slash, control characters, a path that climbs out of /console/) is refused, so the
// sign-in link can never be used to send someone elsewhere (an open redirect).

export const CONSOLE_HOME = '/console/';

/** The path to return to, or undefined when `next` is not a console path of this origin. */
export function safeNext(next: string | undefined): string | undefined {
  if (next === undefined || next === '') return CONSOLE_HOME;
  if (next.length > 2048) return undefined;
  // Only printable ASCII: no control characters, no spaces, no backslashes.
  if (!/^[\x21-\x7e]+$/.test(next) || next.includes('\\')) return undefined;
  if (!next.startsWith('/') || next.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(next, 'https://console.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'https://console.invalid') return undefined;
  // The resolved path must still be in the console (no "/console/../admin").
  if (!url.pathname.startsWith(CONSOLE_HOME)) return undefined;
  if (/%2e|%2f|%5c/i.test(url.pathname)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
