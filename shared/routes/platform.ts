// Routes every deployment has, whatever the features: health and the API description.

import { ASSETS } from '../assets.ts';
import { type TableDef, type TableKey, tables } from '../tables.ts';
import * as r from './replies.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const platformFunctions: FunctionDef[] = [
  {
    name: 'health',
    description: 'Reports whether every DynamoDB table and SES answer.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing:
      'one cheap call per table and one to SES, in parallel; short timeout so a hung dependency shows as unhealthy quickly',
    // Every deployed table: healthy means each one the functions use exists and is active.
    uses: {
      tables: (Object.keys(tables) as TableKey[])
        .filter((table) => !(tables[table] as TableDef).localOnly)
        .map((table) => ({ table, access: 'read' as const })),
      sendsMail: true,
    },
  },
  {
    name: 'static-assets',
    description: 'Serves the few files the pages load from our origin (the Urdu font).',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'one file read once per container; replies are cached by browsers for a year',
    uses: { tables: [] },
    files: ASSETS.map((a) => ({ from: `node_modules/${a.packageFile}`, to: `assets/${a.name}` })),
  },
  {
    name: 'openapi',
    description: 'Serves the OpenAPI 3.1 description generated from the route table.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'pure computation on a small table',
    uses: { tables: [] },
  },
];

export const platformRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/health',
    function: 'health',
    access: 'public',
    tag: 'platform',
    summary: 'Whether DynamoDB and SES answer.',
    responses: {
      200: {
        description: 'Every dependency answers.',
        json: r.health,
        example: { status: 'ok', dependencies: { dynamodb: 'ok', ses: 'ok' } },
      },
      503: {
        description: 'At least one dependency does not answer; the body says which.',
        json: r.health,
        example: { status: 'degraded', dependencies: { dynamodb: 'ok', ses: 'unavailable' } },
      },
    },
  },
  {
    method: 'GET',
    path: '/assets/{name}',
    function: 'static-assets',
    access: 'public',
    tag: 'platform',
    summary: 'A file the pages load (the Urdu font), cached for a year.',
    responses: {
      200: { description: 'The file.', media: 'font/woff2' },
      404: { description: 'No such file.', errors: ['not_found'] },
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    function: 'openapi',
    access: 'public',
    tag: 'platform',
    summary: 'This API, as an OpenAPI 3.1 document.',
    responses: { 200: { description: 'The document.', json: r.openApi } },
  },
];
