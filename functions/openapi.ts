// GET /openapi.json: the API description, built once per container from the route table.
// Its server is the configured public URL (the API's own URL unless publicBaseUrl is
// set), never the Host a client sent: the document is cached and shared.

import { config } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { openApiDocument } from '#shared/openapi.ts';
import { routes } from '#shared/routes/index.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(async () => {
  document ??= openApiDocument(routes, {
    serverUrl: config().publicBaseUrl,
    contactEmail: config().mail.contact,
  });
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
