// What an application looks like on the wire, as valibot schemas. The same schema
// objects validate requests and describe them in OpenAPI (shared/routes/applications.ts).
// Messages are catalogue keys, translated when the reply is built, so one schema serves
// every language.

import * as v from 'valibot';
import { isCalendarDay } from '../dates.ts';
import type { FieldProblem } from '../errors.ts';
import { type MessageKey, t } from '../i18n/application.ts';
import { isSupported, languages } from '../i18n/index.ts';
import { hasInvisible, NO_LONE_SURROGATE, SINGLE_LINE_PATTERN } from '../text.ts';
import { parseCnic } from './eligibility.ts';

export const NAME_MAX = 200;
export const STATEMENT_MAX = 2000;
export const EMAIL_MAX = 254;

// Made on first use, not at import: the region names are ICU data that would otherwise
// cost every cold start of every function importing this module.
let regionNames: Intl.DisplayNames | undefined;
const regionName = (code: string) => {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return regionNames.of(code);
};
/** An ISO 3166-1 alpha-2 code that names a real region (XX, QQ are refused). */
export const isCountryCode = (code: string) =>
  /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.test(code) && regionName(code) !== code;
// ICU also names user-assigned codes (AA, QM-QZ, XA-XZ, ZZ), groupings (EU, EZ, UN),
// reserved and withdrawn codes (AC, UK, SU, YU...); none is an ISO 3166-1 country today.
const NOT_COUNTRIES =
  /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|AC|AN|BU|CP|CQ|CS|DD|DG|DY|EA|FX|HV|IC|NH|RH|SU|TA|TP|UK|VD|YD|YU|ZR)$/;

// Control characters (other than tab and line breaks) and broken UTF-16 never belong in
// a name or a statement; refusing them keeps stored text printable in every email.
const LINE_BREAK = /[\r\n\t\u2028\u2029]/;
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
/** No lone surrogates, no control characters other than tab and line breaks. */
export const cleanText = (value: string) =>
  !LONE_SURROGATE.test(value) && !CONTROL.test(value.replace(/[\t\n\r]/g, ''));

// Each `v.metadata` below states, as JSON Schema keywords for the API document, what the
// checks beside it accept of the text as sent (before trimming); shared/openapi.ts reads
// a pipe only up to its first transformation, and the contract test holds the two to
// the same answers (test/support/contract.ts).

/** Text of one line: trimmed, NFC-normalised, 1..max characters. */
const line = (max: number) =>
  v.pipe(
    v.string('application.error.invalid' satisfies MessageKey),
    v.metadata({ pattern: SINGLE_LINE_PATTERN, maxLength: max }),
    v.check(cleanText, 'application.error.text' satisfies MessageKey),
    v.check((s) => !LINE_BREAK.test(s), 'application.error.oneLine' satisfies MessageKey),
    v.check((s) => !hasInvisible(s), 'application.error.invisible' satisfies MessageKey),
    v.transform((s) => s.trim().normalize('NFC')),
    v.nonEmpty('application.error.required' satisfies MessageKey),
    v.check((s) => [...s].length <= max, 'application.error.tooLong' satisfies MessageKey),
  );

/** JSON Schema pattern of cleanText: no lone surrogates, no control characters but tab and line breaks. */
const CLEAN_TEXT_PATTERN = `^${NO_LONE_SURROGATE}[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$`;

const statement = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  v.metadata({ pattern: CLEAN_TEXT_PATTERN, maxLength: STATEMENT_MAX }),
  v.check(cleanText, 'application.error.text' satisfies MessageKey),
  v.transform((s) => s.trim().normalize('NFC').replace(/\r\n?/g, '\n')),
  v.check((s) => [...s].length <= STATEMENT_MAX, 'application.error.statementTooLong' satisfies MessageKey),
);

/** What v.email accepts, for the document (valibot's own expression, so the two agree). */
export const EMAIL_PATTERN = v.EMAIL_REGEX.source;

const email = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  v.metadata({ pattern: EMAIL_PATTERN, maxLength: EMAIL_MAX, format: 'email' }),
  v.transform((s) => s.trim()),
  v.nonEmpty('application.error.required' satisfies MessageKey),
  v.maxLength(EMAIL_MAX, 'application.error.email' satisfies MessageKey),
  v.email('application.error.email' satisfies MessageKey),
);

/**
 * Every code isCountryCode accepts, worked out only when the document is built (a
 * getter: a Lambda that validates never pays for the 676 look-ups).
 */
const countryCodes = {
  get enum() {
    const codes: string[] = [];
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (isCountryCode(code)) codes.push(code);
      }
    return codes;
  },
};

const country = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  v.metadata(countryCodes),
  v.transform((s) => s.trim().toUpperCase()),
  v.nonEmpty('application.error.required' satisfies MessageKey),
  v.check(isCountryCode, 'application.error.country' satisfies MessageKey),
);

const dateOfBirth = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  // A real day of 1900 or later (the future is refused too: that needs today's date).
  v.metadata({ format: 'date', pattern: '^(?:19|[2-9]\\d)\\d\\d-\\d\\d-\\d\\d$' }),
  v.transform((s) => s.trim()),
  v.nonEmpty('application.error.required' satisfies MessageKey),
  v.check((s) => isCalendarDay(s) && s >= '1900-01-01', 'application.error.date' satisfies MessageKey),
);

const cnic = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  v.metadata({ pattern: '^\\s*(?:\\d{13}|\\d{5}-\\d{7}-\\d)\\s*$' }),
  v.nonEmpty('application.error.required' satisfies MessageKey),
  v.maxLength(40, 'application.error.cnic' satisfies MessageKey),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const digits = parseCnic(dataset.value);
    if (digits) return digits;
    addIssue({ message: 'application.error.cnic' satisfies MessageKey });
    return NEVER;
  }),
);

