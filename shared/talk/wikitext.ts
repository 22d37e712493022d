// The wikitext of a talk-page notice, built by our own code. Everything that comes from
// outside (the affiliate's name and page, an organizer's reason, dates, the notice text
// itself) goes through `plainText`, which turns every character wikitext could read as
// markup into an HTML entity, so it renders as the same characters and nothing else:
// no links, templates, tags, comments, signatures, headings, lists or magic words.
// Only the pings, the marker and the signature are markup, and we write those.

import { NO_LONE_SURROGATE } from '../text.ts';

/** A meta-wiki user name we can link: one line, none of MediaWiki's forbidden characters. */
export const WIKI_USERNAME = /^[^#<>[\]|{}/@:\p{Cc}\p{Cf}\u00a0\u2028\u2029]{1,85}$/u;

/**
 * Nearly the same rule as a JSON Schema pattern, for the API document (as sent, before
 * trimming): written to mean the same with or without the regex unicode flag, so it
 * names the format characters of the Basic Multilingual Plane only; the others are
 * refused all the same (the route says so in beyondSchema).
 */
export const WIKI_USERNAME_PATTERN = `^${NO_LONE_SURROGATE}(?=.*\\S)[^#<>\\[\\]|{}/@:\\x00-\\x1F\\x7F-\\x9F\\u00A0\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u0890\\u0891\\u08E2\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB]{1,85}$`;

export const isWikiUsername = (name: string) => WIKI_USERNAME.test(name) && name.trim() === name;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '{': '&#123;',
  '}': '&#125;',
  '|': '&#124;',
  "'": '&#39;',
  '~': '&#126;',
};
// At the start of a line these begin a heading, list, indent, definition or rule.
const LINE_START: Record<string, string> = {
  '=': '&#61;',
  '*': '&#42;',
  '#': '&#35;',
  ':': '&#58;',
  ';': '&#59;',
  '-': '&#45;',
};

/** Text that wikitext shows exactly as written (paragraphs kept, markup inert). */
export function plainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      // A leading space makes a preformatted block; a line start may begin a structure.
      const trimmed = line.replace(/^[ \t]+/, '');
      const escaped = trimmed
        .replace(/[&<>[\]{}|'~]/g, (c) => ENTITY[c]!)
        // Behaviour switches (__NOTOC__) and the end of a heading line.
        .replace(/__/g, '_&#95;')
        .replace(/=$/, '&#61;');
      const first = escaped.charAt(0);
      return LINE_START[first] ? LINE_START[first] + escaped.slice(1) : escaped;
    })
    .join('\n');
}

/** A section title: one line, markup inert, and no = that would end the heading early. */
export function sectionTitle(text: string): string {
  return plainText(text.replace(/\s+/g, ' ').trim()).replace(/=/g, '&#61;').slice(0, 250);
}

/** An edit summary: plain words only (summaries read [[links]] and section comments). */
export function editSummary(text: string): string {
  return text
    .replace(/[[\]{}|<>*/]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 490);
}

/** An invisible marker in the section, so a retry can tell that an earlier attempt landed. */
export const noticeMarker = (id: string) =>
  `<!-- affiliate-compliance notice ${id.replace(/[^A-Za-z0-9]/g, '')} -->`;

export interface TalkNotice {
  /** The notice text (plain text, paragraphs separated by blank lines). */
  text: string;
  /** User names to ping (already checked with isWikiUsername; others are left out). */
  ping: string[];
  /** Identifies this notice in the page (see noticeMarker). */
  markerId: string;
  /** Said in the ping line: who these people are. */
  pingIntro: string;
}

/** The section body: marker, pings, the text, and a signature (pings need one to notify). */
export function noticeWikitext(notice: TalkNotice): string {
  const users = notice.ping.filter(isWikiUsername);
  const pings = users.length
    ? `${plainText(notice.pingIntro)} ${users.map((u) => `[[User:${u}|${u}]]`).join(', ')}\n\n`
    : '';
  return `${noticeMarker(notice.markerId)}\n${pings}${plainText(notice.text)}\n\n~~~~`;
}
