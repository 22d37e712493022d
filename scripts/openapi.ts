// Writes the OpenAPI document, generated from the route table exactly as GET /openapi.json
// serves it, to a file (default openapi.json), for the linters in .ci/run and for the
// typed client (npm run client). Its server is the configured PUBLIC_BASE_URL.
//   npm run openapi -- [file]

import { writeFileSync } from 'node:fs';
import { config } from '../shared/config.ts';
import { openApiDocument } from '../shared/openapi.ts';
import { routes } from '../shared/routes/index.ts';

const file = process.argv[2] ?? 'openapi.json';
const document = openApiDocument(routes, {
  serverUrl: config().publicBaseUrl,
  contactEmail: config().mail.contact,
});
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${file}`);
