// A small typed client for the MediaWiki Action API (api.php), on fetch. We need one
// read-only query, so a bot framework (mwn brings axios, tough-cookie, form-data, chalk)
// would add far more to the bundle than it saves; see docs/reports.md.
//
// The query: titles=<report>&prop=info|linkshere|links&pltitles=<group page>&redirects,
// formatversion 2. In one request it tells whether the page exists, which pages link to
// it (the meta Reports page, the affiliate's own page), and whether it links to the
// affiliate's page (pltitles keeps `links` to that one title, so a long report costs
// nothing extra). With `withText`, the same request also returns the page's wikitext
// (prop=revisions, rvprop=content, rvslots=main: the latest revision), so the report is
// read from meta-wiki rather than asked for twice.

import { config } from '../config.ts';
import { normalizeTitle, specialCharacters } from './meta-url.ts';

/** Identifies us to Wikimedia, as its User-Agent policy asks. */
const USER_AGENT = 'AffiliateCompliance/0.1 (Wikimedia Community User Group Pakistan; organizers)';

export interface PageLinks {
  exists: boolean;
  /** The title after normalisation and redirects. */
  title: string;
  /** Titles of pages that link here (main, Project and user-space namespaces alike). */
  linkedFrom: string[];
  /** Of the titles asked about in `linksTo`, those this page links to. */
  linksTo: string[];
  /** The wikitext of the page's latest revision, when asked for `withText` and the page exists. */
  text?: string;
}

/** meta-wiki did not answer usefully: slow, down, or an API error. Try again later. */
export class MetaUnavailableError extends Error {
  override name = 'MetaUnavailableError';
}

interface ApiPage {
  title: string;
  missing?: boolean;
  invalid?: boolean;
  linkshere?: { title: string }[];
  links?: { title: string }[];
  revisions?: { slots?: { main?: { content?: string } } }[];
}
interface ApiReply {
  error?: { code: string; info?: string };
  continue?: Record<string, string>;
  query?: { pages?: ApiPage[]; redirects?: { from: string; to: string }[] };
}

export async function pageLinks(
  title: string,
  options: { baseUrl?: string; timeoutMs?: number; linksTo?: string; withText?: boolean } = {},
): Promise<PageLinks> {
  const base = options.baseUrl ?? config().metaApiUrl;
  const linkedFrom: string[] = [];
  const linksTo: string[] = [];
  // Submissions are checked before they are stored, but a report stored before that
  // check existed must not reach the API either: `titles=A|B` asks about two pages.
  if (specialCharacters(title).length) return { exists: false, title, linkedFrom, linksTo };
  const groupPage =
    options.linksTo && !specialCharacters(options.linksTo).length ? options.linksTo : undefined;
  // Without pltitles, prop=links would list every link on the page: ask only when needed.
  const props = [
    'info',
    'linkshere',
    ...(groupPage ? ['links'] : []),
    ...(options.withText ? ['revisions'] : []),
  ];
  const links: Record<string, string> = {
    prop: props.join('|'),
    ...(groupPage ? { pltitles: groupPage, pllimit: '500' } : {}),
    ...(options.withText ? { rvprop: 'content', rvslots: 'main' } : {}),
  };
  let page: ApiPage | undefined;
  let text: string | undefined;
  let cont: Record<string, string> = {};
  // Follow continuation, but never forever: 10 pages of 500 links is plenty.
  for (let round = 0; round < 10; round++) {
    const params = new URLSearchParams({
      action: 'query',
      format: 'json',
      formatversion: '2',
      ...links,
      lhprop: 'title',
      lhlimit: '500',
      redirects: '1',
      titles: title,
      maxlag: '5',
      ...cont,
    });
    const reply = await get(`${base}?${params}`, options.timeoutMs ?? config().metaTimeoutMs);
    if (reply.error) throw new MetaUnavailableError(`meta-wiki API error ${reply.error.code}`);
    const p = reply.query?.pages?.[0];
    if (!p) throw new MetaUnavailableError('meta-wiki API reply has no page');
    page ??= p;
    // Continuation repeats the page for its lists; the text comes with the first reply.
    text ??= p.revisions?.[0]?.slots?.main?.content;
    for (const l of p.linkshere ?? []) linkedFrom.push(normalizeTitle(l.title));
    for (const l of p.links ?? []) linksTo.push(normalizeTitle(l.title));
    if (!reply.continue) break;
    cont = reply.continue;
  }
  const exists = !!page && !page.missing && !page.invalid;
  // A page that exists always has a latest revision: without its text we know too little.
  if (exists && options.withText && text === undefined)
    throw new MetaUnavailableError('meta-wiki API reply has no page text');
  return {
    exists,
    title: normalizeTitle(page?.title ?? title),
    linkedFrom,
    linksTo,
    ...(exists && text !== undefined ? { text } : {}),
  };
}

async function get(url: string, timeoutMs: number): Promise<ApiReply> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { 'user-agent': USER_AGENT, 'api-user-agent': USER_AGENT, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new MetaUnavailableError(`meta-wiki did not answer: ${(error as Error).name}`, { cause: error });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new MetaUnavailableError(`meta-wiki answered ${res.status}`);
  }
  try {
    return (await res.json()) as ApiReply;
  } catch (error) {
    throw new MetaUnavailableError('meta-wiki answered something that is not JSON', { cause: error });
  }
}
