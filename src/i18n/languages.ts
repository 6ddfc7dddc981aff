/**
 * The languages the page speaks, and how a view picks one: `lang` in the link, else the
 * browser's languages, else English.
 */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The link's `lang` field: a language, or `auto` (the browser's; never written to a link). */
export const LANGUAGE_CHOICES = ['auto', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** `<html lang>` and `Intl`'s locale for each language. */
export const LOCALES: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: '中文' };

/** The first of the browser's languages that the page speaks (any `zh-*` is Simplified Chinese). */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export function resolveLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'auto' ? browserLanguage(preferred) : choice;
}
