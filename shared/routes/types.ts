// The vocabulary of the route table: which Lambda functions exist, what AWS resources
// each one touches, and which HTTP routes reach them. CDK builds functions, grants and
// API routes from it; the local server routes requests with it; OpenAPI is generated
// from it. Add a feature by adding its own file beside this one.

import type { GenericSchema } from 'valibot';
import type { TableKey } from '../tables.ts';
import type { ErrorCode } from './errors.ts';

export type { ErrorCode };

export interface FunctionDef {
  /** Also the handler's file: functions/<name>.ts exporting `handler`. */
  name: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Why these numbers (CDK puts it in the function's description for operators). */
  sizing: string;
  uses: {
    tables: { table: TableKey; access: 'read' | 'readwrite' }[];
    sendsMail?: boolean;
    /** Creates/deletes per-affiliate one-time schedules. */
    schedules?: boolean;
    secrets?: ('cnicHmac' | 'reportLink')[];
    /**
     * The report-documents bucket: put (sign a presigned POST, which S3 checks against
     * the signer's own rights), read (HEAD, ranged GET, presigned GET of a version),
     * delete (remove a refused upload, that version for good).
     */
    uploads?: ('put' | 'read' | 'delete')[];
    /** Delivers lifecycle notices, which a stage may also post on meta Talk pages: reads the bot password. */
    talkPage?: boolean;
  };
  /** Files copied beside the bundle (paths from the project root -> inside the bundle). */
  files?: { from: string; to: string }[];
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** API Gateway path syntax: /admin/applications/{id} */
  path: string;
  function: string;
  /**
   * admin: API Gateway's JWT authorizer (the Cognito user pool and app client) in AWS,
   * the local server's copy of it locally; the handler then requires the organizers group.
   * public: no authorizer at API Gateway.
   */
  access: 'public' | 'admin';
  summary: string;
  /** Longer prose for the document, when the summary is not enough. */
  description?: string;
  /** The feature the route belongs to: the document's tag (declared in shared/routes/index.ts). */
  tag: Tag;
  /** Body schemas for OpenAPI; handlers validate with the same schema objects. */
  body?: { json?: GenericSchema; form?: GenericSchema /** Also reads text/csv. */; csv?: true };
  /**
   * Query parameters: a description, or a schema that says exactly what the handler
   * accepts (a valibot schema of one string, documentation only).
   */
  query?: Record<string, string | { description: string; schema: GenericSchema; required?: boolean }>;
  /** Every status the route answers with, and what it carries (docs/api.md). */
  responses: Record<number, Reply>;
  /** A public route that takes a credential other than the organizers' (the report link's bearer token). */
  security?: 'reportLink';
  /**
   * Refusals (400, by field) that no JSON Schema can state because they depend on stored
   * data or today's date, each with the rule. The document says them in prose; the
   * contract and property tests accept a 400 on these fields for a request the schema allows.
   */
  beyondSchema?: Record<string, string>;
  /** One example request body (JSON), shown in the document and checked against the body schema. */
  example?: unknown;
}

/** The features, each a tag of the document. */
export type Tag = 'applications' | 'review' | 'affiliates' | 'reports' | 'sign-in' | 'console' | 'platform';

/**
 * One reply of a route. Documentation only: these schemas are read by the OpenAPI
 * generator, the contract test and the typed client, never by a handler at run time,
 * so they stay out of every Lambda bundle but the openapi function's.
 */
export interface Reply {
  description: string;
  /** The JSON body of a success (a valibot schema). */
  json?: GenericSchema;
  /** An example of that body. */
  example?: unknown;
  /** The error codes this status carries; their bodies come from shared/routes/errors.ts. */
  errors?: readonly ErrorCode[];
  /** A page for browsers: the only body (`only`), or instead of JSON when the client prefers HTML. */
  html?: 'only' | 'also';
  /** Another body type (a file), by media type. */
  media?: string;
  /** No body at all (a redirect, 304). */
  empty?: true;
  /** Reply headers a client acts on, each with what it means. */
  headers?: Partial<Record<ReplyHeader, string>>;
}

export type ReplyHeader = 'Location' | 'Retry-After' | 'ETag' | 'Cache-Control' | 'Content-Language';
