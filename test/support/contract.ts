// The API contract, checked on real traffic. Every request a test sends through the test
// stack's api() helper is recorded with its reply (test/support/stack.ts); at the end of
// each test file (test/support/contract-setup.ts) each pair is checked against the
// OpenAPI document the server serves, built from the same route table:
//  - the reply's status must be documented for the operation, its media type documented
//    for that status, its JSON body valid by the schema, its required headers present;
//  - a request valid by the document must not be refused as invalid (400), and one the
//    document refuses must not succeed (2xx), so the document says what the validators
//    accept.
// Requests to paths the document does not have (the local clock, unknown paths) are
// the local server's or the gateway's business and are not counted.

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { duplicateKey } from '../../shared/http/body.ts';
import { openApiDocument } from '../../shared/openapi.ts';
import { routes } from '../../shared/routes/index.ts';

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  requestType?: string;
  requestBody?: string;
  /** The request carried credentials (organizer or report link). */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

type Json = Record<string, unknown>;
interface Operation {
  path: string;
  method: string;
  pattern: RegExp;
  names: string[];
  op: Json;
}

const document = openApiDocument(routes, { serverUrl: 'http://127.0.0.1', contactEmail: 'x@example.org' });

export function contractDocument(): Json {
  return document;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(document, 'api');

const compiled = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
function validator(...parts: string[]): ValidateFunction {
  const ref = `api#/${pointer(...parts)}`;
  let fn = compiled.get(ref);
  if (!fn) {
    fn = ajv.compile({ $ref: ref });
    compiled.set(ref, fn);
  }
  return fn;
}

const operations: Operation[] = Object.entries(
  document.paths as Record<string, Record<string, Json>>,
).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => {
    const names: string[] = [];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    return { path, method, pattern: new RegExp(`^${source}$`), names, op };
  }),
);

export function findOperation(method: string, pathname: string): Operation | undefined {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return operations.find((o) => o.method === m && o.pattern.test(pathname));
}

