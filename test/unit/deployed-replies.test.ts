// What a deployed function does differently from the local stack: HSTS on every reply,
// the OpenAPI server from configuration whatever Host the client sent, and no start at
// all without its secret. The handlers run with the environment the CDK stack sets (no
// AWS call is made).

import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, reloadConfig } from '../../shared/config.ts';
import type { HttpEvent, HttpResult } from '../../shared/http/types.ts';
import { awsEnvironment } from '../support/aws-env.ts';

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, awsEnvironment());
  reloadConfig();
});
afterAll(() => {
  for (const key of Object.keys(awsEnvironment())) delete process.env[key];
  Object.assign(process.env, saved);
  reloadConfig();
});

const context = {
  functionName: 'x',
  awsRequestId: 'lambda-1',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;

function get(path: string, host: string, accept = 'application/json'): HttpEvent {
  return {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host, accept },
    requestContext: {
      domainName: host,
      requestId: 'api-1',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 't' },
      routeKey: `GET ${path}`,
    },
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

describe('replies of a deployed function', () => {
  it('serve the configured server URL in /openapi.json, never the caller’s Host, with HSTS', async () => {
    const { handler } = await import('../../functions/openapi.ts');
    for (const host of ['evil.example', 'other.example']) {
      const reply = (await handler(get('/openapi.json', host), context)) as HttpResult;
      expect(reply.statusCode).toBe(200);
      expect(JSON.parse(reply.body ?? '{}').servers).toMatchObject([{ url: 'https://api.example.org' }]);
      expect(reply.headers?.['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    }
  });

  it('carry HSTS on HTML pages too', async () => {
    const { handler } = await import('../../functions/apply-page.ts');
    const reply = (await handler(get('/apply', 'api.example.org', 'text/html'), context)) as HttpResult;
    expect(reply.headers?.['content-type']).toMatch(/^text\/html/);
    expect(reply.headers?.['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
  });

  it('are never given by a function whose secret is missing: it stops at cold start, naming it', async () => {
    delete process.env.CNIC_HMAC_SECRET_ARN;
    try {
      expect(() => reloadConfig()).toThrow(ConfigError);
      await expect(import('../../functions/submit-application.ts')).rejects.toThrow(/CNIC_HMAC_SECRET_ARN/);
    } finally {
      Object.assign(process.env, awsEnvironment());
      reloadConfig();
    }
  });
});
