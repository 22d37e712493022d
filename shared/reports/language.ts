// Is a report written in English? We only need "English or not", so rather than a
// detector of 80 languages (franc-min: 175 KB of trigram tables, the largest part of the
// function that carried it) we count English function words: the small closed class of
// words ("the", "of", "which") that makes up a large share of any English prose whatever
// its subject, and that other languages, Roman Urdu above all, do not use. A few
// hundred bytes; measured against franc-min, eld and tinyld in docs/reports.md.

/** Shorter texts are placeholders ("report here"), not reports. */
export const MIN_REPORT_CHARS = 200;

/**
 * English function words. Left out on purpose, because they are everyday words of a
 * language our groups also write in Latin letters: "to", "do", "is", "us", "or", "be",
 * "he", "her", "main" (Roman Urdu: "to", "do", "is", "aur", "bhi", "hai", "har",
 * "main"), "in", "an", "am", "so", "die", "war" (German, Dutch), "a", "on", "as"
 * (Romance languages).
 */
const FUNCTION_WORDS = new Set(
  (
    'the and of for with that this from by are were was have has had been their our we ' +
    'they which who will would also more than about into these those its it not but at ' +
    'all each other during after between through there what when where how can could ' +
    'should such some many most only she his them'
  ).split(' '),
);

/**
 * The share of function words among all words in English prose on our samples is 0.18
 * (English mixed with Urdu words) to 0.34; in every non-English sample (Urdu, Roman Urdu,
 * Hindi, eight European and other languages) it is 0.03 or less. Halfway, with room on
 * both sides.
 */
export const MIN_ENGLISH_SHARE = 0.1;

/**
 * The prose read for the verdict: the opening of a report says what language it is in,
 * and reading 200 KB would cost tens of milliseconds for nothing (franc read 2,048).
 */
const SAMPLE_CHARS = 20_000;

export type LanguageVerdict =
  | { ok: true; englishShare: number }
  | { ok: false; reason: 'too_short'; length: number }
  | { ok: false; reason: 'not_english'; englishShare: number };

/** Words: runs of letters (any script), with an apostrophe inside ("group's"). */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** The share of English function words among the words of a text (0 when it has none). */
export function englishShare(prose: string): number {
  let words = 0;
  let english = 0;
  for (const [word] of prose.toLowerCase().matchAll(WORD)) {
    words++;
    if (FUNCTION_WORDS.has(word)) english++;
  }
  return words ? english / words : 0;
}

/**
 * Where the next occurrence of a needle is, at or after a position. Positions asked
 * for only grow, so a remembered answer still ahead is reused and every stretch of the
 * text is searched at most once per needle: linear in all, however many openers there
 * are without a closer (`[[[[…`, `<<<<…`).
 */
function finder(text: string, needle: string | RegExp) {
  let found = -2; // -2: not searched yet; -1: none from `searchedFrom` on
  let searchedFrom = 0;
  return (from: number): number => {
    if (from >= searchedFrom && (found >= from || found === -1)) return found;
    searchedFrom = from;
    if (typeof needle === 'string') found = text.indexOf(needle, from);
    else {
      needle.lastIndex = from;
      found = needle.exec(text)?.index ?? -1;
    }
    return found;
  };
}

/** `{{` paired with its `}}` (nesting allowed), in one pass with a stack. */
function pairTemplates(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      open.push(i);
      i++;
    } else if (text[i] === '}' && text[i + 1] === '}' && open.length) {
      pairs.set(open.pop()!, i);
      i++;
    }
  }
  return pairs;
}

/** What `\s` matches in a regular expression, without running one for each character. */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
const isLineEnd = (c: string) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const startsWithUrl = (text: string, i: number) =>
  text.startsWith('http://', i) || text.startsWith('https://', i);

/**
 * Wikitext markup and links carry no language; judge the words people wrote. One pass
 * over the text, never looking back, so any input costs time in proportion to its
 * length:
 * - `<ref …>…</ref>` and `{{templates}}` (nested too) are dropped;
 * - `[[target|label]]` keeps the label, `[[target]]` the target;
 * - `[https://… label]` keeps the label; bare `http(s)://…` addresses are dropped;
 * - other `<tags>`, bold and italic quotes, `==` heading marks and list marks at the
 *   start of a line are dropped;
 * - runs of white space become one space, and the ends are trimmed.
 */
