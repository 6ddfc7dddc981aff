import common from './common.json';
import figures from './figures.json';

/** The Chinese messages: one chunk, loaded only when Chinese is chosen. */
export const ZH_RESOURCES = { common, figures };
