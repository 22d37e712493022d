// The shapes organizers send to the affiliate routes, as valibot schemas. The handlers
// validate with these objects and the route table shows them in OpenAPI.

import * as v from 'valibot';
import { isCalendarDay } from '../dates.ts';
import { isWikiUsername, WIKI_USERNAME_PATTERN } from '../talk/wikitext.ts';
import { isSingleLine, SINGLE_LINE_PATTERN } from '../text.ts';
import { httpsUrl } from '../urls.ts';
import { isFiscalYearEnd } from './policies.ts';

// Names reach email subjects: one line, no control, bidi or invisible characters.
const ONE_LINE = 'one line, without control, direction-changing or invisible characters';

// Each `v.metadata` states for the API document what the checks beside it accept of
// the value as sent (shared/openapi.ts reads a pipe only up to its first transformation).
const day = v.pipe(
  v.string(),
  v.metadata({ format: 'date' }),
  v.trim(),
  v.check(isCalendarDay, 'a calendar day like 2026-07-15'),
);
const emailAddress = v.pipe(
  v.string(),
  v.metadata({ pattern: v.EMAIL_REGEX.source, maxLength: 254, format: 'email' }),
  v.trim(),
  v.email('an email address'),
  v.maxLength(254),
);

export const agreementSchema = v.pipe(
  v.object({ start: day, end: day }),
  v.check((a) => a.start < a.end, 'the agreement must end after it starts'),
);

const affiliateFields = v.object({
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'a slug: lowercase letters, digits and hyphens'),
  ),
  name: v.pipe(
    v.string(),
    v.metadata({ pattern: SINGLE_LINE_PATTERN, maxLength: 200 }),
    v.check(isSingleLine, ONE_LINE),
    v.trim(),
    v.minLength(1, 'a name'),
    v.maxLength(200),
  ),
  type: v.picklist(
    ['user_group', 'chapter', 'thematic_organization'],
    'user_group, chapter or thematic_organization',
  ),
  country: v.pipe(
    v.string(),
    v.metadata({ pattern: SINGLE_LINE_PATTERN, maxLength: 100 }),
    v.check(isSingleLine, ONE_LINE),
    v.trim(),
    v.minLength(1, 'a country'),
    v.maxLength(100),
  ),
  contactEmails: v.pipe(v.array(emailAddress), v.minLength(1, 'at least one contact email'), v.maxLength(10)),
  languages: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a language code like ur'))),
    v.maxLength(10),
  ),
  metaPage: httpsUrl(),
  logoUrl: httpsUrl(),
  contactWikiUsernames: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.metadata({ pattern: WIKI_USERNAME_PATTERN, maxLength: 85 }),
          v.trim(),
          v.check(isWikiUsername, 'a meta-wiki user name (no # < > [ ] | { } / @ :), without "User:"'),
        ),
      ),
      v.maxLength(10),
    ),
  ),
  /**
   * The agreement. User groups report on it; chapters and thematic organisations report
   * on their fiscal year within it (policies.ts).
   */
  agreement: agreementSchema,
  /** A user group registered as a legal entity: it files a financial report too (WADP legal_entity). */
  incorporated: v.optional(v.boolean('true or false')),
  /** Chapters and thematic organisations: the last day of the fiscal year, MM-DD (default 12-31). */
  fiscalYearEnd: v.optional(
    v.pipe(
      v.string(),
      // A day of a year that is not a leap year, as MM-DD.
      v.metadata({
        pattern:
          '^\\s*(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))\\s*$',
      }),
      v.trim(),
      v.check(isFiscalYearEnd, 'the last day of the fiscal year as MM-DD, like 06-30 (not 02-29)'),
    ),
  ),
});

/** POST /admin/affiliates, the preview and each imported row. */
export const affiliateSchema = v.pipe(
  affiliateFields,
  // The two rules below, for the API document.
  v.metadata({
    if: { properties: { type: { const: 'user_group' } } },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then: { properties: { fiscalYearEnd: false } },
    else: { properties: { incorporated: { const: true } } },
  }),
  v.forward(
    v.check(
      (a) => a.type !== 'user_group' || a.fiscalYearEnd === undefined,
      'user groups report on their agreement period, not a fiscal year: leave fiscalYearEnd out',
    ),
    ['fiscalYearEnd'],
  ),
  v.forward(
    v.check(
      (a) => a.type === 'user_group' || a.incorporated !== false,
      'chapters and thematic organisations are incorporated and always file a financial report',
    ),
    ['incorporated'],
  ),
);

export const reasonSchema = v.object({
  reason: v.pipe(
    v.string(),
    v.metadata({ pattern: '\\S', maxLength: 500 }),
    v.trim(),
    v.minLength(1, 'a reason'),
    v.maxLength(500),
  ),
});

/** POST /admin/affiliates/{id}/removal-date: a later removal day, and why. */
export const removalDateSchema = v.object({
  day,
  reason: reasonSchema.entries.reason,
});

/** POST /admin/affiliates/{id}/deferral: a later due date for the current period, and why. */
export const deferralSchema = v.object({
  day,
  reason: reasonSchema.entries.reason,
});

/** The most affiliates one import may carry (a whole region's groups fit easily). */
export const MAX_IMPORT_ROWS = 500;

/** POST /admin/affiliates/import as JSON (CSV rows are turned into the same objects). */
export const importSchema = v.object({
  affiliates: v.pipe(
    v.array(v.unknown()),
    v.minLength(1, 'at least one affiliate'),
    v.maxLength(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} affiliates`),
  ),
});
