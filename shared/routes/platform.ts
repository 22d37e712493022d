// Routes every deployment has, whatever the features: health and the API description.

import type { FunctionDef, RouteDef } from './types.ts';

export const platformFunctions: FunctionDef[] = [
  {
    name: 'health',
    description: 'Reports whether DynamoDB and SES answer.',
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'two cheap calls; short timeout so a hung dependency shows as unhealthy quickly',
    uses: { tables: [{ table: 'applications', access: 'read' }], sendsMail: true },
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
    summary: 'Whether DynamoDB and SES answer.',
    responses: { 200: 'Every dependency answers.', 503: 'At least one dependency does not answer.' },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    function: 'openapi',
    access: 'public',
    summary: 'This API, as an OpenAPI 3.1 document.',
    responses: { 200: 'The document.' },
  },
];
