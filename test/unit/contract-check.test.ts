// The contract checker itself (test/support/contract.ts): it must fail a reply the
// document does not describe, and a request the document and the server judge apart.

import { describe, expect, it } from 'vitest';
import { contractProblem, type Exchange } from '../support/contract.ts';

const json = { 'content-type': 'application/json; charset=utf-8' };
const exchange = (over: Partial<Exchange>): Exchange => ({
  method: 'GET',
  url: '/health',
  status: 200,
  responseHeaders: json,
  responseBody: JSON.stringify({ status: 'ok', dependencies: { dynamodb: 'ok', ses: 'ok' } }),
  ...over,
});
const invalid = (fields: string[]) =>
  JSON.stringify({
    error: {
      code: 'invalid_request',
      message: 'x',
      fields: fields.map((field) => ({ field, message: 'x' })),
    },
  });

describe('the contract checker', () => {
  it('passes a documented reply', () => {
    expect(contractProblem(exchange({}))).toBeUndefined();
  });

  it('fails an undocumented status, media type or body', () => {
    expect(contractProblem(exchange({ status: 418 }))).toMatch(/status not documented/);
    expect(contractProblem(exchange({ responseHeaders: { 'content-type': 'text/plain' } }))).toMatch(
      /media type text\/plain not documented/,
    );
    expect(contractProblem(exchange({ responseBody: '{"status":"fine"}' }))).toMatch(/does not match/);
  });

  it('fails a redirect without its Location', () => {
    const redirect = { url: '/', status: 302, responseHeaders: {}, responseBody: '' };
    expect(contractProblem(exchange(redirect))).toMatch(/Location/);
    expect(
      contractProblem(exchange({ ...redirect, responseHeaders: { location: '/apply' } })),
    ).toBeUndefined();
  });

  it('fails a request the document accepts but the server refuses, and the other way round', () => {
    const resend = { method: 'POST', url: '/applications/resend', requestType: 'application/json' };
    expect(
      contractProblem(
        exchange({
          ...resend,
          requestBody: '{"email":"a@example.org"}',
          status: 400,
          responseBody: invalid(['email']),
        }),
      ),
    ).toMatch(/document accepts the request/);
    expect(
      contractProblem(
        exchange({
          ...resend,
          requestBody: '{"email":"not an address"}',
          status: 202,
          responseBody: '{"status":"accepted"}',
        }),
      ),
    ).toMatch(/document refuses the request/);
  });

  it('accepts a 400 on a field the route judges beyond any schema', () => {
    const body = JSON.stringify({
      kind: 'individual',
      name: 'A',
      email: 'a@example.org',
      dateOfBirth: '2090-01-01',
      citizenship: 'PK',
      cnic: '3520212345671',
    });
    const post = {
      method: 'POST',
      url: '/applications',
      requestType: 'application/json',
      requestBody: body,
      status: 400,
    };
    expect(contractProblem(exchange({ ...post, responseBody: invalid(['dateOfBirth']) }))).toBeUndefined();
    expect(contractProblem(exchange({ ...post, responseBody: invalid(['name']) }))).toMatch(
      /document accepts/,
    );
  });

  it('leaves alone paths the document does not have', () => {
    expect(contractProblem(exchange({ url: '/_local/clock', status: 200 }))).toBeUndefined();
  });
});
