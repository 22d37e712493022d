// Structured JSON logs, one line per entry, with personal data removed before anything
// is written: known personal fields are replaced by "[redacted]" and anything shaped
// like an email address or a CNIC is masked wherever it appears. Every line carries
// the context of the invocation it belongs to (request ids, function, cold start,
// X-Ray trace), set by the handler wrapper through AsyncLocalStorage, which is part of
// Node itself: no bundle cost, and concurrent requests in one process (the local
// stack) keep their own context.

import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'debug' | 'info' | 'warn' | 'error';

const PERSONAL_KEYS = new Set(
  [
    'email',
    'emails',
    'contactemails',
    'to',
    'cc',
    'bcc',
    'recipient',
    'recipients',
    'cnic',
    'dateofbirth',
    'dob',
    'token',
    'authorization',
    'cookie',
    'name',
    'contactname',
    'body',
    'text',
  ].map((k) => k.toLowerCase()),
);

const CNIC = /\b\d{5}-?\d{7}-?\d\b/g;
const ISO_DATE_OF_BIRTH_KEYS = /date.?of.?birth/i;
/** Longer strings are cut: a log line is for finding a problem, not for keeping input. */
export const MAX_LOGGED_STRING = 8192;

// A slash is excluded on both sides so that package paths in stack traces
// (node_modules/@smithy/core/dist/index.js) are not mistaken for addresses.
const NOT_IN_ADDRESS = new Set([...'@"\'<>(),;:/']);
const SPACE = /\s/;
const inAddress = (c: string) => !NOT_IN_ADDRESS.has(c) && !SPACE.test(c);

/**
 * Masks `local@domain.tld` wherever it appears. Written as a scan around each `@`
 * rather than as a regular expression, which would retry from every position of a long
 * run without an `@` and take quadratic time.
 */
function maskEmails(s: string): string {
  let out = '';
  let done = 0; // everything before this is in `out`
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > done && inAddress(s[start - 1]!)) start--;
    let end = at + 1;
    let dot = -1;
    for (; end < s.length && inAddress(s[end]!); end++) if (s[end] === '.') dot = end;
    // A local part, then a domain with a dot that has something on both sides.
    if (start === at || dot <= at + 1 || dot === end - 1) continue;
    out += `${s.slice(done, start)}[email]`;
    done = end;
    at = end - 1;
  }
  return out + s.slice(done);
}

function redactString(s: string): string {
  const cut = s.length > MAX_LOGGED_STRING ? `${s.slice(0, MAX_LOGGED_STRING)}…[cut]` : s;
  return maskEmails(cut).replace(CNIC, '[cnic]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redact(value.message, depth + 1),
      stack: redact(value.stack, depth + 1),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        PERSONAL_KEYS.has(k.toLowerCase()) || ISO_DATE_OF_BIRTH_KEYS.test(k)
          ? '[redacted]'
          : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export type LogSink = (line: string) => void;
let sink: LogSink = (line) => process.stdout.write(`${line}\n`);
let minLevel: Level = 'info';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Tests capture log lines here to assert that no personal data is written. */
export function setLogSink(next: LogSink, level: Level = minLevel): LogSink {
  const previous = sink;
  sink = next;
  minLevel = level;
  return previous;
}

/** Which invocation a log line belongs to; no personal data. */
export interface LogContext {
  /** API Gateway's request id (requestContext.requestId), the one in the access log. */
  requestId?: string;
  /** Lambda's request id (context.awsRequestId), the one in the function's REPORT line. */
  lambdaRequestId?: string;
  functionName?: string;
  coldStart?: boolean;
  /** The X-Ray trace (Root=...) when tracing is on. */
  traceId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with every log line inside it (awaited work too) carrying `ctx`. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run(ctx, fn);
}

function write(level: Level, message: string, data?: Record<string, unknown>) {
  if (order[level] < order[minLevel]) return;
  const entry = {
    level,
    time: new Date().toISOString(),
    message: redact(message),
    ...context.getStore(),
    ...(redact(data ?? {}) as object),
  };
  sink(JSON.stringify(entry));
}

export const log = {
  debug: (message: string, data?: Record<string, unknown>) => write('debug', message, data),
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};
