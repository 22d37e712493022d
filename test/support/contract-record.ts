// Recording for the contract test: the api() helper (test/support/stack.ts) hands every
// request and its reply here; test/support/contract-setup.ts takes them when the file
// ends and has them checked (test/support/contract.ts). Kept apart from the checker so
// a file that sends nothing never builds the document.

import type { Exchange } from './contract.ts';

const pending: Promise<Exchange>[] = [];

/** Called by the api() helper for every request it sends. */
export function record(
  method: string,
  url: string,
  init: { type?: string; body?: unknown },
  response: Response,
): void {
  const copy = response.clone();
  // fetch follows redirects: the reply is then the last request's (a GET of the new address).
  const final = response.redirected ? new URL(response.url) : undefined;
  pending.push(
    copy.text().then((text) => ({
      method: final ? 'GET' : method,
      url: final ? `${final.pathname}${final.search}` : url,
      requestType: init.type,
      requestBody: typeof init.body === 'string' ? init.body : undefined,
      status: copy.status,
      responseHeaders: headersOf(copy.headers),
      responseBody: text,
    })),
  );
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** The recorded exchanges so far (each once), emptied. */
export async function takeRecorded(): Promise<Exchange[]> {
  const all = await Promise.all(pending.splice(0));
  return all;
}
