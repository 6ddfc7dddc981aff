import type { EN_RESOURCES, Namespace } from './namespaces';
import { i18n } from './i18n';

/** Every dotted key of a messages object, plural suffixes folded (`count_one` → `count`). */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
  ? Base
  : K;

/** A message's key with its namespace, e.g. `app:notice.notFinite`. */
export type MessageKey = { [N in Namespace]: `${N}:${WithoutPlural<Leaves<(typeof EN_RESOURCES)[N]>>}` }[Namespace];

/** A list of values shown in a row, joined the language's way (`, ` / `，`, or `; ` / `；`). */
export interface MessageList {
  list: readonly MessageValue[];
  separator?: 'comma' | 'semicolon';
}

/** What a message's placeholders take: text as is, numbers, other messages and lists of them. */
export type MessageValue = string | number | Message | MessageList;

/**
 * A message the app produces outside React (a notice, a backend's reason, an error), kept as
 * its key and values so that it is translated when shown and shown again in a new language
 * when the person switches. `count` picks the plural form.
 */
export interface Message {
  key: MessageKey;
  values?: Readonly<Record<string, MessageValue>>;
}

/** A message descriptor; values that are messages are translated with it. */
export function message(key: MessageKey, values?: Readonly<Record<string, MessageValue>>): Message {
  return values ? { key, values } : { key };
}

/** A row of values for a placeholder, joined the language's way. */
export function messageList(list: readonly MessageValue[], separator: MessageList['separator'] = 'comma'): MessageList {
  return { list, separator };
}

function isMessage(value: MessageValue): value is Message {
  return typeof value === 'object' && 'key' in value;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function render(value: MessageValue, t: Translate): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (isMessage(value)) return renderWith(value, t);
  const separator = t(value.separator === 'semicolon' ? 'app:join.semicolon' : 'app:join.comma');
  return value.list.map((item) => render(item, t)).join(separator);
}

function renderWith(text: Message, t: Translate): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) values[name] = render(value, t);
  return t(text.key, values);
}

/** A message in the page's language now (for display: read it again when the language changes). */
export function translateMessage(text: MessageValue): string {
  return String(render(text, i18n.t as unknown as Translate));
}

/** A message in plain English, for places that need a string: the export, the console, tests. */
export function englishMessage(text: MessageValue): string {
  return String(render(text, i18n.getFixedT('en') as unknown as Translate));
}

/** An error whose message is a message descriptor (its `message` is the English rendering). */
export class MessageError extends Error {
  constructor(readonly descriptor: Message) {
    super(englishMessage(descriptor));
  }
}

/**
 * What an error says: its descriptor when it has one, else its text (tfjs and the browser speak
 * English). `withName` keeps the error's name in front (`Error: ...`), as `String(error)` does.
 */
export function errorMessage(error: unknown, withName = false): MessageValue {
  if (error instanceof MessageError) return error.descriptor;
  if (withName) return String(error);
  return error instanceof Error ? error.message : String(error);
}
