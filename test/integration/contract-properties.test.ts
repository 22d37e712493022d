// Properties generated from the OpenAPI document, for every operation: requests drawn
// from its request schemas (query and body, test/support/arbitraries.ts), sent to the
// real handlers on the local stack, are never answered with a 5xx, and a request the
// document accepts is never refused as invalid (400), except on the fields the route
// lists as judged beyond any schema (RouteDef.beyondSchema). Every reply is also checked
// against the document like any other (test/support/contract.ts).

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryOf } from '../support/arbitraries.ts';
import { contractDocument, findOperation, onlyBeyondSchema, requestProblem } from '../support/contract.ts';
import { createAffiliate } from '../support/reports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Json;
}

const AFFILIATE = 'property-group';
const doc = contractDocument();
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await createAffiliate(stack, AFFILIATE);
});
afterAll(() => stack.stop());

/** A request for the operation: path ids (often a real affiliate), query, and a body. */
function requestFor(path: string, op: Json) {
  const parameters = (op.parameters ?? []) as Parameter[];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const query = parameters.filter((p) => p.in === 'query');
  const content = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content;
  const media = content && Object.keys(content).find((m) => m !== 'text/csv');
  return fc.record({
    ids: fc.record(
      Object.fromEntries(
        pathParams.map((p) => [
          p.name,
          p.name === 'id'
            ? fc.oneof(
                { weight: 3, arbitrary: fc.constant(AFFILIATE) },
                fc.string({ minLength: 1, maxLength: 12 }),
              )
            : fc.string({ minLength: 1, maxLength: 12 }),
        ]),
      ),
    ),
    query: fc.record(Object.fromEntries(query.map((p) => [p.name, arbitraryOf(p.schema)])), {
      requiredKeys: query.filter((p) => p.required).map((p) => p.name),
    }),
    media: fc.constant(media),
    body: media ? arbitraryOf(content![media]!.schema) : fc.constant(undefined),
    path: fc.constant(path),
  });
}

function encode(media: string | undefined, body: unknown): string | undefined {
  if (body === undefined || !media) return undefined;
  if (media === 'application/json') return JSON.stringify(body);
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body as Json)) {
    if (Array.isArray(v)) for (const item of v) form.append(k, String(item));
    else if (v !== undefined) form.append(k, v === null ? '' : String(v));
  }
  return form.toString();
}

describe('requests generated from the document', () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s: never a 5xx; never a 400 for a request the document accepts',
    async (_name, { path, method, op }) => {
      let valid = 0;
      await fc.assert(
        fc.asyncProperty(requestFor(path, op), async (request) => {
          const url = new URL(
            `http://local${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(request.ids[name])))}`,
          );
          for (const [name, value] of Object.entries(request.query))
            if (value !== undefined) url.searchParams.set(name, String(value));
          const body = encode(request.media, request.body);
          const res = await stack.api(`${url.pathname}${url.search}`, {
            method: method.toUpperCase(),
            admin: path.startsWith('/admin'),
            redirect: 'manual',
            headers: request.media ? { 'content-type': request.media, accept: 'application/json' } : {},
            body,
          });
          const text = await res.text();
          expect(res.status, `${method} ${url.pathname}${url.search} ${body ?? ''} -> ${text}`).toBeLessThan(
            500,
          );
          try {
            requestProblem(findOperation(method, url.pathname)!, url, request.media, body);
          } catch {
            return;
          }
          valid++;
          // A 400 with another code refuses the state the request meets (a sign-in that
          // was not started in this browser), not the request: only the validators' own
          // refusal contradicts the document.
          if (res.status !== 400 || !text.includes('"invalid_request"')) return;
          expect(
            onlyBeyondSchema({ path, method }, { responseBody: text }),
            `valid by the document, refused: ${method} ${url.pathname}${url.search} ${body ?? ''} -> ${text}`,
          ).toBe(true);
        }),
        { numRuns: 12, seed: 20261125 },
      );
      // Some requests were valid by the document, or the second half says nothing.
      expect(valid).toBeGreaterThan(0);
    },
    120_000,
  );
});
