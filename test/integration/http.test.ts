// The local HTTP front turns requests into API Gateway 2.0 events for the real
// handlers, and answers for the platform routes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client/index.ts';
import { routes } from '../../shared/routes/index.ts';
import { ADMIN_TOKEN, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('local HTTP front', () => {
  it('GET /health is green when DynamoDB and SES answer', async () => {
    const res = await stack.api('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', dependencies: { dynamodb: 'ok', ses: 'ok' } });
  });

  it('GET /health says which dependency is down, with 503', async () => {
    await stack.stopSes();
    try {
      const res = await stack.api('/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'degraded',
        dependencies: { dynamodb: 'ok', ses: 'unavailable' },
      });
    } finally {
      await stack.startSes();
    }
  });

  it('GET /openapi.json describes every route of the route table', async () => {
    const res = await stack.api('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routes) expect(doc.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
  });

  it('the typed client sends documented requests and reads each reply as its status says', async () => {
    // Through api(), so the contract test sees these requests too.
    const fetchThroughStack: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      return stack.api(`${url.pathname}${url.search}`, init);
    };
    const organizer = createClient({
      baseUrl: stack.apiUrl,
      token: () => ADMIN_TOKEN,
      fetch: fetchThroughStack,
    });
    const missing = await organizer.call('get', '/admin/affiliates/{id}', { path: { id: 'nobody-here' } });
    expect(missing.status).toBe(404);
    if (missing.status === 404) expect(missing.body.error.code).toBe('not_found');
    const list = await organizer.call('get', '/admin/affiliates', { query: { status: 'active,expired' } });
    expect(list.status).toBe(200);
    if (list.status === 200) expect(list.body.affiliates).toEqual([]);
    const anonymous = createClient({ baseUrl: stack.apiUrl, fetch: fetchThroughStack });
    const refused = await anonymous.call('get', '/admin/affiliates');
    expect(refused.status).toBe(401);
    if (refused.status === 403 || refused.status === 401) expect(refused.ok).toBe(false);
    const health = await anonymous.call('get', '/health');
    if (health.status === 200) expect(health.body.dependencies.dynamodb).toBe('ok');
    else expect.fail(`health: ${health.status}`);
  });

  it('takes the OpenAPI server from configuration, not from whoever asked first', async () => {
    const res = await stack.api('/openapi.json', { headers: { 'x-forwarded-host': 'evil.example' } });
    const raw = await fetch(`${stack.apiUrl}/openapi.json`, { headers: { host: 'evil.example' } });
    for (const reply of [res, raw]) {
      const doc = (await reply.json()) as { servers: { url: string }[] };
      expect(doc.servers.map((s) => s.url)).toEqual([stack.apiUrl]);
    }
  });

  it('pages forbid base and object elements; local http replies carry no HSTS', async () => {
    const page = await stack.api('/apply');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect((await stack.api('/health')).headers.get('strict-transport-security')).toBeNull();
  });

  it('answers unknown paths with 404 and wrong methods with 405, in the error shape', async () => {
    const missing = await stack.api('/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    const wrong = await stack.api('/health', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
  });

  it('refuses to move the clock backwards or to a non-instant', async () => {
    const { now } = await stack.advanceTo(new Date(Date.now() + 60_000));
    const back = await stack.api('/_local/clock', { json: { to: '2020-01-01T00:00:00Z' } });
    expect(back.status).toBe(409);
    const junk = await stack.api('/_local/clock', { json: { to: 'next tuesday' } });
    expect(junk.status).toBe(400);
    const read = (await (await stack.api('/_local/clock')).json()) as { now: string };
    expect(new Date(read.now).getTime()).toBeGreaterThanOrEqual(new Date(now).getTime());
  });
});
