import { currentLocale } from './i18n';

/** A list in the page's language: "a, b and c" or "a、b 和 c". */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(currentLocale(), { style: 'long', type }).format(items);
}

/** A number in the page's language, for prose (figures' axes keep d3's formats). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}
