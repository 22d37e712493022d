// What a line of text typed by a person may contain. Bidi controls can make a name read
// backwards in an email subject ("‮moc.live" shows as "evil.com"); invisible characters
// make two names look the same or hide words. Neither belongs in a name, a city or an
// affiliate's name. ZWNJ and ZWJ (U+200C, U+200D) do: Urdu and Persian spelling uses them.

/**
 * Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the bidi marks
 * (U+200E, U+200F, U+061C), and invisible characters with no place in a name: soft
 * hyphen, zero-width space, word joiner and invisible operators, byte order mark,
 * Mongolian vowel separator, combining grapheme joiner, Hangul fillers, deprecated
 * format controls, interlinear annotation, and tag characters.
 */
const INVISIBLE_BMP =
  '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB';
const INVISIBLE = new RegExp(`[${INVISIBLE_BMP}\\u{E0001}\\u{E0020}-\\u{E007F}]`, 'u');

/**
 * A JSON Schema pattern's opening: no lone surrogate anywhere. Written so it means the
 * same with and without the unicode flag (with it, a pair is one code point and never
 * matches a surrogate range; without it, the lookarounds tell a pair from a lone half).
 */
export const NO_LONE_SURROGATE =
  '(?![\\s\\S]*(?:[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]))';

/**
 * Nearly the same rule as a JSON Schema pattern, for the API document: one line with
 * something other than spaces on it, and no control, line break, bidi or invisible
 * character. Written to mean the same with or without the regex unicode flag (tools
 * differ), so it leaves out the tag characters (U+E0001, U+E0020-U+E007F), which only
 * a pattern with the flag can name; those are refused all the same.
 */
export const SINGLE_LINE_PATTERN = `^${NO_LONE_SURROGATE}(?=.*\\S)[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029${INVISIBLE_BMP}]*$`;

/** True when the text holds a bidi control or an invisible character (ZWNJ/ZWJ allowed). */
export const hasInvisible = (text: string) => INVISIBLE.test(text);

/** Every way of starting a new line, which must never reach an email header. */
const LINE_BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;
export const hasLineBreak = (text: string) => LINE_BREAK.test(text);

/** A line of text fit for a header and a name: no line break, control or invisible character. */
export const isSingleLine = (text: string) =>
  !hasLineBreak(text) && !hasInvisible(text) && !/\p{Cc}/u.test(text);
