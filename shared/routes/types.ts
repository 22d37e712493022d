// The vocabulary of the route table: which Lambda functions exist, what AWS resources
// each one touches, and which HTTP routes reach them. CDK builds functions, grants and
// API routes from it; the local server routes requests with it; OpenAPI is generated
// from it. Add a feature by adding its own file beside this one.

import type { GenericSchema } from 'valibot';
import type { TableKey } from '../tables.ts';

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
  /** Body schemas for OpenAPI; handlers validate with the same schema objects. */
  body?: { json?: GenericSchema; form?: GenericSchema };
  query?: Record<string, string>;
  /** Status code -> what it means. */
  responses: Record<number, string>;
  /** The reply is an HTML page (for browsers). */
  html?: boolean;
}
