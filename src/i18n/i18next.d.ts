import 'i18next';
import type { EN_RESOURCES } from './namespaces';

// Typed keys: `t('meta.title')` is checked against the English JSON at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof EN_RESOURCES;
  }
}
