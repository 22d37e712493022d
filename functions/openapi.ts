// GET /openapi.json: the API description, built once per container from the route table.

import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { openApiDocument } from '#shared/openapi.ts';
import { routes } from '#shared/routes/index.ts';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(async (event) => {
  document ??= openApiDocument(routes, `https://${event.requestContext.domainName}`);
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
