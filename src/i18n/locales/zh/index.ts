import app from './app.json';
import common from './common.json';
import figures from './figures.json';
import lab from './lab.json';
import teach from './teach.json';

/** The Chinese messages: one chunk, loaded only when Chinese is chosen. */
export const ZH_RESOURCES = { common, app, figures, lab, teach };
