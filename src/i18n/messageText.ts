import { i18n } from './i18n';
import { isMessage, type Message, type MessageValue } from './message';

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
