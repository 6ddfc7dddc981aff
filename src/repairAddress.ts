/**
 * Makes the address readable before anything else reads it. tfjs-core decodes every query
 * parameter with decodeURIComponent when it starts (its URL-flag reader), and a malformed
 * percent-escape (`?probes=%ff`, a lone `%`, overlong UTF-8, an encoded surrogate) makes that
 * throw and blanks the page. entry.ts imports this module first and the app afterwards.
 */

import { message, type Message } from './i18n/message';

/** The repaired address and what was dropped from it. */
export interface AddressRepair {
  /** the query string to use instead, `?...` or '' */
  search: string;
  /** the hash to use instead, `#...` or '' */
  hash: string;
  /** the dropped parts of the query, as they were written */
  dropped: string[];
  /** whether the #fragment was dropped */
  droppedHash: boolean;
}

/**
 * Whether decodeURIComponent takes the text. Its result is used on purpose: the minifier treats
 * the call as free of side effects and dropped it (and so the check) when the result was unused.
 */
function decodes(text: string): boolean {
  try {
    return typeof decodeURIComponent(text) === 'string';
  } catch {
    return false;
  }
}

// A dropped part is shown as its first characters, escapes left as typed (plain text, never HTML).
const shown = (text: string) => JSON.stringify(text.length > 32 ? `${text.slice(0, 32)}…` : text);

/**
 * Keeps each `&`-separated part of the query whose name and value both decode, and the hash if
 * it decodes; drops the rest. Pure and total: any string in, a decodable address out.
 */
export function repairAddress(search: string, hash: string): AddressRepair {
  const dropped: string[] = [];
  const query = search.startsWith('?') ? search.slice(1) : search;
  const kept = query.split('&').filter((part) => {
    if (part === '' || decodes(part)) return part !== '';
    dropped.push(part);
    return false;
  });
  const droppedHash = !decodes(hash);
  return { search: kept.length > 0 ? `?${kept.join('&')}` : '', hash: droppedHash ? '' : hash, dropped, droppedHash };
}

/** What the person is told: at most two lines, naming the first few dropped parts. */
export function repairNotices(repair: AddressRepair): Message[] {
  const notices: Message[] = [];
  const { dropped } = repair;
  if (dropped.length > 0) {
    const named = dropped.slice(0, 3).map(shown).join(', ');
    const more = dropped.length > 3 ? message('app:notice.andMore', { count: dropped.length - 3 }) : '';
    notices.push(message('app:notice.droppedParts', { count: dropped.length, named, more }));
  }
  if (repair.droppedHash) notices.push(message('app:notice.droppedHash'));
  return notices;
}

/** The repair made when the page loaded (run once, at import). */
export const addressRepair: AddressRepair = (() => {
  const { search, hash, pathname } = window.location;
  const repair = repairAddress(search, hash);
  if (repair.dropped.length > 0 || repair.droppedHash) {
    window.history.replaceState(window.history.state, '', `${pathname}${repair.search}${repair.hash}`);
  }
  return repair;
})();
