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
import { config } from '../../shared/config.ts';
import { type RouteDef, routes } from '../../shared/routes/index.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { countItems, expectErrorShape, postFrom, storedState } from './support.ts';

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
  // A POST that declares no body (sign-out, the console's token) reads none: its answer
  // says nothing about the junk sent, and the stored state shows nothing changed.
  if (!route.body) return false;
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

// ---- the attacks of issue 12, each as a case -------------------------------------------

const applyFrom = (sourceIp: string, body: unknown) =>
  postFrom(sourceIp, `${stack.apiUrl}/applications`, body);

async function newAffiliate(overrides: Record<string, unknown>) {
  return stack.api('/admin/affiliates', {
    admin: true,
    json: {
      id: `edge-${Math.random().toString(36).slice(2, 10)}`,
      name: 'Wikimedia Edge Cases User Group',
      type: 'user_group',
      country: 'PK',
      contactEmails: ['edge@groups.example.org'],
      languages: ['en'],
      metaPage: 'https://meta.wikimedia.org/wiki/Wikimedia_Edge',
      logoUrl: 'https://upload.wikimedia.org/edge.svg',
      agreement: { start: '2025-07-01', end: '2026-06-30' },
      ...overrides,
    },
  });
}

describe('mail bombing', () => {
  it('30 posts to victim+N@example.org from one client send at most the configured emails; another client is unaffected', async () => {
    const perAddress = config().limits.confirmationsPerAddressPerHour;
    const before = await countItems();
    const replies = [];
    for (let n = 0; n < 30; n++) {
      replies.push(
        await applyFrom('127.0.0.1', {
          ...applicationBody('44000', n),
          name: 'Ali Khan CLAIM YOUR PRIZE AT https://evil.example/win or evil.example',
          email: `Victim+${n}@Example.org`,
        }),
      );
    }
    const accepted = replies.filter((r) => r.status === 202);
    const limited = replies.filter((r) => r.status === 429);
    expect(accepted).toHaveLength(perAddress);
    expect(limited).toHaveLength(30 - perAddress);
    for (const r of limited) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(r.json()).toMatchObject({
        error: {
          code: 'rate_limited',
          limit: 'confirmations_per_address',
          retryAfterSeconds: expect.any(Number),
        },
      });
    }
    // Nothing stored for a refused one: one application (and its claims and token) per email sent.
    const after = await countItems();
    expect(after.applications! - before.applications!).toBe(perAddress * 4);
    const mails = await stack.emailsTo('victim');
    expect(mails).toHaveLength(perAddress);

    // The email greets a safe name and says who sent it, why, and what to do if it was not you.
    for (const mail of mails) {
      const text = mail.body.text ?? '';
      expect(text).not.toContain('evil');
      expect(text.split('\n')[0]).not.toMatch(/https?:/);
      const greeted = /^Hello (.+),\n/.exec(text)?.[1];
      expect(greeted).toMatch(/^Ali Khan CLAIM/);
      expect([...greeted!].length).toBeLessThanOrEqual(40);
      expect(text).toContain('Wikimedia Community User Group Pakistan');
      expect(text).toContain('You received it because this address was entered on our membership form');
      expect(text).toContain('If you did not apply, ignore this email');
      expect(mail.body.html ?? '').not.toContain('evil');
    }

    // Another client, applying for itself, is not held back by the first one's flood.
    const other = await applyFrom('127.0.0.2', {
      ...applicationBody('44000', 100),
      email: 'someone.else@example.net',
    });
    expect(other.status).toBe(202);
  });
});

