// Signing in to the console through the local identity provider with fetch, following
// each redirect by hand the way a browser would, with a small cookie jar. Tests of
// sign-in read every step; other tests just want a signed-in organiser's token.

export interface Step {
  status: number;
  location: string | null;
  setCookies: string[];
}

/** Cookies by name, with the path each was set for (a browser sends a cookie only under its path). */
export class CookieJar {
  readonly cookies = new Map<string, { value: string; path: string }>();

  take(res: Response): string[] {
    const set = res.headers.getSetCookie();
    for (const line of set) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const gone = attributes.some((a) => /^max-age=0$/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
    return set;
  }

  headerFor(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.headerFor(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.take(res);
    return res;
  }
}

export interface SignedIn {
  jar: CookieJar;
  /** Where the browser landed after the callback (the `next` path). */
  landedAt: string;
  token: string;
  email: string;
  organizer: boolean;
  expiresAt: string;
}

const absolute = (apiUrl: string, location: string) => new URL(location, `${apiUrl}/`).toString();

/** The whole round trip: /console/sign-in, the local sign-in page, the callback, a token. */
export async function signIn(
  apiUrl: string,
  person: { email: string; organizer?: boolean; next?: string },
): Promise<SignedIn> {
  const jar = new CookieJar();
  const next = person.next ?? '/console/';
  const start = await jar.fetch(`${apiUrl}/console/sign-in?next=${encodeURIComponent(next)}`);
  if (start.status !== 302) throw new Error(`sign-in start: ${start.status} ${await start.text()}`);
  const authorize = new URL(start.headers.get('location')!);
  const page = await jar.fetch(authorize.toString());
  if (page.status !== 200) throw new Error(`sign-in page: ${page.status}`);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('email', person.email);
  if (person.organizer !== false) form.set('organizer', 'yes');
  const signedIn = await jar.fetch(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (signedIn.status !== 302) throw new Error(`sign-in page post: ${signedIn.status}`);
  const callback = await jar.fetch(absolute(apiUrl, signedIn.headers.get('location')!));
  if (callback.status !== 303) throw new Error(`callback: ${callback.status} ${await callback.text()}`);
  const token = await jar.fetch(`${apiUrl}/console/auth/token`, { method: 'POST' });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${await token.text()}`);
  const body = (await token.json()) as {
    token: string;
    email: string;
    organizer: boolean;
    expiresAt: string;
  };
  return { jar, landedAt: callback.headers.get('location')!, ...body };
}
