// The ops command `npm run admin -- GET /admin/affiliates`: locally it uses the admin
// token against the local stack; against AWS it signs with SigV4, checked here against
// an independent computation of the signature with a fixed clock and credentials.

import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, authHeaders, chooseAuth, main, regionOf } from '../../scripts/admin.ts';
import { ADMIN_TOKEN, startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('locally', () => {
  it('calls an admin route with the admin token', async () => {
    const res = await adminRequest({
      method: 'GET',
      path: '/admin/affiliates',
      baseUrl: stack.apiUrl,
      auth: { mode: 'token', token: ADMIN_TOKEN },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('is refused with a wrong token, and says so through its exit code', async () => {
    const port = new URL(stack.apiUrl).port;
    const silence = process.stdout.write;
    const errors = process.stderr.write;
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    try {
      expect(await main(['GET', '/admin/affiliates'], { PORT: port, ADMIN_TOKEN })).toBe(0);
      expect(await main(['GET', '/admin/affiliates'], { PORT: port, ADMIN_TOKEN: 'wrong' })).toBe(1);
      expect(await main(['GET'], {})).toBe(2);
    } finally {
      process.stdout.write = silence;
      process.stderr.write = errors;
    }
  });

  it('uses the local stack unless ADMIN_API_URL names the deployed API', () => {
    expect(chooseAuth({}).auth.mode).toBe('token');
    const deployed = chooseAuth({ ADMIN_API_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com' });
    expect(deployed.auth).toMatchObject({ mode: 'sigv4', region: 'eu-west-1' });
    expect(() => chooseAuth({ ADMIN_API_URL: 'http://abc123.example' })).toThrow(/https/);
    expect(regionOf('https://api.wikimedia.pk.example', { AWS_REGION: 'ap-south-1' })).toBe('ap-south-1');
  });
});

describe('against AWS', () => {
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    sessionToken: 'session-token-example',
  };
  const now = new Date('2026-07-15T06:00:00Z');

  /** SigV4 written out from the specification, to check the signer's result against. */
  function expectedSignature(method: string, url: URL, headers: Record<string, string>, body: string) {
    const signed = Object.keys(headers)
      .map((h) => h.toLowerCase())
      .filter((h) => h !== 'authorization')
      .sort();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const query = [...url.searchParams]
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .sort()
      .join('&');
    const canonical = [
      method,
      url.pathname,
      query,
      ...signed.map((h) => `${h}:${lower[h]!.trim()}`),
      '',
      signed.join(';'),
      createHash('sha256').update(body).digest('hex'),
    ].join('\n');
    const scope = `20260715/eu-west-1/execute-api/aws4_request`;
    const toSign = [
      'AWS4-HMAC-SHA256',
      '20260715T060000Z',
      scope,
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    let key: Buffer = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update('20260715').digest();
    for (const part of ['eu-west-1', 'execute-api', 'aws4_request'])
      key = createHmac('sha256', key).update(part).digest();
    return {
      signedHeaders: signed.join(';'),
      signature: createHmac('sha256', key).update(toSign).digest('hex'),
    };
  }

  it('signs a request for execute-api with the caller credentials, as SigV4 specifies', async () => {
    const url = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/admin/affiliates?status=expired');
    const body = '{"reason":"agreement renewed"}';
    const headers = await authHeaders(
      {
        method: 'POST',
        url,
        body,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      },
      { mode: 'sigv4', region: 'eu-west-1', credentials: async () => credentials, now: () => now },
    );
    expect(headers['x-amz-date']).toBe('20260715T060000Z');
    expect(headers['x-amz-security-token']).toBe('session-token-example');
    const expected = expectedSignature('POST', url, headers, body);
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260715/eu-west-1/execute-api/aws4_request, SignedHeaders=${expected.signedHeaders}, Signature=${expected.signature}`,
    );
    expect(expected.signedHeaders).toContain('host');
  });

  it('gives a different signature for a different body, so a tampered request fails', async () => {
    const url = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/admin/affiliates/x/pause');
    const sign = (body: string) =>
      authHeaders(
        { method: 'POST', url, body, headers: { 'content-type': 'application/json' } },
        { mode: 'sigv4', region: 'eu-west-1', credentials: async () => credentials, now: () => now },
      );
    expect((await sign('{"reason":"a"}')).authorization).not.toBe(
      (await sign('{"reason":"b"}')).authorization,
    );
  });
});
