// Is a report written in English? Judged by franc-min (trigram profiles of the most
// spoken languages, ~175 KB bundled). Chosen over eld and tinyld after trying all three
// on English, Urdu, Roman Urdu and mixed samples; the evidence is in docs/reports.md.

import { franc } from 'franc-min';

/** Shorter texts are placeholders ("report here"), not reports. */
export const MIN_REPORT_CHARS = 200;

export type LanguageVerdict =
  | { ok: true; detected: 'eng' }
  | { ok: false; reason: 'too_short'; length: number }
  | { ok: false; reason: 'not_english'; detected: string };

/** Wikitext markup and links carry no language; judge the words people wrote. */
export function proseOf(text: string): string {
  return text
    .replace(/<ref[^>]*>[\s\S]*?<\/ref>/gi, ' ')
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[https?:\/\/\S+\s*([^\]]*)\]/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/'{2,}|={2,}|^[*#:;]+/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function judgeEnglish(text: string): LanguageVerdict {
  const prose = proseOf(text);
  if (prose.length < MIN_REPORT_CHARS) return { ok: false, reason: 'too_short', length: prose.length };
  const detected = franc(prose, { minLength: MIN_REPORT_CHARS });
  return detected === 'eng' ? { ok: true, detected } : { ok: false, reason: 'not_english', detected };
}
