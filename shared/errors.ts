// The one error type that reaches clients. Everything else a handler throws is
// treated as a bug: logged, and answered with a generic 500 that reveals nothing.

export interface FieldProblem {
  field: string;
  message: string;
  /** The catalogue key the message was written from, and its values, so a page can say it in the reader's language. */
  key?: string;
  vars?: Record<string, string>;
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /**
     * Extra members of the `error` object in the reply (fields, reasons, missing...). What
     * each code carries is declared, for the API document, in shared/routes/errors.ts:
     * `reasons` is plain codes for not_eligible and field problems for report_rejected.
     */
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const invalidRequest = (message: string, fields: FieldProblem[] = []) =>
  new HttpError(400, 'invalid_request', message, { fields });
export const unauthorized = (message = 'Missing or invalid credentials.') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);
export const methodNotAllowed = () => new HttpError(405, 'method_not_allowed', 'Method not allowed.');
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new HttpError(409, 'conflict', message, details);
export const payloadTooLarge = (limitBytes: number) =>
  new HttpError(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
export const unsupportedMediaType = (allowed: readonly string[]) =>
  new HttpError(415, 'unsupported_media_type', `Send the body as ${allowed.join(' or ')}.`, { allowed });
export const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new HttpError(422, code, message, details);
/** Over an abuse limit (shared/limits/): the reply carries Retry-After with the same number. */
export const tooManyRequests = (message: string, retryAfterSeconds: number, limit: string) =>
  new HttpError(429, 'rate_limited', message, { limit, retryAfterSeconds });
export const serviceUnavailable = (message = 'A service we depend on is unavailable; try again shortly.') =>
  new HttpError(503, 'service_unavailable', message);

/** The documented body of every error reply. */
export function errorBody(error: HttpError): { error: Record<string, unknown> } {
  return { error: { code: error.code, message: error.message, ...error.details } };
}
