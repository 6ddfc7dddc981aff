import type { EN_RESOURCES, Namespace } from './namespaces';

// Descriptors only: no i18next here, so pure modules (the backend plan, the link reader) and the
// address repair that runs before the app can name messages. messageText.ts renders them.

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

export function isMessage(value: MessageValue): value is Message {
  return typeof value === 'object' && 'key' in value;
}
