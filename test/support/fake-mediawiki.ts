// A local stand-in for meta-wiki's Action API (node:http on 127.0.0.1). It answers
// action=query&prop=info|linkshere|links the way the real API does (fixtures in
// test/fixtures/mediawiki/): `linkshere` from each page's `linkedFrom`, and `links`
// from its `linksTo`, kept to the titles named in `pltitles` when it is given, and
// left out of the reply when none match (as formatversion=2 does), and with
// prop=revisions&rvprop=content&rvslots=main the page's wikitext (`text`, an English
// report unless a test gives another) as the latest revision's main slot. It can be told to be slow, to fail with 5xx, or to
// answer with an API error, so tests can show that nothing is lost when meta-wiki is.
//
// It also takes edits the way talk-page notices make them: a login token, action=login
// with a bot password (a session cookie), the CSRF token of that session, then
// action=edit&section=new (POST), which it records in `edits` and appends to the page's
// text (readable with prop=revisions). Edits without a logged-in session or with a
// wrong token are refused with the API's error codes. `writeMode` makes it lagged
// (maxlag with Retry-After), down (503), or lose the reply of an edit it saved.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { ENGLISH_REPORT } from '../fixtures/language-samples.ts';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/mediawiki', name), 'utf8');
const PAGE = fixture('query-page.json');
const MISSING = fixture('query-missing.json');
const MAXLAG = fixture('error-maxlag.json');

export type FakeMode = 'ok' | 'slow' | 'server_error' | 'api_error';
/** How the login and edit requests are answered. */
export type FakeWriteMode = 'ok' | 'maxlag' | 'down' | 'lose_reply';

export interface FakeEdit {
  title: string;
  sectionTitle: string;
  text: string;
  summary: string;
  user: string;
  revisionId: number;
  /** The parameters as sent (maxlag, bot, assert...). */
  params: Record<string, string>;
}

export interface FakePage {
  linkedFrom: string[];
  linksTo?: string[];
  /** The page's wikitext; an English report when not given. */
  text?: string;
}

export interface FakeMediaWiki {
  url: string;
  /** Pages that exist, by title: the titles of the pages that link to them, and that they link to. */
  pages: Map<string, FakePage>;
  mode: FakeMode;
  /** Query strings received, newest last. */
  requests: URLSearchParams[];
  /** Bot passwords that log in: user name (Name@app) -> password. */
  bots: Map<string, string>;
  /** Saved edits, oldest first. */
  edits: FakeEdit[];
  /** The wikitext of pages edited here, by title. */
  texts: Map<string, string>;
  writeMode: FakeWriteMode;
  stop(): Promise<void>;
}

