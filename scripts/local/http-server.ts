// The local HTTP front: each request becomes an API Gateway HTTP API (payload 2.0)
// event, routed with the shared route table to the same middy handler Lambda runs.
// Admin routes go through the local copy of API Gateway's JWT authorizer
// (jwt-authorizer.ts), which refuses a request or fills requestContext.authorizer.jwt.
// /_local/* routes (the clock, the local identity provider) exist only here.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpEvent, HttpResult } from '../../shared/http/types.ts';
import { log } from '../../shared/log.ts';
import type { RouteDef } from '../../shared/routes/index.ts';
import { invoke } from './invoke.ts';
import { type Authorizer, type AuthorizerResult, gatewayUnauthorized } from './jwt-authorizer.ts';

/** API Gateway refuses bodies over 10 MB before any function runs; so do we. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

export type LocalRoute = (req: IncomingMessage, body: Buffer) => Promise<HttpResult>;

export interface LocalServerOptions {
  routes: RouteDef[];
  /** API Gateway's JWT authorizer, for admin routes: the Authorization header in, a verdict out. */
  authorize: (authorization: string | undefined) => AuthorizerResult;
  /** Extra routes served only locally, keyed "METHOD /path". */
  localRoutes?: Record<string, LocalRoute>;
  /** Time for requestContext.time; the local clock. */
  now: () => Date;
}

interface Compiled {
  route: RouteDef;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteDef): Compiled {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const errorJson = (statusCode: number, code: string, message: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: { code, message } }),
});

const TEXTUAL = /^(text\/|application\/(json|x-www-form-urlencoded|xml|[\w.+-]*\+json))/i;

export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  route: RouteDef,
  pathParameters: Record<string, string>,
  now: Date,
  authorizer?: Authorizer,
): HttpEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'cookie') continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const textual = body.length === 0 || TEXTUAL.test(contentType);
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie ? req.headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: !textual,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorizer ? { authorizer } : {}),
    },
  } as HttpEvent;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: HttpResult): void {
  const body = result.body
    ? result.isBase64Encoded
      ? Buffer.from(result.body, 'base64')
      : Buffer.from(result.body, 'utf8')
    : Buffer.alloc(0);
  const headers: Record<string, string | string[]> = {
    ...(result.headers ?? {}),
    'content-length': String(body.length),
  };
  // Payload 2.0 returns cookies apart from the headers; API Gateway sends one Set-Cookie each.
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = options.routes.map(compile);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://local');
    const body = await readBody(req);
    if (!body)
      return send(res, errorJson(413, 'payload_too_large', 'The request body is larger than 10 MB.'));

    const local = options.localRoutes?.[`${method} ${url.pathname}`];
    if (local) return send(res, await local(req, body));

    let pathMatched = false;
    // API Gateway HTTP APIs route /console/ as /console (a route key cannot end in "/").
    const routed = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    for (const { route, pattern, names } of compiled) {
      const m = pattern.exec(routed);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1]!);
        });
      } catch {
        return send(res, errorJson(400, 'invalid_request', 'The path is not valid percent-encoding.'));
      }
      let authorizer: Authorizer | undefined;
      if (route.access === 'admin') {
        const verdict = options.authorize(req.headers.authorization);
        if (!verdict.ok) return send(res, gatewayUnauthorized(verdict.problem));
        authorizer = verdict.authorizer;
      }
      const event = toEvent(req, body, route, params, options.now(), authorizer);
      const result = (await invoke(route.function, event)) as HttpResult;
      return send(res, method === 'HEAD' ? { ...result, body: '' } : result);
    }
    if (pathMatched) return send(res, errorJson(405, 'method_not_allowed', 'Method not allowed.'));
    send(res, errorJson(404, 'not_found', 'Not found.'));
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('local server failed to handle a request', { error });
      if (!res.headersSent) send(res, errorJson(500, 'internal_error', 'The local server failed.'));
      else res.destroy();
    });
  });
}
