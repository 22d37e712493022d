// The organizers' console: HTML shells and their one script, served from the API's own
// origin so pages, API and CSP share it. The routes are public at the gateway: a shell
// holds no data; the pages fetch everything from the /admin routes with the organizer's
// bearer token (docs/console.md). Explicit routes rather than {proxy+}: the local router
// and API Gateway then agree on every path, and sign-in routes can sit beside them.

import { CONSOLE_PAGES } from '../console/pages.ts';
import type { FunctionDef, RouteDef } from './types.ts';

export const consoleFunctions: FunctionDef[] = [
  {
    name: 'console',
    description: "Serves the organizers' console: a small HTML shell per screen and the console script.",
    memoryMb: 256,
    timeoutSeconds: 5,
    sizing: 'renders a shell from memory; the script is read once per container',
    uses: { tables: [] },
    // Built by scripts/build-console.ts (npm run build:console; cdk.json runs it before synth).
    files: [{ from: 'build/console/console.js', to: 'console/console.js' }],
  },
];

export const consoleRoutes: RouteDef[] = [
  ...CONSOLE_PAGES.map(
    (page): RouteDef => ({
      method: 'GET',
      path: page.path,
      function: 'console',
      access: 'public',
      tag: 'console',
      summary: `Console: ${page.summary} (an HTML shell; its data comes from the admin routes).`,
      responses: {
        200: {
          description: 'The page.',
          html: 'only',
          headers: { 'Cache-Control': 'no-cache: always the current shell' },
        },
        404: { description: 'No such page.', errors: ['not_found'] },
      },
    }),
  ),
  {
    method: 'GET',
    path: '/console/assets/{name}',
    function: 'console',
    access: 'public',
    tag: 'console',
    summary: "The console's script, named by its content (cached for a year).",
    responses: {
      200: { description: 'The script.', media: 'text/javascript' },
      404: { description: 'No such file.', errors: ['not_found'] },
    },
  },
];
