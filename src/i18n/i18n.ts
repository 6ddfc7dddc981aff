import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Language } from './languages';
import { DEFAULT_NAMESPACE, EN_RESOURCES, NAMESPACES } from './namespaces';

/**
 * The page's one i18next instance. English is bundled; another language's messages load the
 * first time it is chosen. Formulas never go through it: prose that holds one names it as a
 * component (`<f1/>` in the message, a KaTeX `<Formula>` from the code), so no message syntax
 * ever reads TeX. Nesting is off (its `$t(` prefix is replaced by one no text uses).
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh'],
  ns: NAMESPACES,
  defaultNS: DEFAULT_NAMESPACE,
  resources: { en: EN_RESOURCES },
  partialBundledLanguages: true,
  initAsync: false,
  returnNull: false,
  interpolation: {
    // React escapes what it renders; messages are never inserted as HTML
    escapeValue: false,
    nestingPrefix: '\u0000nest(',
    nestingSuffix: ')\u0000',
  },
  react: { useSuspense: false },
});

const loaded = new Set<Language>(['en']);

/** Loads a language's messages (once) and makes it the page's: messages, `<html lang>`, title. */
export async function setLanguage(language: Language): Promise<void> {
  if (!loaded.has(language)) {
    if (language === 'zh') {
      const { ZH_RESOURCES } = await import('./locales/zh/index');
      for (const [namespace, messages] of Object.entries(ZH_RESOURCES)) {
        i18n.addResourceBundle('zh', namespace, messages, true, true);
      }
    }
    loaded.add(language);
  }
  await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = LOCALES[language];
    document.title = i18n.t('meta.title');
    document.querySelector('meta[name="description"]')?.setAttribute('content', i18n.t('meta.description'));
  }
}

/** The language the page shows now. */
export function currentLanguage(): Language {
  return i18n.language === 'zh' ? 'zh' : 'en';
}

/** `Intl`'s locale for the language the page shows now. */
export function currentLocale(): string {
  return LOCALES[currentLanguage()];
}
