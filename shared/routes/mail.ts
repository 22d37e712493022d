// Functions of the mail plumbing: SES bounce and complaint events. No HTTP routes.

import type { FunctionDef, RouteDef } from './types.ts';

export const mailFunctions: FunctionDef[] = [
  {
    name: 'ses-events',
    description: 'Suppresses addresses SES reports as bouncing or complaining and notes it on the timeline.',
    memoryMb: 256,
    timeoutSeconds: 30,
    sizing: 'a few DynamoDB writes per event; 30 s leaves room for SDK retries when DynamoDB throttles',
    uses: {
      tables: [
        { table: 'suppressions', access: 'readwrite' },
        { table: 'affiliates', access: 'readwrite' },
        { table: 'applications', access: 'readwrite' },
      ],
    },
  },
];

export const mailRoutes: RouteDef[] = [];
