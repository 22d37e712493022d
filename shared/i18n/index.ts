// Languages and language choice, and the translator each feature's catalogue is read
// through. The catalogues themselves are one file per feature and language
// (shared/i18n/<lang>/<feature>.ts), loaded by the feature's module beside this one
// (shared/i18n/report.ts, ...): a function bundles only the catalogues of the features
// it uses, not all of them (every byte in a Lambda bundle costs cold start).
// English is complete and is the fallback for any missing key.
// Add a language: copy shared/i18n/en/, translate, list it in `languages` below and in
// each feature module.

export interface LanguageInfo {
  code: string;
  /** The language's own name, shown in the language links. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** BCP 47 tag for Intl date formatting. */
  locale: string;
}

export const languages: Record<string, LanguageInfo> = {
  en: { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB' },
  ur: { code: 'ur', name: 'اردو', dir: 'rtl', locale: 'ur-PK' },
};

export const DEFAULT_LANGUAGE = 'en';

export const supportedLanguages = (): LanguageInfo[] => Object.values(languages);

export function isSupported(code: string | undefined): code is string {
  return !!code && Object.hasOwn(languages, code);
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

export function languageInfo(lang: string): LanguageInfo {
  return languages[lang] ?? languages[DEFAULT_LANGUAGE]!;
}

export interface Translator<K extends string> {
  /** A message in `lang`, falling back to English, with {placeholders} filled in. */
  t(lang: string, key: K, vars?: Record<string, string | number>): string;
  /** Whether `lang`'s catalogue has its own text for `key` (not the English fallback). */
  has(lang: string, key: K): boolean;
}

/** The translator of one feature's catalogues: English complete, the others partial. */
export function translator<M extends Record<string, string>>(
  catalogues: { en: M } & Record<string, Partial<M>>,
): Translator<keyof M & string> {
  return {
    t(lang, key, vars = {}) {
      const template =
        (Object.hasOwn(catalogues, lang) ? catalogues[lang]![key] : undefined) ?? (catalogues.en as M)[key]!;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in vars ? String(vars[name]) : whole,
      );
    },
    has: (lang, key) => Object.hasOwn(catalogues, lang) && catalogues[lang]![key] !== undefined,
  };
}
