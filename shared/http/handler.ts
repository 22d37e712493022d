// The middy chain every HTTP function uses: handler last, one error mapper first.
// HttpError becomes its documented reply; a dependency that is down, or the invocation's
// deadline passing, becomes 503; anything else is a bug, logged (without personal data)
// and answered with a bare 500. Each invocation runs with its log context and deadline
// (shared/invocation.ts); middy's own early timeout stays as the last resort. Admin
// routes admit members of the organizers group only (shared/http/admin.ts).

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { isUnavailable } from '../aws/unavailable.ts';
import { config } from '../config.ts';
import { pastDeadline } from '../deadline.ts';
import { HttpError, notFound, serviceUnavailable } from '../errors.ts';
import { invocation } from '../invocation.ts';
import { log } from '../log.ts';
import { isAdminRoute, organizerOf } from './admin.ts';
import { errorResponse, prefersHtml } from './respond.ts';
import type { HttpEvent, HttpResult } from './types.ts';

/**
 * Longest path parameter (an id) any route accepts, in UTF-8 bytes. Our ids are UUIDs,
 * slugs of at most 80 characters and report ids well under this; DynamoDB refuses keys
 * over 1-2 KB with an error that would otherwise surface as a 500.
 */
export const PATH_ID_MAX_BYTES = 200;

export type HttpFn = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** Middy answers 503 on its own this long before the Lambda timeout. */
const LAST_RESORT_MS = 100;

/** Browsers keep to https for a year once they have seen this (never sent over local http). */
const HSTS = 'max-age=31536000; includeSubDomains';

function withTransportSecurity(result: HttpResult): HttpResult {
  if (config().stage === 'local') return result;
  return { ...result, headers: { ...result.headers, 'strict-transport-security': HSTS } };
}

export function httpHandler(fn: HttpFn) {
  const chain = middy<HttpEvent, HttpResult>({ timeoutEarlyInMillis: LAST_RESORT_MS })
    .use({
      name: 'errorMapper',
      onError: (request) => {
        const error = request.error;
        const asHtml = prefersHtml(request.event);
        if (error instanceof HttpError) {
          if (error.statusCode >= 500)
            log.warn('request failed', { code: error.code, route: request.event.routeKey });
          request.response = errorResponse(error, asHtml);
          return;
        }
        if (isUnavailable(error) || pastDeadline()) {
          log.warn(pastDeadline() ? 'deadline passed' : 'dependency unavailable', {
            route: request.event.routeKey,
            error: describe(error),
          });
          request.response = errorResponse(serviceUnavailable(), asHtml);
          return;
        }
        log.error('unhandled error', { route: request.event.routeKey, error: describe(error) });
        request.response = errorResponse(
          new HttpError(500, 'internal_error', 'Something went wrong on our side; it has been logged.'),
          asHtml,
        );
      },
    })
    .use({
      // Every admin route, whatever its handler does: a person outside the organizers
      // group is refused before the body is read or anything is stored.
      name: 'organizersOnly',
      before: (request) => {
        if (isAdminRoute(request.event)) organizerOf(request.event);
      },
    })
    .use({
      name: 'pathIdLength',
      before: (request) => {
        for (const value of Object.values(request.event.pathParameters ?? {}))
          if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > PATH_ID_MAX_BYTES)
            throw notFound('No such resource.');
      },
    })
    .handler(fn);
  return invocation<HttpEvent, HttpResult>(
    async (event, context) => withTransportSecurity(await chain(event, context)),
    (event) => event?.requestContext?.requestId,
  );
}

function describe(error: unknown) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
