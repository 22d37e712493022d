// Junk from the internet, on every public route of the route table (new routes are
// covered as they are added): malformed and truncated JSON, wrong types, huge and empty
// strings, every Unicode plane and lone surrogates, __proto__/constructor keys,
// duplicated form fields, invalid UTF-8, wrong content types and charsets, junk path
// and query parameters. Every reply must be a 4xx in the documented error shape (JSON
// or an HTML page), or, for GET pages, a documented status; never a 5xx; and nothing
// may be stored or emailed.

import fc from 'fast-check';
import type { GenericSchema } from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from '../../bench/samples.ts';
import { type RouteDef, routes } from '../../shared/routes/index.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectErrorShape, storedState } from './support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const publicRoutes = routes.filter((r) => r.access === 'public');
const hasBody = (r: RouteDef) => r.method !== 'GET';
const RUNS_WITH_BODY = 70;
const RUNS_WITHOUT_BODY = 25;

// ---- the pieces of a hostile request --------------------------------------------------

/** Percent-encode raw bytes, so any byte sequence (invalid UTF-8 too) reaches the server. */
const percentBytes = (bytes: Uint8Array) =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const percentText = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return percentBytes(new TextEncoder().encode(s)); // lone surrogates become U+FFFD
  }
};

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 8,
});
const astral = fc.string({
  unit: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  maxLength: 12,
});
/** Strings a client might send: any plane, lone surrogates, controls, empty, huge. */
const junkString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  astral,
  loneSurrogates,
  fc.constantFrom('', ' ', '\u0000', '\u202e', '\ufeff', 'null', 'undefined', '<script>alert(1)</script>'),
  fc.constantFrom('x'.repeat(70_000), 'ی'.repeat(20_000), '😀'.repeat(5_000), 'a'.repeat(1_000)),
);
/** Values of the wrong type (or the right type with hostile content). */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), junkString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const prototypeKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString');

/** The field names a route's body schema declares (objects, pipes, unions, variants). */
function fieldsOf(schema: GenericSchema | undefined): string[] {
  if (!schema) return [];
  const s = schema as unknown as {
    entries?: Record<string, unknown>;
    pipe?: GenericSchema[];
    options?: GenericSchema[];
    wrapped?: GenericSchema;
  };
  if (s.entries) return Object.keys(s.entries);
  if (s.pipe?.[0] && s.pipe[0] !== schema) return fieldsOf(s.pipe[0]);
  if (s.options) return [...new Set(s.options.flatMap((o) => fieldsOf(o)))];
  if (s.wrapped) return fieldsOf(s.wrapped);
  return [];
}

const jsonText = (value: unknown) => JSON.stringify(value) ?? 'null';

