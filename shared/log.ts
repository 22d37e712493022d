// Structured JSON logs, one line per entry, with personal data removed before anything
// is written: known personal fields are replaced by "[redacted]" and anything shaped
// like an email address or a CNIC is masked wherever it appears.

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

// A slash is excluded on both sides so that package paths in stack traces
// (node_modules/@smithy/core/dist/index.js) are not mistaken for addresses.
const EMAIL = /[^\s@"'<>(),;:/]+@[^\s@"'<>(),;:/]+\.[^\s@"'<>(),;:/]+/g;
const CNIC = /\b\d{5}-?\d{7}-?\d\b/g;
const ISO_DATE_OF_BIRTH_KEYS = /date.?of.?birth/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(CNIC, '[cnic]');
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

function write(level: Level, message: string, data?: Record<string, unknown>) {
  if (order[level] < order[minLevel]) return;
  const entry = {
    level,
    time: new Date().toISOString(),
    message: redact(message),
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
