// Reading a request body safely: size limit (413), content type (415), then JSON or an
// HTML form. The result is a plain record; validation happens in the use case's schema.

import { invalidRequest, payloadTooLarge, unsupportedMediaType } from '../errors.ts';
import { header } from './respond.ts';
import type { HttpEvent } from './types.ts';

export type BodyFormat = 'json' | 'form' | 'csv';
export interface ParsedBody {
  format: BodyFormat;
  /** Parsed fields. Form fields sent twice become arrays, which schemas then refuse. */
  data: Record<string, unknown>;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
const MEDIA: Record<BodyFormat, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  csv: 'text/csv',
};

export function readBody(
  event: Pick<HttpEvent, 'headers' | 'body' | 'isBase64Encoded'>,
  options: { accept?: BodyFormat[]; limitBytes?: number } = {},
): ParsedBody {
  const accept = options.accept ?? ['json'];
  const limit = options.limitBytes ?? DEFAULT_BODY_LIMIT;
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > limit) throw payloadTooLarge(limit);

  const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format = accept.find(
    (f) => MEDIA[f] === type || (f === 'json' && /^application\/[\w.+-]*\+json$/.test(type)),
  );
  if (!format) throw unsupportedMediaType(accept.map((f) => MEDIA[f]));

  const charset = /charset=([^;]+)/i
    .exec(header(event, 'content-type') ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupportedMediaType(accept.map((f) => `${MEDIA[f]}; charset=utf-8`));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest('The body is not valid UTF-8.');
  }

  // A CSV upload (the bulk import) is handed over as text; its own parser reads it.
  if (format === 'csv') return { format, data: { csv: text } };

  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalidRequest('The body is not valid JSON.');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest('The body must be a JSON object.');
    }
    // JSON.parse keeps the last of two equal keys; a form field sent twice is refused,
    // and so is a JSON member: which one was meant cannot be known.
    const twice = duplicateKey(text);
    if (twice !== undefined)
      throw invalidRequest('The body names a member twice.', [
        { field: twice, message: 'Send this member only once.' },
      ]);
    return { format, data: value as Record<string, unknown> };
  }

  const data: Record<string, unknown> = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) {
    const previous = data[k];
    data[k] = previous === undefined ? v : Array.isArray(previous) ? [...previous, v] : [previous, v];
  }
  return { format, data };
}

/**
 * The first key that appears twice in one object of a JSON text, else undefined. One
 * pass over text JSON.parse has already accepted: strings are skipped as whole tokens,
 * and a string right after `{` or `,` inside an object is a key.
 */
export function duplicateKey(text: string): string | undefined {
  const stack: ({ keys: Set<string>; expectKey: boolean } | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
    } else if (c === 0x7b /* { */) stack.push({ keys: new Set(), expectKey: true });
    else if (c === 0x5b /* [ */) stack.push(undefined);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    }
  }
  return undefined;
}
