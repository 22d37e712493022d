// Building replies. Handlers never assemble status/headers/body by hand.

import { errorBody, type HttpError } from '../errors.ts';
import type { HttpEvent, HttpResult } from './types.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The pages' Content-Security-Policy. `formTargets`: other origins a form on the page
 * may post to (the report page's document forms post straight to S3).
 */
export function pageCsp(formTargets: string[] = []): string {
  const forms = ["'self'", ...formTargets].join(' ');
  return `default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; form-action ${forms}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`;
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageCsp(),
      'x-frame-options': 'DENY',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

export function redirect(location: string, statusCode = 302): HttpResult {
  return { statusCode, headers: { location, ...SECURITY_HEADERS }, body: '' };
}

export function header(event: Pick<HttpEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** True when the client is a browser that would rather see a page than JSON. */
export function prefersHtml(event: Pick<HttpEvent, 'headers'>): boolean {
  const type = header(event, 'content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return true;
  const accept = header(event, 'accept') ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function errorPage(error: HttpError): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(error.message)}</title></head><body><main><h1>${escapeHtml(error.message)}</h1><p>Error code: <code>${escapeHtml(error.code)}</code></p></main></body></html>`;
}

/** Retry-After for a refusal that says when to come back (503, 429); else nothing. */
export function retryAfterHeader(error: HttpError): Record<string, string> {
  if (error.statusCode === 503) return { 'retry-after': '5' };
  const seconds = error.details.retryAfterSeconds;
  if (error.statusCode === 429 && typeof seconds === 'number') return { 'retry-after': String(seconds) };
  return {};
}

export function errorResponse(error: HttpError, asHtml: boolean): HttpResult {
  const headers = retryAfterHeader(error);
  return asHtml
    ? html(error.statusCode, errorPage(error), headers)
    : json(error.statusCode, errorBody(error), headers);
}
