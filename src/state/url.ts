import { BACKENDS, isBackendName, type BackendName } from '../engine/backendPlan';
import { DEFAULT_LESSON, defaultLesson, LESSON_NAMES, LESSON_SCHEMA, type Lesson } from './lesson';
import { DEFAULT_PARAMS, defaultParams, type Params, type Parsed } from './params';
import { PARAM_NAMES, PARAM_SCHEMA, SCHEMA_VERSION, sameValue } from './schema';

export interface UrlView {
  params: Params;
  /** the walkthrough step, the pitfall toggle and the training setup */
  lesson: Lesson;
  /** a backend forced by `?backend=`, or null for the automatic choice */
  backend: BackendName | null;
  /** what was adjusted, one line per parameter */
  notices: string[];
}

// Longer values are cut before parsing: no parameter needs more, and regexes stay cheap.
const MAX_VALUE_LENGTH = 2000;
// tfjsflags is TensorFlow.js's own debug switch, read by tfjs itself from the address.
const TFJS_FLAGS = 'tfjsflags';
const KNOWN_KEYS = new Set<string>(['v', 'backend', TFJS_FLAGS, ...PARAM_NAMES, ...LESSON_NAMES]);

/** A key or value from the URL, shortened for a notice (notices are plain text, never HTML). */
function quote(text: string): string {
  return JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
}

function parseBackend(text: string): Parsed<BackendName | null> {
  return isBackendName(text)
    ? { value: text, notice: null }
    : { value: null, notice: `backend must be one of ${BACKENDS.join(', ')}; chose automatically` };
}

/** Reads the view from a query string. Never throws; every value goes through its rule. */
export function readUrl(search: string): UrlView {
  const query = new URLSearchParams(search);
  const params = defaultParams();
  const notices: string[] = [];
  const first = (name: string): string | null => {
    const values = query.getAll(name);
    if (values.length === 0) return null;
    if (values.length > 1) notices.push(`${name} was given ${values.length} times; used the first`);
    return (values[0] as string).slice(0, MAX_VALUE_LENGTH);
  };

  const version = first('v');
  if (version !== null && version !== String(SCHEMA_VERSION)) {
    notices.push(`this link names schema version ${quote(version)}; read it as version ${SCHEMA_VERSION}`);
  }
  for (const name of PARAM_NAMES) {
    const text = first(name);
    if (text === null) continue;
    const parsed = PARAM_SCHEMA[name].parse(text);
    (params as Record<keyof Params, unknown>)[name] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  const lesson = defaultLesson();
  for (const name of LESSON_NAMES) {
    const text = first(name);
    if (text === null) continue;
    const parsed = LESSON_SCHEMA[name].parse(text);
    (lesson as Record<keyof Lesson, unknown>)[name] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  let backend: BackendName | null = null;
  const backendText = first('backend');
  if (backendText !== null) {
    const parsed = parseBackend(backendText);
    backend = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  const tfjsFlags = query.get(TFJS_FLAGS);
  if (tfjsFlags !== null) {
    notices.push(`TensorFlow.js debug flags from the link are in effect: ${quote(tfjsFlags)}`);
  }
  const unknown = [...new Set(query.keys())].filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map(quote).join(', ');
    notices.push(
      `ignored unknown parameter${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 3 ? ', …' : ''}`,
    );
  }
  return { params, lesson, backend, notices };
}

// Commas stay readable in lists; everything else is percent-encoded.
const encode = (text: string) => encodeURIComponent(text).replace(/%2C/gi, ',');

/**
 * The query string for a view: `v=1`, then only the params and lesson fields that differ from
 * the defaults, then a forced backend. Always starts with `?`.
 */
export function writeQuery(
  params: Params,
  backend: BackendName | null = null,
  lesson: Lesson = DEFAULT_LESSON,
): string {
  const parts = [`v=${SCHEMA_VERSION}`];
  for (const name of PARAM_NAMES) {
    if (sameValue(name, params[name], DEFAULT_PARAMS[name])) continue;
    parts.push(`${name}=${encode(PARAM_SCHEMA[name].format(params[name] as never))}`);
  }
  for (const name of LESSON_NAMES) {
    const text = LESSON_SCHEMA[name].format(lesson[name] as never);
    if (text === LESSON_SCHEMA[name].format(DEFAULT_LESSON[name] as never)) continue;
    parts.push(`${name}=${encode(text)}`);
  }
  if (backend !== null) parts.push(`backend=${backend}`);
  return `?${parts.join('&')}`;
}
