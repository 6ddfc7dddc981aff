import { useAppStore } from '../state/store';
import { setLanguage } from './i18n';
import { resolveLanguage } from './languages';

/** The language a view asks for: its link's `lang`, else the browser's. */
export function viewLanguage() {
  return resolveLanguage(useAppStore.getState().lesson.lang, navigator.languages ?? [navigator.language]);
}

/** Follows the store's `lang` (the switch, Back and Forward) with the page's messages. */
export function startLanguageSync(): void {
  let last = useAppStore.getState().lesson.lang;
  useAppStore.subscribe((state) => {
    if (state.lesson.lang === last) return;
    last = state.lesson.lang;
    void setLanguage(viewLanguage());
  });
}
