// A local stand-in for meta-wiki's Action API (node:http on 127.0.0.1). It answers
// action=query&prop=info|linkshere|links the way the real API does (fixtures in
// test/fixtures/mediawiki/): `linkshere` from each page's `linkedFrom`, and `links`
// from its `linksTo`, kept to the titles named in `pltitles` when it is given, and
// left out of the reply when none match (as formatversion=2 does), and with
// prop=revisions&rvprop=content&rvslots=main the page's wikitext (`text`, an English
// report unless a test gives another) as the latest revision's main slot. It can be told to be slow, to fail with 5xx, or to
// answer with an API error, so tests can show that nothing is lost when meta-wiki is.

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
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = url.searchParams;
    fake.requests.push(params);
    const reply = (status: number, body: string) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    };
    if (url.pathname !== '/w/api.php' || params.get('action') !== 'query') return reply(400, '{}');
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