const canonical = (t: string) => {
  const s = t.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export async function startFakeMediaWiki(options: { slowMs?: number } = {}): Promise<FakeMediaWiki> {
  const fake = {
    pages: new Map<string, FakePage>(),
    mode: 'ok' as FakeMode,
    requests: [] as URLSearchParams[],
    bots: new Map<string, string>(),
    edits: [] as FakeEdit[],
    texts: new Map<string, string>(),
    writeMode: 'ok' as FakeWriteMode,
  };
  const sessions = new Map<string, { loginToken: string; user?: string; csrf?: string }>();
  let nextRevision = 5000;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let params = url.searchParams;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    }
    fake.requests.push(params);
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body);
    };
    const action = params.get('action');
    if (
      url.pathname === '/w/api.php' &&
      (action === 'login' ||
        action === 'edit' ||
        params.has('meta') ||
        // Reading a Talk page back (talk-page notices); report pages are read below.
        (params.get('prop') === 'revisions' && /(^|\s)talk:/i.test(params.get('titles') ?? '')))
    )
      return write(params, req.headers.cookie ?? '', reply, () => res.destroy());
    if (url.pathname !== '/w/api.php' || action !== 'query') return reply(400, '{}');
    if (fake.mode === 'server_error') return reply(503, '<html>Wikimedia Error</html>');
    if (fake.mode === 'api_error') return reply(200, MAXLAG);
    const answer = () => {
      const asked = params.get('titles') ?? '';
      const title = canonical(asked);
      const page = fake.pages.get(title);
      const fill = (s: string) => s.replaceAll('$TITLE', title).replaceAll('$FROM', asked);
      if (!page) return reply(200, fill(MISSING));
      const body = JSON.parse(fill(PAGE));
      if (asked === title) delete body.query.normalized;
      const prop = (params.get('prop') ?? '').split('|');
      const pageReply = body.query.pages[0];
      if (prop.includes('linkshere'))
        pageReply.linkshere = page.linkedFrom.map((t, i) => ({ pageid: 1000 + i, ns: 0, title: t }));
      else delete pageReply.linkshere;
      if (prop.includes('links')) {
        const only = params.get('pltitles')?.split('|').map(canonical);
        const links = (page.linksTo ?? []).filter((t) => !only || only.includes(canonical(t)));
        if (links.length) pageReply.links = links.map((t) => ({ ns: 0, title: t }));
      }
      if (prop.includes('revisions') && params.get('rvprop')?.split('|').includes('content')) {
        const main = {
          contentmodel: 'wikitext',
          contentformat: 'text/x-wiki',
          content: page.text ?? ENGLISH_REPORT,
        };
        pageReply.revisions = [
          { revid: pageReply.lastrevid, parentid: pageReply.lastrevid - 1, slots: { main } },
        ];
      }
      reply(200, JSON.stringify(body));
    };
    if (fake.mode === 'slow') setTimeout(answer, options.slowMs ?? 1500).unref();
    else answer();
  });
  /** Logins, tokens, edits and reading an edited page back. */
  function write(
    params: URLSearchParams,
    cookie: string,
    reply: (status: number, body: string, headers?: Record<string, string>) => void,
    dropConnection: () => void,
  ) {
    if (fake.writeMode === 'down') return reply(503, '<html>Wikimedia Error</html>');
    if (fake.writeMode === 'maxlag') return reply(200, MAXLAG, { 'retry-after': '0' });
    const error = (code: string) => reply(200, JSON.stringify({ error: { code, info: code } }));
    const sid = /fakewiki_session=([\w-]+)/.exec(cookie)?.[1];
    const session = sid ? sessions.get(sid) : undefined;
    if (params.get('meta') === 'tokens' && params.get('type') === 'login') {
      const id = randomUUID();
      const loginToken = `${randomUUID()}+\\`;
      sessions.set(id, { loginToken });
      return reply(200, JSON.stringify({ query: { tokens: { logintoken: loginToken } } }), {
        'set-cookie': `fakewiki_session=${id}; path=/; HttpOnly`,
      });
    }
    if (params.get('action') === 'login') {
      const ok =
        session?.loginToken === params.get('lgtoken') &&
        fake.bots.get(params.get('lgname') ?? '') === params.get('lgpassword');
      if (ok) session!.user = params.get('lgname')!;
      return reply(
        200,
        JSON.stringify({
          login: ok
            ? { result: 'Success', lgusername: session!.user }
            : { result: 'Failed', reason: 'Incorrect username or password entered.' },
        }),
      );
    }
    if (params.get('meta') === 'tokens') {
      if (!session?.user) return reply(200, JSON.stringify({ query: { tokens: { csrftoken: '+\\' } } }));
      session.csrf ??= `${randomUUID()}+\\`;
      return reply(200, JSON.stringify({ query: { tokens: { csrftoken: session.csrf } } }));
    }
    if (params.get('prop') === 'revisions') {
      const title = canonical(params.get('titles') ?? '');
      const text = fake.texts.get(title);
      const last = [...fake.edits].reverse().find((e) => e.title === title);
      const page =
        text === undefined
          ? { title, missing: true }
          : { title, revisions: [{ revid: last?.revisionId, slots: { main: { content: text } } }] };
      return reply(200, JSON.stringify({ query: { pages: [page] } }));
    }
    // action=edit
    if (params.get('assert') === 'bot' && !session?.user) return error('assertbotfailed');
    if (!session?.csrf || params.get('token') !== session.csrf) return error('badtoken');
    if (params.get('section') !== 'new') return error('badparams');
    const title = canonical(params.get('title') ?? '');
    const edit: FakeEdit = {
      title,
      sectionTitle: params.get('sectiontitle') ?? '',
      text: params.get('text') ?? '',
      summary: params.get('summary') ?? '',
      user: session.user!,
      revisionId: nextRevision++,
      params: Object.fromEntries(params),
    };
    fake.edits.push(edit);
    fake.texts.set(title, `${fake.texts.get(title) ?? ''}\n\n== ${edit.sectionTitle} ==\n${edit.text}`);
    if (fake.writeMode === 'lose_reply') return dropConnection();
    return reply(200, JSON.stringify({ edit: { result: 'Success', title, newrevid: edit.revisionId } }));
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/w/api.php`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
