import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store';
import { LANGUAGE_NAMES, LANGUAGES, LOCALES, type Language } from '../i18n/languages';

/** The visible switch: choosing a language puts it in the link (`lang=en|zh`). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLesson = useAppStore((state) => state.setLesson);
  const shown = i18n.language === 'zh' ? 'zh' : 'en';
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-switch"
        value={shown}
        onChange={(event) => setLesson({ lang: event.target.value as Language })}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={LOCALES[language]}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
