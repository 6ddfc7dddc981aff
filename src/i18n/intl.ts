import { currentLocale } from './i18n';

/** A number in the page's language, for prose (figures' axes keep d3's formats). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}
