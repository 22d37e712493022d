// The OpenAPI 3.1 description of the API, generated from the route table: the request
// schemas are the valibot objects the handlers validate with, the replies those declared
// beside each route (shared/routes/replies.ts, shared/routes/errors.ts). Nothing here is
// written twice, so the document cannot go stale. Only the openapi function, the local
// stack, scripts and tests import this module; a Lambda bundle of any other function
// never holds it (test/unit/openapi.test.ts).
//
// Replies every route of a kind can give are added here rather than in each route:
// a body that cannot be read (400, 413, 415), an id over the path limit (404), the
// organizers' credentials missing or refused (401, 403), a dependency down (503), and
// the HTML variant of every error a browser receives (shared/http/respond.ts).

import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { ERROR_DETAILS, type ErrorCode, errorSchema } from './routes/errors.ts';
import * as replies from './routes/replies.ts';
import type { Reply, ReplyHeader, RouteDef, Tag } from './routes/types.ts';

type Json = Record<string, unknown>;

export interface DocumentOptions {
  /** The API's public URL (config publicBaseUrl), never the caller's Host. */
  serverUrl?: string;
  /** Where people write to about the API (config mail.contact). */
  contactEmail?: string;
}

const TAGS: Record<Tag, string> = {
  applications: 'The public membership form, its submission and the emailed confirmation link.',
  review: "The organizers' review of applications, and the member list.",
  affiliates:
    'Registering affiliates and following their reporting lifecycle (organizers), and the public lists meta-wiki shows.',
  reports: 'Annual reports: the personal link, submission, verification and reinstatement.',
  'sign-in':
    "The organizers' console sign-in: Cognito managed login, the session cookie and the console's ID token.",
  console:
    "The organizers' console: HTML shells per screen and their one script (the data comes from the organizer routes).",
  platform: 'Health, static files and this document.',
};

const HEADER_SCHEMAS: Record<ReplyHeader, Json> = {
  Location: { type: 'string' },
  'Retry-After': { type: 'integer', minimum: 0 },
  ETag: { type: 'string' },
  'Cache-Control': { type: 'string' },
  'Content-Language': { type: 'string', enum: ['en', 'ur'] },
};

/** Replies implied by what a route is (see the top of this file). */
function impliedReplies(route: RouteDef): Record<number, Reply> {
  const implied: Record<number, Reply> = {};
  if (route.body) {
    implied[400] = {
      description: 'The body is not valid JSON, UTF-8 or form data.',
      errors: ['invalid_request'],
    };
    implied[413] = {
      description: 'The body is larger than this route reads.',
      errors: ['payload_too_large'],
    };
    implied[415] = {
      description: 'The body is not of a media type this route reads (`allowed` lists them).',
      errors: ['unsupported_media_type'],
    };
  }
  if (route.path.includes('{'))
    implied[404] = {
      description: 'No such resource (an id over 200 bytes never names one).',
      errors: ['not_found'],
    };
  if (route.access === 'admin') {
    implied[401] = {
      description:
        'No organizer credentials, or not valid ones. API Gateway\'s authorizer answers with `{ "message": "Unauthorized" }` before the function runs.',
      errors: ['unauthorized'],
      json: GATEWAY_MESSAGE,
    };
    implied[403] = {
      description: "Credentials that are not an organizer's (the local stack: a wrong admin token).",
      errors: ['forbidden'],
    };
  }
  implied[503] = {
    description:
      'A service the route depends on is unavailable, or the request ran out of time; nothing was changed.',
    errors: ['service_unavailable'],
    headers: { 'Retry-After': 'Seconds to wait before trying again.' },
  };
  return implied;
}

/** What API Gateway itself answers when its authorizer refuses a request. */
const GATEWAY_MESSAGE = { kind: 'gateway-message' } as unknown as GenericSchema;

function merge(declared: Reply | undefined, implied: Reply | undefined): Reply {
  if (!declared) return implied!;
  if (!implied) return declared;
  const errors = [...new Set([...(declared.errors ?? []), ...(implied.errors ?? [])])];
  return {
    ...implied,
    ...declared,
    errors,
    json: declared.json ?? implied.json,
    headers: { ...implied.headers, ...declared.headers },
  };
}

