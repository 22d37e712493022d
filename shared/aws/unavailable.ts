// Recognises errors that mean "a service we depend on is down or overloaded", which
// clients should see as 503 (retry later) rather than as our bug (500).

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
]);

export function isUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const o = e as { code?: string; name?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
    if (o.code && NETWORK_CODES.has(o.code)) return true;
    if (o.name && THROTTLING.has(o.name)) return true;
    if (o.$metadata?.httpStatusCode && o.$metadata.httpStatusCode >= 500) return true;
    e = o.cause;
  }
  return false;
}
