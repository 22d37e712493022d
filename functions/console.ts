// GET /console/...: the organizers' console (shared/console/pages.ts). Each screen is a
// shell with no data; GET /console/assets/{name} serves the one script, named by a hash
// of its content so it can be cached for a year. The script is read once per container:
// beside the bundle in Lambda (copied at deploy), from build/console/ locally (the local
// stack builds it at start).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PAGES, consoleShell } from '#shared/console/pages.ts';
import { notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { html } from '#shared/http/respond.ts';

let script: { name: string; bytes: Buffer } | undefined;

function consoleScript() {
  if (!script) {
    const bundled = join(import.meta.dirname, 'console', 'console.js');
    const path = existsSync(bundled)
      ? bundled
      : join(import.meta.dirname, '..', 'build', 'console', 'console.js');
    const bytes = readFileSync(path);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    script = { name: `console.${hash}.js`, bytes };
  }
  return script;
}

export const handler = httpHandler(async (event) => {
  if (event.routeKey === 'GET /console/assets/{name}') {
    const { name, bytes } = consoleScript();
    if (event.pathParameters?.name !== name) throw notFound('No such file.');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
      body: bytes.toString('utf8'),
    };
  }
  const page = CONSOLE_PAGES.find((p) => `GET ${p.path}` === event.routeKey);
  if (!page) throw notFound('No such page.');
  const shell = consoleShell(page, event.pathParameters?.id, `/console/assets/${consoleScript().name}`);
  // The shell is the same for everyone, but a new deploy changes the script's name in it.
  return html(200, shell, { 'cache-control': 'no-cache' });
});
