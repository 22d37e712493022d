// A report's address must be a page on meta-wiki itself: https, the host
// meta.wikimedia.org exactly, no user info, no port, and a /wiki/<title> path.
// Lookalikes such as meta.wikimedia.org.example.com or https://meta.wikimedia.org@evil
// are refused; the WHATWG URL parser decides what the host really is.

export const META_HOST = 'meta.wikimedia.org';

export type MetaUrlProblem = 'not_a_url' | 'not_https' | 'wrong_host' | 'userinfo' | 'port' | 'not_wiki_page';

export function checkMetaUrl(
  raw: string,
): { ok: true; title: string } | { ok: false; problem: MetaUrlProblem } {
  let url: URL;
  try {
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
  return { ok: true, title: normalizeTitle(title) };
}

/** MediaWiki's canonical form: spaces not underscores, first letter upper case. */
export function normalizeTitle(title: string): string {
  const spaced = title.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An affiliate's meta page may be stored as a URL or as a title. */
export function titleOfPage(page: string | undefined): string | undefined {
  if (!page) return undefined;
  if (/^https?:\/\//i.test(page)) {
    const checked = checkMetaUrl(page.replace(/^http:/i, 'https:'));
    return checked.ok ? checked.title : undefined;
  }
  return normalizeTitle(page);
}
