// Posting a new section on a meta-wiki page through the MediaWiki Action API, as a bot:
//   1. action=query&meta=tokens&type=login  -> a login token (and a session cookie)
//   2. action=login with the bot password    -> a logged-in session
//   3. action=query&meta=tokens              -> the CSRF token of that session
//   4. action=edit&section=new&maxlag=5      -> the new revision's id
// On fetch with a small cookie jar, like shared/reports/meta-api.ts (why not mwn: there).
//
// Errors come in two kinds. TalkPageUnavailableError: meta-wiki is lagged (maxlag), down
// (5xx, network, timeout), read-only or rate-limiting us; the notice stays owed and is
// tried again later. Anything else the API refuses (bad bot password, protected or
// blocked, an invalid title) will not change by trying again: PermanentDeliveryError.

import { config } from '../config.ts';
import { currentDeadline, pastDeadline } from '../deadline.ts';
import { PermanentDeliveryError } from '../mail/outbox.ts';

const USER_AGENT = 'AffiliateCompliance/0.1 (Wikimedia Community User Group Pakistan; organizers)';

/** Codes meta-wiki uses for "not now": lag, read-only, rate limits, and a stale session. */
const TRANSIENT = new Set([
  'maxlag',
  'readonly',
  'ratelimited',
  'badtoken',
  'assertbotfailed',
  'assertuserfailed',
]);
/** How often one call waits for a lagged or briefly failing meta-wiki before leaving it to the next attempt. */
const MAX_TRIES = 3;
/** The longest we wait in one call when meta-wiki asks us to (Retry-After), in ms. */
const MAX_WAIT_MS = 5_000;

export class TalkPageUnavailableError extends Error {
  override name = 'TalkPageUnavailableError';
}

interface ApiError {
  code: string;
  info?: string;
}

export interface BotPassword {
  username: string;
  password: string;
}

export interface NewSection {
  title: string;
  sectionTitle: string;
  text: string;
  summary: string;
}

/** One logged-in conversation with the API (cookies kept between its requests). */
class Session {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly timeoutMs: number,
  ) {}

  async call(
    params: Record<string, string>,
    post = false,
  ): Promise<{ reply: Record<string, unknown>; retryAfterMs?: number }> {
    const query = new URLSearchParams({ format: 'json', formatversion: '2', ...params });
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      'api-user-agent': USER_AGENT,
      accept: 'application/json',
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let res: Response;
    try {
      res = await fetch(post ? this.base : `${this.base}?${query}`, {
        method: post ? 'POST' : 'GET',
        headers: post ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
        body: post ? query.toString() : undefined,
        // Never past the invocation's deadline: the emails and the state matter more.
        signal: AbortSignal.any([
          AbortSignal.timeout(this.timeoutMs),
          ...[currentDeadline()].filter((d) => !!d),
        ]),
      });
    } catch (error) {
      throw new TalkPageUnavailableError(`meta-wiki did not answer: ${(error as Error).name}`, {
        cause: error,
      });
    }
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    const retryAfterMs =
      Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter * 1000, MAX_WAIT_MS) : undefined;
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new TalkPageUnavailableError(`meta-wiki answered ${res.status}`);
    }
    let reply: Record<string, unknown>;
    try {
      reply = (await res.json()) as Record<string, unknown>;
    } catch (error) {
      throw new TalkPageUnavailableError('meta-wiki answered something that is not JSON', { cause: error });
    }
    const error = reply.error as ApiError | undefined;
    if (error) {
      if (TRANSIENT.has(error.code))
        throw Object.assign(new TalkPageUnavailableError(`meta-wiki API error ${error.code}`), {
          retryAfterMs,
        });
      throw new PermanentDeliveryError(`meta-wiki refused: ${error.code}`);
    }
    return { reply, retryAfterMs };
  }
}

const pick = (reply: Record<string, unknown>, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    reply,
  );

async function login(session: Session, bot: BotPassword): Promise<string> {
  const { reply: tokens } = await session.call({ action: 'query', meta: 'tokens', type: 'login' });
  const loginToken = pick(tokens, 'query', 'tokens', 'logintoken');
  if (typeof loginToken !== 'string') throw new TalkPageUnavailableError('no login token in the reply');
  const { reply: loggedIn } = await session.call(
    { action: 'login', lgname: bot.username, lgpassword: bot.password, lgtoken: loginToken },
    true,
  );
  if (pick(loggedIn, 'login', 'result') !== 'Success')
    throw new PermanentDeliveryError(`meta-wiki login failed: ${String(pick(loggedIn, 'login', 'result'))}`);
  const { reply: csrf } = await session.call({ action: 'query', meta: 'tokens' });
  const token = pick(csrf, 'query', 'tokens', 'csrftoken');
  if (typeof token !== 'string' || token === '+\\')
    throw new TalkPageUnavailableError('no CSRF token after login');
  return token;
}

/** The page's current wikitext and revision id (empty when the page does not exist). */
async function currentText(session: Session, title: string): Promise<{ text: string; revid?: number }> {
  const { reply } = await session.call({
    action: 'query',
    prop: 'revisions',
    rvprop: 'content|ids',
    rvslots: 'main',
    titles: title,
    maxlag: '5',
  });
  const page = (pick(reply, 'query', 'pages') as Record<string, unknown>[] | undefined)?.[0];
  const revision = (page?.revisions as Record<string, unknown>[] | undefined)?.[0];
  return {
    text: String(pick(revision ?? {}, 'slots', 'main', 'content') ?? ''),
    revid: typeof revision?.revid === 'number' ? revision.revid : undefined,
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Post `section` as a new section, unless `alreadyThere(text)` says the page holds it
 * (an earlier attempt that landed but whose reply was lost). Returns the revision id.
 */
export async function postNewSection(
  bot: BotPassword,
  section: NewSection,
  options: { alreadyThere?: (text: string) => boolean; baseUrl?: string; timeoutMs?: number } = {},
): Promise<{ revisionId: number; posted: boolean }> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const session = new Session(
      options.baseUrl ?? config().metaApiUrl,
      options.timeoutMs ?? config().metaTimeoutMs,
    );
    try {
      const token = await login(session, bot);
      if (options.alreadyThere) {
        const current = await currentText(session, section.title);
        if (current.revid !== undefined && options.alreadyThere(current.text))
          return { revisionId: current.revid, posted: false };
      }
      const { reply } = await session.call(
        {
          action: 'edit',
          title: section.title,
          section: 'new',
          sectiontitle: section.sectionTitle,
          text: section.text,
          summary: section.summary,
          bot: '1',
          assert: 'bot',
          maxlag: '5',
          token,
        },
        true,
      );
      const revisionId = pick(reply, 'edit', 'newrevid');
      if (pick(reply, 'edit', 'result') !== 'Success' || typeof revisionId !== 'number')
        throw new PermanentDeliveryError(
          `meta-wiki did not save the edit: ${JSON.stringify(pick(reply, 'edit')).slice(0, 200)}`,
        );
      return { revisionId, posted: true };
    } catch (error) {
      if (!(error instanceof TalkPageUnavailableError)) throw error;
      lastError = error;
      // Lagged or briefly down: wait as asked (bounded) and try once more in this call.
      if (attempt === MAX_TRIES || pastDeadline()) break;
      await pause((error as { retryAfterMs?: number }).retryAfterMs ?? 1000);
    }
  }
  throw lastError;
}