const pascal = (s: string) => s.replace(/(^|[_-])(\w)/g, (_, __, c: string) => c.toUpperCase());
export const errorSchemaName = (code: ErrorCode) => `${pascal(code)}Error`;

/** The reply schemas of shared/routes/replies.ts, by object, with the name they export. */
const REPLY_NAMES = new Map<unknown, string>(
  Object.entries(replies)
    .filter(([, value]) => typeof value === 'object' && value !== null && (value as Json).kind === 'schema')
    .map(([name, value]) => [value, pascal(name)]),
);

/**
 * The JSON Schema of a valibot schema. For a request (`input`), a pipe is read only up
 * to its first transformation (trim, normalise, parse): what follows checks the
 * transformed value, not what the client sends, and would say the wrong thing (a
 * minimum length after trimming is not a minimum length of the text sent). What a
 * client must send is then stated beside the checks as `v.metadata({...})` with the
 * JSON Schema keywords, and metadata anywhere in the pipe is kept.
 */
export function toJson(schema: GenericSchema, mode: 'input' | 'output' = 'output'): Json {
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, {
    errorMode: 'ignore',
    typeMode: mode,
    target: 'draft-2020-12',
    ...(mode === 'input' ? { overrideSchema: inputOnly } : {}),
  }) as Json;
  return rest;
}

type PipeItem = { kind: string; type: string };
function inputOnly(context: { valibotSchema: unknown }): Json | undefined {
  const pipe = (context.valibotSchema as { pipe?: PipeItem[] }).pipe;
  const first = pipe?.findIndex((item) => item.kind === 'transformation') ?? -1;
  if (!pipe || first < 0) return undefined;
  const kept = [...pipe.slice(0, first), ...pipe.slice(first).filter((item) => item.kind === 'metadata')];
  return toJson({ ...(context.valibotSchema as object), pipe: kept } as unknown as GenericSchema, 'input');
}

export function operationId(route: Pick<RouteDef, 'method' | 'path'>): string {
  const words = route.path
    .replace(/[{}]/g, '')
    .replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
  return `${route.method.toLowerCase()}${words}`;
}

export function openApiDocument(routes: RouteDef[], options: DocumentOptions = {}): Json {
  const schemas: Record<string, Json> = {};
  const refTo = (name: string, build: () => Json) => {
    schemas[name] ??= build();
    return { $ref: `#/components/schemas/${name}` };
  };
  const bodyRef = (schema: GenericSchema): Json => {
    if (schema === GATEWAY_MESSAGE)
      return refTo('GatewayMessage', () => ({
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string', examples: ['Unauthorized'] } },
        description: "API Gateway's own refusal, sent before any function runs.",
      }));
    const name = REPLY_NAMES.get(schema);
    return name ? refTo(name, () => toJson(schema)) : toJson(schema);
  };
  const errorRef = (code: ErrorCode) => refTo(errorSchemaName(code), () => toJson(errorSchema(code)));

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      })),
      ...Object.entries(route.query ?? {}).map(([name, q]) =>
        typeof q === 'string'
          ? { name, in: 'query', required: false, description: q, schema: { type: 'string' } }
          : {
              name,
              in: 'query',
              required: q.required ?? false,
              description: q.description,
              schema: toJson(q.schema, 'input'),
            },
      ),
    ];

    const content: Record<string, unknown> = {};
    if (route.body?.json)
      content['application/json'] = {
        schema: toJson(route.body.json, 'input'),
        ...(route.example === undefined ? {} : { example: route.example }),
      };
    if (route.body?.form)
      content['application/x-www-form-urlencoded'] = { schema: toJson(route.body.form, 'input') };
    if (route.body?.csv) content['text/csv'] = { schema: { type: 'string' } };

    const implied = impliedReplies(route);
    const statuses = [
      ...new Set([...Object.keys(route.responses), ...Object.keys(implied)].map(Number)),
    ].sort((a, b) => a - b);
    const responses: Record<string, unknown> = {};
    for (const status of statuses) {
      const reply = merge(route.responses[status], implied[status]);
      responses[String(status)] = replyObject(reply, status, bodyRef, errorRef);
    }

    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      tags: [route.tag],
      summary: route.summary,
      description: describeOperation(route),
      operationId: operationId(route),
      security:
        route.access === 'admin'
          ? [{ organizer: [] }]
          : route.security === 'reportLink'
            ? [{ reportLink: [] }, {}]
            : [],
      ...(parameters.length ? { parameters } : {}),
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
        'Membership applications and the annual-report compliance lifecycle of a Wikimedia affiliate. Organizer routes (tags review, affiliates and reports, under /admin) need an organizer\'s bearer token; the report routes take the personal link\'s token; everything else is public. Every error is `{ "error": { "code", "message", ... } }`, one schema per code.',
      ...(options.contactEmail ? { contact: { name: 'The organizers', email: options.contactEmail } } : {}),
      // The project has not chosen a licence yet; this says so rather than invent one.
      license: { name: 'All rights reserved (no licence chosen yet)' },
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl, description: 'This deployment' }] } : {}),
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        organizer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "An organizer's ID token from the Cognito user pool: API Gateway's JWT authorizer checks it, and the function requires the `organizers` group in `cognito:groups` (the organizer is named by the `email` claim). The local stack takes its admin token (ADMIN_TOKEN) instead.",
        },
        reportLink: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The signed token of an affiliate's personal report link (the `token` of the link in its reminder emails); valid for one affiliate and one agreement period.",
        },
      },
    },
  };
}

