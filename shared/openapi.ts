// The OpenAPI 3.1 description of the API, generated from the route table and the same
// valibot schemas the handlers validate with, so the document cannot go stale.

import { toJsonSchema } from '@valibot/to-json-schema';
import type { RouteDef } from './routes/types.ts';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. invalid_request.' },
        message: { type: 'string', description: 'What went wrong, in plain words.' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
        reasons: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: true,
    },
  },
};

export function openApiDocument(routes: RouteDef[], serverUrl?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = Object.entries(route.query ?? {}).map(([name, description]) => ({
      name,
      in: 'query',
      required: false,
      description,
      schema: { type: 'string' },
    }));
    const content: Record<string, unknown> = {};
    if (route.body?.json) content['application/json'] = { schema: schemaOf(route.body.json) };
    if (route.body?.form)
      content['application/x-www-form-urlencoded'] = { schema: schemaOf(route.body.form) };
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(route.responses)) {
      const code = Number(status);
      responses[status] =
        code >= 400
          ? {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            }
          : { description, content: route.html ? { 'text/html': {} } : { 'application/json': {} } };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [route.access === 'admin' ? 'admin' : 'public'],
      ...(route.access === 'admin' ? { security: [{ sigv4: [] }] } : {}),
      parameters: [...params, ...query],
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Affiliate membership and reporting compliance',
      version: '1.0.0',
      description:
        'Membership applications and the annual-report compliance lifecycle of a Wikimedia affiliate. Admin routes are signed with AWS SigV4 (IAM); locally they take the admin bearer token.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4',
        },
      },
    },
  };
}

function schemaOf(schema: Parameters<typeof toJsonSchema>[0]) {
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, { errorMode: 'ignore' }) as Record<
    string,
    unknown
  >;
  return rest;
}
