import { BACKENDS, isBackendName, type BackendName } from '../engine/backendPlan';
import {
  DEFAULT_LESSON,
  DEFAULT_PARAMS,
  defaultLesson,
  defaultParams,
  FIELD_NAMES,
  FIELDS,
  fieldOf,
  type FieldName,
  type ViewFields,
} from './fields';
import { DEFAULT_ENGINE, ENGINES, type Engine } from '../model/choices';
import { message, type Message } from '../i18n/message';
import type { Lesson } from './lesson';
import type { Params, Parsed } from './params';

/** The URL schema's version, written as `v=1`. Names and meanings of version 1 never change. */
export const SCHEMA_VERSION = 1;

export interface UrlView {
  params: Params;
  /** the walkthrough step, the pitfall toggle and the training setup */
  lesson: Lesson;
  /** a backend forced by `?backend=`, or null for the automatic choice */
  backend: BackendName | null;
  /** `?engine=reference` runs the unfused autodiff graph instead of the fused kernels */
  engine: Engine;
  /** what was adjusted, one line per parameter */
  notices: Message[];
}

// Longer values are cut before parsing: no parameter needs more, and regexes stay cheap.
const MAX_VALUE_LENGTH = 2000;
// tfjsflags is TensorFlow.js's own debug switch, read by tfjs itself from the address.
const TFJS_FLAGS = 'tfjsflags';
// embed and controls are read by embed.ts
const KNOWN_KEYS = new Set<string>([
  'v',
  'backend',
  'engine',
  'embed',
  'controls',
  TFJS_FLAGS,
  ...FIELD_NAMES.map((name) => FIELDS[name].link),
]);

/** A key or value from the URL, shortened for a notice (notices are plain text, never HTML). */
function quote(text: string): string {
  return JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);
}

function parseBackend(text: string): Parsed<BackendName | null> {
  return isBackendName(text)
    ? { value: text, notice: null }
    : { value: null, notice: message('app:notice.backendChoice', { choices: BACKENDS.join(', ') }) };
}

/** Reads the view from a query string. Never throws; every value goes through its rule. */
export function readUrl(search: string): UrlView {
  const query = new URLSearchParams(search);
  const params = defaultParams();
  const notices: Message[] = [];
  const first = (name: string): string | null => {
    const values = query.getAll(name);
    if (values.length === 0) return null;
    if (values.length > 1) notices.push(message('app:notice.repeated', { name, times: String(values.length) }));
    return (values[0] as string).slice(0, MAX_VALUE_LENGTH);
  };

  const version = first('v');
  if (version !== null && version !== String(SCHEMA_VERSION)) {
    notices.push(message('app:notice.schemaVersion', { version: quote(version), current: String(SCHEMA_VERSION) }));
  }
  const lesson = defaultLesson();
  for (const name of FIELD_NAMES) {
    const field = FIELDS[name];
    const text = first(field.link);
    if (text === null) continue;
    const parsed = field.parse(text);
    const target = (field.group === 'params' ? params : lesson) as Record<FieldName, unknown>;
    target[name] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  let backend: BackendName | null = null;
  const backendText = first('backend');
  if (backendText !== null) {
    const parsed = parseBackend(backendText);
    backend = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  let engine: Engine = DEFAULT_ENGINE;
  const engineText = first('engine');
  if (engineText !== null) {
    const found = ENGINES.find((name) => name === engineText.trim().toLowerCase());
    if (found) engine = found;
    else notices.push(message('app:notice.engineChoice', { choices: ENGINES.join(', ') }));
  }
  const tfjsFlags = query.get(TFJS_FLAGS);
  if (tfjsFlags !== null) {
    notices.push(message('app:notice.tfjsFlags', { flags: quote(tfjsFlags) }));
  }
  const unknown = [...new Set(query.keys())].filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map(quote).join(', ');
    notices.push(
      message('app:notice.unknownParams', {
        count: unknown.length,
        names: `${shown}${unknown.length > 3 ? ', …' : ''}`,
      }),
    );
  }
  return { params, lesson, backend, engine, notices };
}

// Commas stay readable in lists; everything else is percent-encoded.
const encode = (text: string) => encodeURIComponent(text).replace(/%2C/gi, ',');

/**
 * The query string for a view: `v=1`, then only the fields that differ from the defaults, by
 * their link names in the field table's order, then a forced backend and an engine other than the
 * default. Always starts with `?`.
 */
export function writeQuery(
  params: Params,
  backend: BackendName | null = null,
  lesson: Lesson = DEFAULT_LESSON,
  engine: Engine = DEFAULT_ENGINE,
): string {
  const parts = [`v=${SCHEMA_VERSION}`];
  const values = { ...params, ...lesson } as ViewFields;
  const defaults = { ...DEFAULT_PARAMS, ...DEFAULT_LESSON } as ViewFields;
  for (const name of FIELD_NAMES) {
    const field = fieldOf(name);
    const text = field.format(values[name]);
    if (text === field.format(defaults[name])) continue;
    parts.push(`${field.link}=${encode(text)}`);
  }
  if (backend !== null) parts.push(`backend=${backend}`);
  if (engine !== DEFAULT_ENGINE) parts.push(`engine=${engine}`);
  return `?${parts.join('&')}`;
}