/** The route's prose, and the 400s no schema can state (they depend on stored data or the day). */
function describeOperation(route: RouteDef): string {
  const beyond = Object.entries(route.beyondSchema ?? {}).map(([field, why]) => `\`${field}\`: ${why}`);
  const who =
    route.access === 'admin'
      ? "For organizers: needs an organizer's token."
      : route.security === 'reportLink'
        ? "For an affiliate's contacts: needs the personal report link's token."
        : 'Public: no credentials.';
  return [
    `${route.description ?? route.summary} ${who}`,
    beyond.length ? `Also refused with 400 although the schema allows it: ${beyond.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function replyObject(
  reply: Reply,
  status: number,
  bodyRef: (schema: GenericSchema) => Json,
  errorRef: (code: ErrorCode) => Json,
): Json {
  const content: Record<string, unknown> = {};
  if (!reply.empty) {
    const alternatives = [
      ...(reply.json ? [bodyRef(reply.json)] : []),
      ...(reply.errors ?? []).map(errorRef),
    ];
    if (reply.html !== 'only' && alternatives.length) {
      const example = reply.example ?? errorExample(reply);
      content['application/json'] = {
        schema: alternatives.length === 1 ? alternatives[0] : { anyOf: alternatives },
        ...(example === undefined ? {} : { example }),
      };
    }
    // A browser gets a page for any error the handler raises (shared/http/respond.ts).
    if (reply.html || (status >= 400 && reply.errors?.length))
      content['text/html'] = { schema: { type: 'string' } };
    if (reply.media) content[reply.media] = { schema: { type: 'string', format: 'binary' } };
  }
  const headers = Object.entries(reply.headers ?? {});
  return {
    description: reply.description,
    ...(headers.length
      ? {
          headers: Object.fromEntries(
            headers.map(([name, description]) => [
              name,
              {
                description,
                schema: HEADER_SCHEMAS[name as ReplyHeader],
                ...(name === 'Location' ? { required: true } : {}),
              },
            ]),
          ),
        }
      : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

/** An example error body, when the first code carries nothing else it must have. */
function errorExample(reply: Reply): Json | undefined {
  const code = reply.errors?.[0];
  if (!code || reply.json) return undefined;
  const details = ERROR_DETAILS[code] as Record<string, GenericSchema>;
  if (Object.values(details).some((schema) => schema.type !== 'optional')) return undefined;
  return { error: { code, message: reply.description.replace(/ ?\(.*$/, '').split('; ')[0] } };
}
