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

const ask = (title: string) => pageLinks(title, { baseUrl: meta.url, timeoutMs: 300 });

describe('meta-wiki Action API client', () => {
  it('reports an existing page and the pages that link to it, asking in formatversion 2', async () => {
    meta.mode = 'ok';
    meta.pages.set('WMPK/Reports/2026', { linkedFrom: ['Wikimedia Affiliates Reports', 'WMPK'] });
    const links = await ask('WMPK/Reports/2026');
    expect(links).toEqual({
      exists: true,
      title: 'WMPK/Reports/2026',
      linkedFrom: ['Wikimedia Affiliates Reports', 'WMPK'],
    });
    const sent = meta.requests.at(-1)!;
    expect(sent.get('formatversion')).toBe('2');
    expect(sent.get('prop')).toBe('info|linkshere');
    expect(sent.get('titles')).toBe('WMPK/Reports/2026');
  });

  it('reports a page that does not exist as missing', async () => {
    meta.mode = 'ok';
    expect((await ask('No such page')).exists).toBe(false);
  });

  it.each([['slow'], ['server_error'], ['api_error']] as const)(
    'turns meta-wiki being %s into MetaUnavailableError',
    async (mode) => {
      meta.mode = mode;
      await expect(ask('WMPK/Reports/2026')).rejects.toBeInstanceOf(MetaUnavailableError);
    },
  );
});
