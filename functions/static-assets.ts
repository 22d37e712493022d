// GET /assets/{name}: the few files the pages load from our origin (shared/assets.ts).
// Each is read once per container and served with a year-long, immutable cache: its name
// changes when its content does.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ASSETS, type Asset } from '#shared/assets.ts';
import { notFound } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';

const loaded = new Map<string, Buffer>();

/** Beside the bundle in Lambda (copied at deploy); from node_modules locally. */
function bytesOf(asset: Asset): Buffer {
  let bytes = loaded.get(asset.name);
  if (!bytes) {
    const bundled = join(import.meta.dirname, 'assets', asset.name);
    const path = existsSync(bundled) ? bundled : createRequire(import.meta.url).resolve(asset.packageFile);
    bytes = readFileSync(path);
    loaded.set(asset.name, bytes);
  }
  return bytes;
}

export const handler = httpHandler(async (event) => {
  const asset = ASSETS.find((a) => a.name === event.pathParameters?.name);
  if (!asset) throw notFound('No such file.');
  return {
    statusCode: 200,
    headers: {
      'content-type': asset.contentType,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    },
    body: bytesOf(asset).toString('base64'),
    isBase64Encoded: true,
  };
});