/** A JSON object as text, so __proto__ and duplicate keys survive as written. */
const jsonObjectText = (fields: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...(fields.length ? fields : ['x'])), prototypeKeys, junkString),
        junkValue,
      ),
      { maxLength: Math.max(4, fields.length + 2) },
    )
    .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`);

const formText = (fields: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...(fields.length ? fields : ['x'])), prototypeKeys),
        fc.oneof(junkString.map(percentText), fc.uint8Array({ maxLength: 12 }).map(percentBytes)),
        fc.integer({ min: 1, max: 3 }),
      ),
      { maxLength: fields.length + 3 },
    )
    // Each field possibly sent twice or three times.
    .map((pairs) => pairs.flatMap(([k, v, times]) => Array(times).fill(`${percentText(k)}=${v}`)).join('&'));

interface Body {
  kind: string;
  bytes: Uint8Array;
  /** The content type that matches the body, when there is one. */
  matches?: string;
}

const MUTATED = 'valid body with one field changed';

/**
 * Valid bodies for routes where junk would otherwise stop at the first check: one field
 * is replaced (or a prototype key added), so the junk reaches the deeper code. Such a
 * request may be accepted; then it must be stored whole and emailed once.
 */
const validSamples: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'POST /applications': fc.integer({ min: 0, max: 9_999_999 }).map((n) => applicationBody('33000', n)),
};

function mutatedSample(route: RouteDef): fc.Arbitrary<Body> | undefined {
  const sample = validSamples[`${route.method} ${route.path}`];
  if (!sample) return undefined;
  return fc
    .tuple(sample, fc.nat(), fc.oneof(junkValue, junkString), prototypeKeys, fc.boolean(), fc.boolean())
    .map(([body, pick, value, protoKey, addProto, asForm]) => {
      const keys = Object.keys(body);
      const field = keys[pick % keys.length]!;
      const pairs = Object.entries(body).map(([k, v]) => [k, k === field ? value : v] as const);
      if (addProto) pairs.push([protoKey, { admin: true }]);
      const text = asForm
        ? pairs
            .map(([k, v]) => `${percentText(k)}=${percentText(typeof v === 'string' ? v : jsonText(v))}`)
            .join('&')
        : `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
      return {
        kind: `${MUTATED} (${asForm ? 'form' : 'json'}: ${field})`,
        bytes: new TextEncoder().encode(text),
        matches: asForm ? 'application/x-www-form-urlencoded' : 'application/json',
      };
    });
}

const utf8 = (kind: string) => (text: string) => ({ kind, bytes: new TextEncoder().encode(text) });

