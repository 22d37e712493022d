// Every URL the system stores: https only, and kept in one canonical form, so a link in
// an email or on a page can never be javascript:, data: or a plain-http downgrade, and
// the same address typed two ways is stored once.

import * as v from 'valibot';

export const URL_MAX = 2000;

/**
 * What canonicalHttpsUrl accepts, as a JSON Schema pattern for the API document: https
 * in any case, a host of characters a host may have, an optional port, then anything
 * (the path is percent-encoded when stored); spaces around it are trimmed.
 */
export const HTTPS_URL_PATTERN =
  '^\\s*[Hh][Tt][Tt][Pp][Ss]://[^\\s/?#@\\[\\]\\\\<>^|%:]+(?::\\d{1,4})?(?:[/?#].*)?$';

/** The canonical form of an https URL with a host and no user name or password, else undefined. */
export function canonicalHttpsUrl(raw: string): string | undefined {
  const text = raw.trim();
  if (text.length > URL_MAX || !/^https:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return undefined;
  // The WHATWG serialisation: lower-case scheme and host, punycode, no default port,
  // dot segments resolved, unsafe characters percent-encoded.
  return url.href;
}

/** A valibot schema for a stored URL: refuses all but https, outputs the canonical form. */
export const httpsUrl = (message = 'an https:// web address') =>
  v.pipe(
    v.string(message),
    // For the API document: what canonicalHttpsUrl takes, as far as JSON Schema can say.
    v.metadata({ pattern: HTTPS_URL_PATTERN, maxLength: URL_MAX }),
    v.trim(),
    v.maxLength(URL_MAX, `at most ${URL_MAX} characters`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const canonical = canonicalHttpsUrl(dataset.value);
      if (canonical) return canonical;
      addIssue({ message });
      return NEVER;
    }),
  );
