// Text a stranger typed, made safe to quote in an email we send. A name is the only
// thing an applicant controls in their confirmation email; whoever fills in the form
// can put any address in it, so the name must not be able to read as our instruction
// ("Hello visit evil.example to claim your prize,"). The form already refuses control,
// bidi and invisible characters; this is the second line, for every email.

/** Longest name a greeting quotes; a real name fits, a paragraph of instructions does not. */
export const GREETING_NAME_MAX = 40;

// Anything that reads as a link or an address: a scheme, www., an @, or a dotted name
// ending in letters (evil.example, bit.ly/x). "M. Ali" and "Dr. Khan" survive.
const LINK_LIKE = /^(?:[a-z][a-z0-9+.-]*:|www\.)|@|[\p{L}\p{N}-]\.[\p{L}]{2,}/iu;
// Control characters, bidi controls and invisible formatting (ZWNJ and ZWJ stay: Urdu
// and Persian names use them).
const UNSAFE = /[\p{Cc}\u00AD\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;

/**
 * A name fit for "Hello {name},": unsafe characters and link-like words removed,
 * whitespace collapsed, at most GREETING_NAME_MAX characters (cut at a word). Empty when
 * nothing safe is left; the caller then greets without a name.
 */
export function greetingName(name: string): string {
  const words = name
    .replace(UNSAFE, ' ')
    .split(/\s+/u)
    .filter((word) => word && !LINK_LIKE.test(word));
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if ([...next].length > GREETING_NAME_MAX) {
      if (!out) out = [...word].slice(0, GREETING_NAME_MAX).join('');
      break;
    }
    out = next;
  }
  return out;
}

/** One line for an email header (a subject): line breaks become spaces. */
export const headerSafe = (text: string) => text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