export function proseOf(text: string): string {
  let out = '';
  let pendingSpace = false;
  let atLineStart = true;
  const emit = (c: string) => {
    if (isSpace(c)) {
      pendingSpace = true;
      atLineStart = isLineEnd(c);
      return;
    }
    if (pendingSpace && out.length) out += ' ';
    pendingSpace = false;
    atLineStart = false;
    out += c;
  };
  const gap = () => emit(' ');

  const nextTagEnd = finder(text, '>');
  const nextRefEnd = finder(text, /<\/ref>/gi);
  const nextLinkEnd = finder(text, ']]');
  const nextBracket = finder(text, ']');
  const nextPipe = finder(text, '|');
  const templates = pairTemplates(text);
  /** Closing brackets of links whose label is being read: skip them when reached. */
  const closers = new Map<number, number>();

  // Once a closer is nowhere ahead, its openers are plain text from there on.
  let tagsAhead = true;
  let linksAhead = true;

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const closer = closers.size ? closers.get(i) : undefined;
    if (closer !== undefined) {
      closers.delete(i);
      i += closer;
      continue;
    }
    if (c === '<' && tagsAhead) {
      const tagEnd = nextTagEnd(i + 1);
      tagsAhead = tagEnd !== -1;
      if (text.slice(i, i + 4).toLowerCase() === '<ref' && tagEnd !== -1) {
        const refEnd = nextRefEnd(tagEnd + 1);
        if (refEnd !== -1) {
          gap();
          i = refEnd + '</ref>'.length;
          continue;
        }
      }
      if (tagEnd > i + 1) {
        gap();
        i = tagEnd + 1;
        continue;
      }
    } else if (c === '{' && templates.size && text[i + 1] === '{') {
      const end = templates.get(i);
      if (end !== undefined) {
        gap();
        i = end + 2;
        continue;
      }
    } else if (c === '[' && linksAhead && text[i + 1] === '[') {
      // A link's inside holds no `]`; its label is what follows the first `|`.
      const end = nextLinkEnd(i + 2);
      linksAhead = end !== -1;
      if (end !== -1 && nextBracket(i + 2) === end) {
        const pipe = nextPipe(i + 2);
        closers.set(end, 2);
        i = pipe !== -1 && pipe < end ? pipe + 1 : i + 2;
        continue;
      }
    } else if (c === '[' && startsWithUrl(text, i + 1)) {
      const end = nextBracket(i + 1);
      if (end !== -1) {
        // The address runs to the first white space; the label follows it.
        let j = i + 1;
        while (j < end && !isSpace(text[j]!)) j++;
        const scheme = text[i + 5] === 's' ? 'https://' : 'http://';
        if (j > i + 1 + scheme.length) {
          closers.set(end, 1);
          i = j;
          continue;
        }
      }
    } else if (c === 'h' && startsWithUrl(text, i)) {
      let j = i + (text[i + 4] === 's' ? 8 : 7);
      if (j < text.length && !isSpace(text[j]!)) {
        while (j < text.length && !isSpace(text[j]!)) j++;
        gap();
        i = j;
        continue;
      }
    } else if ((c === "'" || c === '=') && text[i + 1] === c) {
      let j = i;
      while (text[j] === c) j++;
      gap();
      i = j;
      continue;
    } else if (atLineStart && '*#:;'.includes(c)) {
      let j = i;
      while (j < text.length && '*#:;'.includes(text[j]!)) j++;
      gap();
      i = j;
      continue;
    }
    emit(c);
    i++;
  }
  return out;
}

export function judgeEnglish(text: string): LanguageVerdict {
  const prose = proseOf(text);
  if (prose.length < MIN_REPORT_CHARS) return { ok: false, reason: 'too_short', length: prose.length };
  const share = englishShare(prose.slice(0, SAMPLE_CHARS));
  return share >= MIN_ENGLISH_SHARE
    ? { ok: true, englishShare: share }
    : { ok: false, reason: 'not_english', englishShare: share };
}
