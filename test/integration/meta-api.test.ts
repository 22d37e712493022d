// Our Action API client against the local fake of meta-wiki: existing, missing and
// linked pages, and every way meta-wiki can fail (slow, 5xx, API error).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetaUnavailableError, pageLinks } from '../../shared/reports/meta-api.ts';
import { type FakeMediaWiki, startFakeMediaWiki } from '../support/fake-mediawiki.ts';

let meta: FakeMediaWiki;
beforeAll(async () => {
  meta = await startFakeMediaWiki({ slowMs: 800 });
});
afterAll(() => meta.stop());

const ask = (title: string, linksTo?: string) =>
  pageLinks(title, { baseUrl: meta.url, timeoutMs: 300, linksTo });

describe('meta-wiki Action API client', () => {
  it('reports an existing page and the pages that link to it, asking in formatversion 2', async () => {
    meta.mode = 'ok';
    meta.pages.set('WMPK/Reports/2026', { linkedFrom: ['Wikimedia Affiliates Data Portal/Reports', 'WMPK'] });
    const links = await ask('WMPK/Reports/2026');
    expect(links).toEqual({
      exists: true,
      title: 'WMPK/Reports/2026',
      linkedFrom: ['Wikimedia Affiliates Data Portal/Reports', 'WMPK'],
      linksTo: [],
    });
    const sent = meta.requests.at(-1)!;
    expect(sent.get('formatversion')).toBe('2');
    expect(sent.get('prop')).toBe('info|linkshere');
    expect(sent.get('titles')).toBe('WMPK/Reports/2026');
  });

  it('learns in the same request whether the page links to the group page, and only that', async () => {
    meta.mode = 'ok';
    meta.pages.set('Annual report 2026', {
      linkedFrom: ['Wikimedia Affiliates Data Portal/Reports'],
      linksTo: ['Lahore', 'WMPK', 'Wikimedia Affiliates Data Portal'],
    });
    const before = meta.requests.length;
    expect(await ask('Annual report 2026', 'WMPK')).toMatchObject({ exists: true, linksTo: ['WMPK'] });
    expect(meta.requests.length - before).toBe(1);
    const sent = meta.requests.at(-1)!;
    expect(sent.get('prop')).toBe('info|linkshere|links');
    expect(sent.get('pltitles')).toBe('WMPK');
    // A page that does not link to the group page has no `links` in the reply.
    expect((await ask('Annual report 2026', 'Wikimedia Bangladesh')).linksTo).toEqual([]);
  });

  it('reads the text of the latest revision in the same request, when asked', async () => {
    meta.mode = 'ok';
    const wikitext = "== Activities ==\n* '''Workshops''' in [[Lahore]].";
    meta.pages.set('WMPK/Reports/2025', { linkedFrom: [], text: wikitext });
    const before = meta.requests.length;
    const page = await pageLinks('WMPK/Reports/2025', {
      baseUrl: meta.url,
      timeoutMs: 300,
      linksTo: 'WMPK',
      withText: true,
    });
    expect(page).toMatchObject({ exists: true, text: wikitext });
    expect(meta.requests.length - before).toBe(1);
    const sent = meta.requests.at(-1)!;
    expect(sent.get('prop')).toBe('info|linkshere|links|revisions');
    expect([sent.get('rvprop'), sent.get('rvslots')]).toEqual(['content', 'main']);
    // A missing page has no text, and that is no error.
    expect(
      await pageLinks('No such page', { baseUrl: meta.url, timeoutMs: 300, withText: true }),
    ).not.toHaveProperty('text');
  });

  it('reports a page that does not exist as missing', async () => {
    meta.mode = 'ok';
    expect((await ask('No such page')).exists).toBe(false);
  });

  it('never sends a title with | or # to meta-wiki, even one stored before titles were checked', async () => {
    meta.mode = 'ok';
    const before = meta.requests.length;
    expect(await ask('WMPK/Reports|Wikimedia Affiliates Data Portal/Reports')).toMatchObject({
      exists: false,
    });
    expect(await ask('WMPK/Reports#2026')).toMatchObject({ exists: false });
    expect(meta.requests.length).toBe(before);
  });

  it.each([['slow'], ['server_error'], ['api_error']] as const)(
    'turns meta-wiki being %s into MetaUnavailableError',
    async (mode) => {
      meta.mode = mode;
      await expect(ask('WMPK/Reports/2026')).rejects.toBeInstanceOf(MetaUnavailableError);
    },
  );
});