describe('input edge cases', () => {
  const apply = (body: unknown, raw?: string) =>
    stack.api('/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
  let n = 200;
  const next = () => applicationBody('45000', n++);

  const refused = {
    'right-to-left override U+202E': '\u202e',
    'left-to-right embedding U+202A': '\u202a',
    'pop directional formatting U+202C': '\u202c',
    'first strong isolate U+2068': '\u2068',
    'pop directional isolate U+2069': '\u2069',
    'zero-width space U+200B': '\u200b',
    'word joiner U+2060': '\u2060',
    'byte order mark U+FEFF': '\ufeff',
    'soft hyphen U+00AD': '\u00ad',
    'right-to-left mark U+200F': '\u200f',
  };
  for (const [what, char] of Object.entries(refused)) {
    it(`refuses a name or city with a ${what}, and stores nothing`, async () => {
      const before = await countItems();
      for (const field of ['name', 'city']) {
        const res = await apply({ ...next(), [field]: `Ali${char} Khan` });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { fields: { field: string }[] } };
        expect(body.error.fields.map((f) => f.field)).toEqual([field]);
      }
      expect((await countItems()).applications).toBe(before.applications);
    });
  }

  it('keeps ZWNJ and ZWJ, which Urdu and Persian names use', async () => {
    const name = 'فرح\u200cناز مہر\u200dبانو';
    const res = await apply({ ...next(), name, language: 'ur' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const stored = (await (await stack.api(`/admin/applications/${id}`, { admin: true })).json()) as {
      name: string;
    };
    expect(stored.name).toBe(name);
  });

  it('refuses a JSON body that names a member twice with 400, as for a form field sent twice', async () => {
    const body = next();
    const fields = Object.entries(body).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    const raw = `{${[...fields, '"name":"Someone Else"'].join(',')}}`;
    const res = await apply(undefined, raw);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', fields: [{ field: 'name' }] },
    });
    // An escaped spelling of the same key is the same key.
    const escaped = await apply(undefined, `{${[...fields, '"n\\u0061me":"Someone Else"'].join(',')}}`);
    expect(escaped.status).toBe(400);
    const admin = await stack.api('/admin/affiliates', {
      admin: true,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"dup-keys","id":"dup-keys-2","name":"x"}',
    });
    expect(admin.status).toBe(400);
    expect((await stack.api('/admin/affiliates/dup-keys-2', { admin: true })).status).toBe(404);
  });

  it("refuses CR, LF and other line breaks in an affiliate's name, which reaches email subjects", async () => {
    for (const name of ['Group\r\nBcc: all@example.org', 'Group\nX', 'Group\u2028X', 'Group\u202eX']) {
      const id = `crlf-${Math.random().toString(36).slice(2, 8)}`;
      const res = await newAffiliate({ id, name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { fields: [{ field: 'name' }] } });
      expect((await stack.api(`/admin/affiliates/${id}`, { admin: true })).status).toBe(404);
    }
  });

  it('answers an over-long id with 400 or 404, never 500, on every route with a path id', async () => {
    const withId = routes.filter((r) => r.path.includes('{'));
    expect(withId.length).toBeGreaterThan(5);
    for (const route of withId)
      for (const id of ['a'.repeat(3000), 'ی'.repeat(1000), `${'a'.repeat(1100)}%23x`]) {
        const path = route.path.replace(/\{\w+\}/g, id);
        const res = await stack.api(path, {
          admin: route.access === 'admin',
          method: route.method,
          ...(route.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        const context = `${route.method} ${route.path} with a ${id.length}-character id`;
        expect([400, 401, 404], context).toContain(res.status);
        expectErrorShape(res.status, res.headers.get('content-type') ?? '', await res.text(), context);
      }
  });

  it('stores only https URLs, in canonical form', async () => {
    for (const logoUrl of [
      'javascript:alert(1)',
      'http://upload.wikimedia.org/x.svg',
      'data:image/svg+xml,<svg/>',
      'https://user:pass@upload.wikimedia.org/x.svg',
      '//upload.wikimedia.org/x.svg',
    ]) {
      const res = await newAffiliate({ logoUrl });
      expect(res.status, logoUrl).toBe(400);
    }
    const res = await newAffiliate({
      logoUrl: ' HTTPS://Upload.WIKIMEDIA.org:443/a/../edge logo.svg ',
      metaPage: 'https://META.wikimedia.org/wiki/Wikimedia_Edge',
    });
    expect(res.status).toBe(201);
    const { affiliate } = (await res.json()) as {
      affiliate: { id: string; logoUrl: string; metaPage: string };
    };
    expect(affiliate.logoUrl).toBe('https://upload.wikimedia.org/edge%20logo.svg');
    expect(affiliate.metaPage).toBe('https://meta.wikimedia.org/wiki/Wikimedia_Edge');

    // A report's financial report link: javascript: and http: are refused before anything is stored.
    for (const financialReportUrl of ['javascript:alert(1)', 'http://example.org/finance.pdf']) {
      const report = await stack.api(`/admin/affiliates/${affiliate.id}/reports`, {
        admin: true,
        json: {
          periodStart: '2025-07-01',
          periodEnd: '2026-06-30',
          metaUrl: 'https://meta.wikimedia.org/wiki/Edge_report',
          text: 'x',
          financialReportUrl,
        },
      });
      expect(report.status, financialReportUrl).toBe(400);
      expect(await report.json()).toMatchObject({ error: { fields: [{ field: 'financialReportUrl' }] } });
    }
  });
});
