// The OpenAPI document's own rules, checked without a server: every route documents its
// replies (the rule the lead sees fail at merge time when a new route has none), every
// example keeps to its schema, the typed client is generated from the current route
// table, and none of the document machinery reaches a Lambda bundle but the openapi
// function's.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaBundling } from '../../bench/functions.ts';
import { CLIENT_TYPES_FILE, clientTypes } from '../../scripts/client.ts';
import { openApiDocument } from '../../shared/openapi.ts';
import { functions, routes } from '../../shared/routes/index.ts';

type Json = Record<string, unknown>;
const doc = openApiDocument(routes, { serverUrl: 'https://api.example.org', contactEmail: 'o@example.org' });
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, path, method, op })),
);

describe('every route in the route table', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s documents a body (or none) for each of its replies',
    (_name, route) => {
      const statuses = Object.keys(route.responses).map(Number);
      expect(
        statuses.some((s) => s < 400),
        'a success or redirect is documented',
      ).toBe(true);
      for (const status of statuses) {
        const reply = route.responses[status]!;
        const says = !!(reply.json || reply.html || reply.media || reply.empty || reply.errors?.length);
        expect(says, `${status} says what its body is (json, html, media, errors or empty)`).toBe(true);
        if (status >= 400 && !reply.json && reply.html !== 'only')
          expect(reply.errors?.length, `${status} names its error codes`).toBeTruthy();
        if (status < 300 && !reply.html && !reply.media)
          expect(reply.json, `${status} has a JSON schema`).toBeDefined();
      }
      if (route.body?.json) expect(route.example, 'an example request body').toBeDefined();
    },
  );
});

describe('the document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc, 'api');
  const pointer = (...parts: string[]) =>
    `api#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

  it('has security on every operation: none on public ones, a declared scheme on the rest', () => {
    const schemes = Object.keys((doc.components as Json).securitySchemes as Json);
    for (const { where, op } of operations) {
      const security = op.security as Json[];
      expect(security, where).toBeDefined();
      for (const requirement of security)
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
      if (where.includes(' /admin')) expect(security, where).toEqual([{ organizer: [] }]);
    }
  });

  it('has one example reply per operation at least, and every example keeps to its schema', () => {
    let examples = 0;
    for (const { where, path, method, op } of operations) {
      let replies = 0;
      for (const [status, reply] of Object.entries(
        op.responses as Record<string, { content?: Record<string, Json> }>,
      ))
        for (const [media, content] of Object.entries(reply.content ?? {})) {
          if (content.example === undefined) continue;
          replies++;
          const valid = ajv.validate(
            { $ref: pointer('paths', path, method, 'responses', status, 'content', media, 'schema') },
            content.example,
          );
          expect(valid, `${where} ${status}: ${ajv.errorsText()}`).toBe(true);
        }
      expect(replies, `${where} has an example reply`).toBeGreaterThan(0);
      examples += replies;
      const request = (op.requestBody as { content: Record<string, Json> } | undefined)?.content[
        'application/json'
      ];
      if (request) {
        const valid = ajv.validate(
          { $ref: pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema') },
          request.example,
        );
        expect(valid, `${where} request example: ${ajv.errorsText()}`).toBe(true);
      }
    }
    expect(examples).toBeGreaterThanOrEqual(operations.length);
  });

  it('takes servers and contact from the options it is given, never a Host', () => {
    expect(doc.servers).toEqual([{ url: 'https://api.example.org', description: 'This deployment' }]);
    expect((doc.info as Json).contact).toMatchObject({ email: 'o@example.org' });
    expect(openApiDocument(routes).servers).toBeUndefined();
  });
});

describe('the typed client', () => {
  it('is generated from the current route table (run `npm run client` when this fails)', async () => {
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(await clientTypes());
  }, 60_000);

  it('imports no Node module, so browser code can use it', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, '../../shared/client/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
  });
});

describe('Lambda bundles', () => {
  // What only the document needs: the reply and error schemas, the generator and its
  // JSON Schema converter, the client.
  const DOCUMENT_ONLY = [
    /^shared\/routes\//,
    /^shared\/openapi\.ts$/,
    /^shared\/client\//,
    /node_modules\/@valibot\/to-json-schema\//,
  ];

  it('hold none of the document machinery, except the openapi function', async () => {
    const root = join(import.meta.dirname, '../..');
    const result = await build({
      ...lambdaBundling,
      entryPoints: Object.fromEntries(
        functions.map((f) => [f.name, join(root, 'functions', `${f.name}.ts`)]),
      ),
      outdir: join(root, '.bundle-check'),
      write: false,
      metafile: true,
      sourcemap: false,
      minify: false,
    });
    const leaks: string[] = [];
    for (const [, output] of Object.entries(result.metafile.outputs)) {
      const name = output.entryPoint?.replace(/^functions\/|\.ts$/g, '');
      if (!name || name === 'openapi') continue;
      for (const input of Object.keys(output.inputs))
        if (DOCUMENT_ONLY.some((p) => p.test(input))) leaks.push(`${name}: ${input}`);
    }
    expect(leaks).toEqual([]);
    const openapi = Object.values(result.metafile.outputs).find(
      (o) => o.entryPoint === 'functions/openapi.ts',
    );
    expect(Object.keys(openapi?.inputs ?? {})).toContain('shared/openapi.ts');
  }, 120_000);
});