const language = v.pipe(
  v.string('application.error.invalid' satisfies MessageKey),
  v.metadata({ enum: Object.keys(languages) }),
  v.check((s) => isSupported(s), 'application.error.language' satisfies MessageKey),
);

const optionalLine = (max: number) => v.optional(line(max));

export const individualSchema = v.object({
  kind: v.literal('individual'),
  name: line(NAME_MAX),
  email,
  dateOfBirth: v.pipe(dateOfBirth, v.description('YYYY-MM-DD; used to check age, never stored.')),
  citizenship: v.pipe(country, v.description('ISO 3166-1 alpha-2 country code; PK is eligible.')),
  cnic: v.pipe(cnic, v.description('Pakistani CNIC: 13 digits, dashes optional (12345-1234567-1).')),
  wikimediaUsername: optionalLine(85),
  city: optionalLine(100),
  statement: v.optional(statement),
  language: v.optional(language),
});

export const institutionSchema = v.object({
  kind: v.literal('institution'),
  name: line(NAME_MAX),
  email,
  registrationNumber: line(100),
  registrationAuthority: line(NAME_MAX),
  registeredIn: v.pipe(country, v.description('ISO 3166-1 alpha-2 country code; PK is eligible.')),
  contactName: line(NAME_MAX),
  statement: v.optional(statement),
  language: v.optional(language),
});

/** The body of POST /applications, for the route table and OpenAPI. */
export const applicationSchema = v.pipe(
  v.variant('kind', [individualSchema, institutionSchema]),
  // The form's hidden field that only bots fill in (HONEYPOT_FIELD); filled, it is refused.
  v.metadata({
    properties: { website: { type: 'string', maxLength: 0, description: 'Leave out or empty.' } },
  }),
);

export type IndividualInput = v.InferOutput<typeof individualSchema>;
export type InstitutionInput = v.InferOutput<typeof institutionSchema>;
export type ApplicationInput = IndividualInput | InstitutionInput;
export type ApplicationKind = ApplicationInput['kind'];

/** The hidden field people never see; only naive bots fill it in. */
export const HONEYPOT_FIELD = 'website';

export const FIELD_ORDER = {
  individual: Object.keys(individualSchema.entries),
  institution: Object.keys(institutionSchema.entries),
} as const;

export type Validation =
  | { ok: true; value: ApplicationInput }
  | { ok: false; kind?: ApplicationKind; problems: { field: string; key: MessageKey }[] };

/**
 * Validate a parsed body. Every field's first problem is reported (not just the first
 * field's), so a form can show each error beside its field.
 */
export function validateApplication(data: Record<string, unknown>): Validation {
  const kind = data.kind;
  if (kind !== 'individual' && kind !== 'institution') {
    return {
      ok: false,
      problems: [
        {
          field: 'kind',
          key: kind === undefined ? 'application.error.required' : 'application.error.kind',
        },
      ],
    };
  }
  const schema = kind === 'individual' ? individualSchema : institutionSchema;
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const problems: { field: string; key: MessageKey }[] = [];
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) ?? 'body';
    if (problems.some((p) => p.field === field)) continue;
    problems.push({ field, key: messageKey(issue) });
  }
  return { ok: false, kind, problems };
}

function messageKey(issue: v.BaseIssue<unknown>): MessageKey {
  if (issue.input === undefined) return 'application.error.required';
  if (Array.isArray(issue.input)) return 'application.error.single';
  if (issue.kind === 'schema' && typeof issue.input !== 'string') return 'application.error.invalid';
  return (
    issue.message.startsWith('application.error.') ? issue.message : 'application.error.invalid'
  ) as MessageKey;
}

export function fieldProblems(problems: { field: string; key: MessageKey }[], lang: string): FieldProblem[] {
  return problems.map((p) => ({ field: p.field, message: t(lang, p.key, { max: maxFor(p.field) }) }));
}

function maxFor(field: string): number {
  if (field === 'statement') return STATEMENT_MAX;
  if (field === 'wikimediaUsername') return 85;
  if (field === 'city' || field === 'registrationNumber') return 100;
  return NAME_MAX;
}

/** An organizer's decision on an application (kept here, free of AWS, so the route table and OpenAPI can use it). */
export const decisionSchema = v.pipe(
  v.object({
    decision: v.picklist(['approve', 'reject'], 'Send "approve" or "reject".'),
    reason: v.optional(
      v.pipe(
        v.string('The reason must be text.'),
        v.metadata({ pattern: CLEAN_TEXT_PATTERN, maxLength: STATEMENT_MAX }),
        v.transform((s) => s.trim().normalize('NFC')),
        v.check(cleanText, 'The reason contains control characters.'),
        v.maxLength(STATEMENT_MAX, `The reason must be at most ${STATEMENT_MAX} characters.`),
      ),
    ),
  }),
  // A rejection needs a reason with something in it.
  v.metadata({
    if: { properties: { decision: { const: 'reject' } } },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then: { required: ['reason'], properties: { decision: true, reason: { pattern: '\\S' } } },
  }),
  v.forward(
    v.check(
      (d) => d.decision === 'approve' || !!d.reason,
      'A rejection needs a reason; the applicant is told it.',
    ),
    ['reason'],
  ),
);

/** The body of POST /applications/resend (here, free of AWS, so the route table can show it). */
export const resendSchema = v.object({
  email: v.pipe(
    v.string(),
    // For the API document: what the checks after trimming accept (shared/openapi.ts).
    v.metadata({ pattern: v.EMAIL_REGEX.source, maxLength: 254, format: 'email' }),
    v.trim(),
    v.email('an email address'),
    v.maxLength(254),
  ),
  language: v.optional(v.string()),
});