function bodyArb(route: RouteDef): fc.Arbitrary<Body> {
  const fields = [...new Set([...fieldsOf(route.body?.json), ...fieldsOf(route.body?.form)])];
  const object = jsonObjectText(fields);
  const mutated = mutatedSample(route);
  return fc.oneof(
    ...(mutated ? [{ weight: 6, arbitrary: mutated }] : []),
    { weight: 4, arbitrary: object.map(utf8('json object with wrong values')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(object, fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([text, cut]) => text.slice(0, Math.floor(text.length * cut)))
        .map(utf8('truncated json')),
    },
    { weight: 2, arbitrary: formText(fields).map(utf8('form with duplicated fields')) },
    {
      weight: 1,
      arbitrary: fc
        .jsonValue()
        .map((v) => jsonText(v))
        .map(utf8('json that is not an object')),
    },
    { weight: 1, arbitrary: junkString.map(utf8('random text')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'raw bytes', bytes })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '['.repeat(20_000),
          `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
          '',
          '{}',
          '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
          '\ufeff{}',
        )
        .map(utf8('edge case')),
    },
  );
}

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
  ),
  fc.constantFrom(
    undefined,
    '',
    'text/plain',
    'text/html',
    'multipart/form-data; boundary=xyz',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'APPLICATION/JSON',
    'application/merge-patch+json',
    'application/xml',
    'application/json; charset="utf-8"',
    ';;;',
  ),
);
const accept = fc.constantFrom(
  undefined,
  'application/json',
  'text/html',
  'text/html,application/xhtml+xml',
  '*/*',
);

function pathArb(route: RouteDef): fc.Arbitrary<string> {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[0]);
  const segment = fc.oneof(
    fc.constantFrom('x', '0', '00000000-0000-0000-0000-000000000000', '..', '%2F', 'AFF%23x'),
    junkString.filter((s) => s.length > 0 && s.length < 200).map(percentText),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map(percentBytes),
  );
  return fc.tuple(...params.map(() => segment)).map((values) => {
    let path = route.path;
    params.forEach((p, i) => {
      path = path.replace(p, values[i]!);
    });
    return path;
  });
}

/** URLs stay under 8 KB: API Gateway refuses longer request lines before any function runs. */
const shortJunk = junkString.filter((s) => s.length > 0 && s.length < 200 && percentText(s).length < 1000);

function queryArb(route: RouteDef): fc.Arbitrary<string> {
  const keys = Object.keys(route.query ?? {});
  const key = fc.oneof(
    fc.constantFrom(...(keys.length ? keys : ['q'])),
    prototypeKeys,
    shortJunk.map(percentText),
  );
  const value = fc.oneof(
    shortJunk.map(percentText),
    fc.constant(''),
    fc.uint8Array({ maxLength: 12 }).map(percentBytes),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 3 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}

// ---- sending it and judging the reply ---------------------------------------------------

interface Attempt {
  path: string;
  query: string;
  body?: Body;
  contentType?: string;
  accept?: string;
}

const describeAttempt = (route: RouteDef, a: Attempt) =>
  `${route.method} ${a.path}${a.query.slice(0, 200)} [${a.body?.kind ?? 'no body'}, content-type ${a.contentType}, accept ${a.accept}] ${
    a.body ? JSON.stringify(new TextDecoder().decode(a.body.bytes).slice(0, 300)) : ''
  }`;

async function send(route: RouteDef, a: Attempt) {
  const headers: Record<string, string> = {};
  if (a.contentType !== undefined) headers['content-type'] = a.contentType;
  if (a.accept !== undefined) headers.accept = a.accept;
  const res = await fetch(`${stack.apiUrl}${a.path}${a.query}`, {
    method: route.method,
    headers,
    // A redirect is the reply under test, not the page it points to.
    redirect: 'manual',
    body: a.body?.bytes.length ? new Blob([new Uint8Array(a.body.bytes)]) : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Returns true when the request was accepted (a documented 2xx for a mutated valid body). */
function judge(route: RouteDef, a: Attempt, reply: { status: number; type: string; text: string }): boolean {
  const context = `${reply.status} for ${describeAttempt(route, a)}\nreply: ${reply.text.slice(0, 300)}`;
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status >= 400) {
    expectErrorShape(reply.status, reply.type, reply.text, context);
    return false;
  }
  // A '..' segment is resolved by the client before sending (/assets/.. is /): the reply
  // then belongs to another route, and only the rules above apply to it.
  if (new URL(`http://x${a.path}`).pathname !== a.path) return false;
  expect(Object.keys(route.responses).map(Number), context).toContain(reply.status);
  // Junk never succeeds where it would change something; GET pages may answer with a
  // status they document (a form, a "link expired" page...); a valid body with an odd
  // but acceptable field may be accepted.
  if (!hasBody(route)) return false;
  expect(a.body?.kind.startsWith(MUTATED), context).toBe(true);
  return true;
}

describe('fuzzing every public route', () => {
  it('covers the routes the table declares', () => {
    expect(publicRoutes.length).toBeGreaterThan(0);
  });

  for (const route of publicRoutes) {
    it(`${route.method} ${route.path}: junk gets a documented 4xx, never a 5xx, and stores nothing`, async () => {
      const before = await storedState(stack);
      const attempt: fc.Arbitrary<Attempt> = fc
        .record({
          path: pathArb(route),
          query: queryArb(route),
          body: hasBody(route) ? bodyArb(route) : fc.constant(undefined),
          contentType: hasBody(route) ? contentType : fc.constant(undefined),
          accept,
          // Mostly send a mutated valid body with its own content type, so it gets past the first check.
          keepType: fc.nat(3),
        })
        .map(({ keepType, ...a }) =>
          a.body?.matches && keepType > 0 ? { ...a, contentType: a.body.matches } : a,
        );
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(attempt, async (a) => {
          if (judge(route, a, await send(route, a))) accepted++;
        }),
        {
          numRuns: hasBody(route) ? RUNS_WITH_BODY : RUNS_WITHOUT_BODY,
          // Keep the file bounded on a busy 2-core machine; a failure still shrinks.
          interruptAfterTimeLimit: 15_000,
        },
      );
      const after = await storedState(stack);
      if (accepted === 0) expect(after).toEqual(before);
      // Whatever was accepted was stored, and emailed exactly once.
      else expect(after.emails - before.emails).toBe(accepted);
    }, 60_000);
  }
});