const media = (type: string | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase();
const describe = (fn: ValidateFunction) =>
  (fn.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(root)'} ${e.message}`)
    .join('; ');

/**
 * Whether the request is valid by the document: its query parameters and its body.
 * undefined when the document cannot say (a body it does not describe, or no body
 * schema), so nothing is concluded from it.
 */
export function requestProblem(
  operation: Operation,
  url: URL,
  type: string | undefined,
  body: string | undefined,
) {
  const { op, path, method } = operation;
  const parameters = (op.parameters ?? []) as { name: string; in: string; required?: boolean }[];
  parameters.forEach((p, index) => {
    if (p.in !== 'query') return;
    const values = url.searchParams.getAll(p.name);
    if (values.length === 0) {
      if (p.required) throw new RequestInvalid(`query ${p.name} is required`);
      return;
    }
    const fn = validator('paths', path, method, 'parameters', String(index), 'schema');
    // API Gateway joins a repeated parameter with commas; the handler sees that.
    if (!fn(values.join(','))) throw new RequestInvalid(`query ${p.name}: ${describe(fn)}`);
  });
  const requestBody = op.requestBody as { content: Record<string, unknown> } | undefined;
  if (!requestBody) return;
  const kind = media(type);
  if (!(kind in requestBody.content)) return;
  let value: unknown;
  if (kind === 'application/json') {
    try {
      value = JSON.parse(body ?? '');
    } catch {
      throw new RequestInvalid('the body is not JSON');
    }
    // JSON Schema sees one value per member; the server refuses a member named twice.
    const twice = duplicateKey(body ?? '');
    if (twice !== undefined) throw new RequestInvalid(`the body names ${twice} twice`);
  } else if (kind === 'application/x-www-form-urlencoded') {
    const form: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(body ?? '')) {
      const before = form[k];
      form[k] = before === undefined ? v : [...(Array.isArray(before) ? before : [before]), v];
    }
    value = form;
  } else return;
  const fn = validator('paths', path, method, 'requestBody', 'content', kind, 'schema');
  if (!fn(value)) {
    // Text limits count what is left after trimming and joining line endings: a longer
    // text of spaces and CRLFs may still pass. Past such a limit the document only
    // promises nothing, so a success there is no contradiction.
    // (With alternatives, the branches not meant fail too: their errors say nothing.)
    const lengthOnly = (fn.errors ?? []).every(
      (e) =>
        e.keyword === 'maxLength' ||
        e.keyword === 'oneOf' ||
        /\/(oneOf|anyOf)\/\d+\/(required|properties\/kind)/.test(e.schemaPath),
    );
    const anyLength = (fn.errors ?? []).some((e) => e.keyword === 'maxLength');
    throw new RequestInvalid(`body: ${describe(fn)}`, lengthOnly && anyLength);
  }
}

class RequestInvalid extends Error {
  constructor(
    message: string,
    /** Refused by the document only for a text over its length limit. */
    readonly overLength = false,
  ) {
    super(message);
  }
}

/** What is wrong with this exchange by the document; undefined when it keeps to it, or is not the document's. */
export function contractProblem(exchange: Exchange): string | undefined {
  const url = new URL(exchange.url, 'http://local');
  const operation = findOperation(exchange.method, url.pathname);
  if (!operation) return undefined;
  const where = `${exchange.method} ${url.pathname} -> ${exchange.status}`;
  const responses = operation.op.responses as Record<
    string,
    { content?: Record<string, unknown>; headers?: Record<string, { required?: boolean }> }
  >;
  const reply = responses[String(exchange.status)];
  if (!reply) return `${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`;

  const type = media(exchange.responseHeaders['content-type']);
  const hasBody = exchange.responseBody.length > 0 && exchange.method !== 'HEAD';
  if (hasBody || reply.content) {
    if (!hasBody && exchange.method !== 'HEAD') return `${where}: no body, but the document describes one`;
    if (hasBody && !reply.content?.[type])
      return `${where}: media type ${type || '(none)'} not documented (documented: ${Object.keys(reply.content ?? {}).join(', ') || 'no body'})`;
    if (hasBody && type === 'application/json') {
      const fn = validator(
        'paths',
        operation.path,
        operation.method,
        'responses',
        String(exchange.status),
        'content',
        type,
        'schema',
      );
      let body: unknown;
      try {
        body = JSON.parse(exchange.responseBody);
      } catch {
        return `${where}: the body is not JSON`;
      }
      if (!fn(body))
        return `${where}: body does not match the document: ${describe(fn)} in ${exchange.responseBody.slice(0, 300)}`;
    }
  }
  for (const [name, header] of Object.entries(reply.headers ?? {}))
    if (header.required && exchange.responseHeaders[name.toLowerCase()] === undefined)
      return `${where}: header ${name} is required by the document`;

  // The request against the document.
  let invalid: string | undefined;
  let overLength = false;
  try {
    requestProblem(operation, url, exchange.requestType, exchange.requestBody);
  } catch (error) {
    if (!(error instanceof RequestInvalid)) throw error;
    invalid = error.message;
    overLength = error.overLength;
  }
  if (invalid && !overLength && exchange.status >= 200 && exchange.status < 300)
    return `${where}: succeeded, but the document refuses the request (${invalid})`;
  if (
    !invalid &&
    exchange.status === 400 &&
    codeOf(exchange) === 'invalid_request' &&
    bodyDescribed(operation, exchange) &&
    !onlyBeyondSchema(operation, exchange)
  )
    return `${where}: refused as invalid, but the document accepts the request: ${exchange.responseBody.slice(0, 300)}`;
  return undefined;
}

/** A 400 whose every field is one the route says no schema can judge (RouteDef.beyondSchema). */
export function onlyBeyondSchema(
  operation: Pick<Operation, 'path' | 'method'>,
  exchange: Pick<Exchange, 'responseBody'>,
) {
  const route = routes.find((r) => r.path === operation.path && r.method.toLowerCase() === operation.method);
  const beyond = route?.beyondSchema ?? {};
  let fields: { field: string }[] = [];
  try {
    fields =
      (JSON.parse(exchange.responseBody) as { error?: { fields?: { field: string }[] } }).error?.fields ?? [];
  } catch {
    return false;
  }
  return fields.length > 0 && fields.every((f) => Object.hasOwn(beyond, f.field));
}

function codeOf(exchange: Exchange): string | undefined {
  try {
    return (JSON.parse(exchange.responseBody) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** A request whose body the document has a schema for (or that has no body at all). */
function bodyDescribed(operation: Operation, exchange: Exchange): boolean {
  const requestBody = operation.op.requestBody as { content: Record<string, unknown> } | undefined;
  if (!requestBody) return true;
  return media(exchange.requestType) in requestBody.content && !!exchange.requestBody;
}
