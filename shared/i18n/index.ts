// Message catalogues and language choice. One catalogue per language
// (shared/i18n/<lang>/), split into one file per feature so features grow
// independently; English is complete and is the fallback for any missing key.
// Add a language: copy shared/i18n/en/, translate, and list it in `catalogues` below.

import en from './en/index.ts';
import ur from './ur/index.ts';

export type Messages = typeof en;
export type MessageKey = keyof Messages;

export interface LanguageInfo {
  code: string;
  /** The language's own name, shown in the language links. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** BCP 47 tag for Intl date formatting. */
  locale: string;
}

export const catalogues: Record<string, { info: LanguageInfo; messages: Partial<Messages> }> = {
  en: { info: { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB' }, messages: en },
  ur: { info: { code: 'ur', name: 'اردو', dir: 'rtl', locale: 'ur-PK' }, messages: ur },
};

export const DEFAULT_LANGUAGE = 'en';

export const supportedLanguages = (): LanguageInfo[] => Object.values(catalogues).map((c) => c.info);

export function isSupported(code: string | undefined): code is string {
  return !!code && Object.hasOwn(catalogues, code);
}

/** ?lang= first, then Accept-Language (by quality), then English. */
export function negotiateLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): string {
  const q = queryLang?.trim().toLowerCase();
  if (isSupported(q)) return q;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = qParam ? Number(qParam.slice(2)) : 1;
      return {
        base: tag.toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((x) => x.base && x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.find((x) => isSupported(x.base))?.base ?? DEFAULT_LANGUAGE;
}

/** A message in `lang`, falling back to English, with {placeholders} filled in. */
export function t(lang: string, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = catalogues[lang]?.messages[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function languageInfo(lang: string): LanguageInfo {
  return (catalogues[lang] ?? catalogues[DEFAULT_LANGUAGE]!).info;
}
