import app from './locales/en/app.json';
import common from './locales/en/common.json';
import figures from './locales/en/figures.json';
import lab from './locales/en/lab.json';
import teach from './locales/en/teach.json';

/**
 * The English messages, one JSON file per part of the page (a namespace), bundled with the app.
 * Each namespace has a file of the same name in every other language (`locales/<lang>/`), loaded
 * only when that language is chosen. Add a namespace here and in `locales/zh/index.ts`.
 */
export const EN_RESOURCES = { common, app, figures, lab, teach } as const;
export type Namespace = keyof typeof EN_RESOURCES;
export const NAMESPACES = Object.keys(EN_RESOURCES) as Namespace[];
export const DEFAULT_NAMESPACE: Namespace = 'common';
