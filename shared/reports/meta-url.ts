// Addresses and titles of meta-wiki pages, in both directions.
//
// A report's address must be a page on meta-wiki itself: https, the host
// meta.wikimedia.org exactly, no user info, no port, and a /wiki/<title> path.
// Lookalikes such as meta.wikimedia.org.example.com or https://meta.wikimedia.org@evil
// are refused; the WHATWG URL parser decides what the host really is.
//
// Its title must also be one MediaWiki can hold and the Action API reads as one page:
// `|` separates titles in an API parameter, `#` starts a section, `[ ] { } < >` are
// link, template and tag syntax, control characters and percent-escapes left after
// decoding are refused by MediaWiki itself. Such a title is refused before anything is
// sent to meta-wiki.
//
// Every link to a meta page we write (emails, pages, replies) comes from metaPageUrl.

import { config } from '../config.ts';

export const META_HOST = 'meta.wikimedia.org';
const META_WIKI = `https://${META_HOST}/wiki/`;

export type MetaUrlProblem =
  | 'not_a_url'
  | 'not_https'
  | 'wrong_host'
  | 'userinfo'
  | 'port'
  | 'not_wiki_page'
  | 'special_characters';

export type MetaUrlCheck =
  | { ok: true; title: string; href: string }
  | { ok: false; problem: MetaUrlProblem; characters?: string[] };

export function checkMetaUrl(raw: string): MetaUrlCheck {
  let url: URL;
  try {
    // Stryker disable next-line MethodExpression: the URL parser strips leading and trailing spaces itself; trim says so here
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  if (url.username || url.password) return { ok: false, problem: 'userinfo' };
  if (url.hostname !== META_HOST) return { ok: false, problem: 'wrong_host' };
  if (url.port !== '') return { ok: false, problem: 'port' };
  if (!url.pathname.startsWith('/wiki/') || url.pathname.length <= '/wiki/'.length)
    return { ok: false, problem: 'not_wiki_page' };
  let title: string;
  try {
    title = decodeURIComponent(url.pathname.slice('/wiki/'.length));
  } catch {
    return { ok: false, problem: 'not_wiki_page' };
  }
  // A literal # never reaches the path (the parser makes it the fragment), yet it still
  // means the address names a section, or a title cut short: refuse it like %23.
  const special = specialCharacters(raw.includes('#') ? `${title}#` : title);
  if (special.length) return { ok: false, problem: 'special_characters', characters: special };
  // The canonical address too, so every way of typing one page is stored as one URL.
  const canonical = normalizeTitle(title);
  return { ok: true, title: canonical, href: metaPageUrl(canonical) };
}

/**
 * The characters of a (decoded) title that meta-wiki would not take as part of one page
 * title, each once, in the order found. Control characters are written as U+XXXX, and
 * a percent-escape that survived decoding (a double-encoded %257C) as itself.
 */
export function specialCharacters(title: string): string[] {
  const found = new Set<string>();
  for (const ch of title) {
    const code = ch.codePointAt(0) ?? 0;
    if ('|#[]{}<>'.includes(ch)) found.add(ch);
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0))
      found.add(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  for (const leftover of title.matchAll(/%[0-9A-Fa-f]{2}/g)) found.add(leftover[0]);
  return [...found];
}

/** MediaWiki's canonical form: spaces not underscores, first letter upper case. */
export function normalizeTitle(title: string): string {
  const spaced = title.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The address of a meta-wiki page: spaces as underscores, and everything but letters,
 * digits, `/`, `:` and `-._~` percent-encoded, so the link survives being pasted into
 * plain-text email (no bare parentheses or quotes for a mail client to cut at).
 */
export function metaPageUrl(title: string): string {
  const path = encodeURIComponent(normalizeTitle(title).replace(/ /g, '_'))
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return META_WIKI + path;
}

/** The meta page that lists affiliate reports (META_REPORTS_PAGE), as a title. */
export const reportsPageTitle = (): string => normalizeTitle(config().metaReportsPage);

/** ... and as the address every email, page and reply links to. */
export const reportsPageUrl = (): string => metaPageUrl(reportsPageTitle());

/** An affiliate's meta page may be stored as a URL or as a title. */
export function titleOfPage(page: string | undefined): string | undefined {
  if (!page) return undefined;
  if (/^https?:\/\//i.test(page)) {
    const checked = checkMetaUrl(page.replace(/^http:/i, 'https:'));
    return checked.ok ? checked.title : undefined;
  }
  return normalizeTitle(page);
}
