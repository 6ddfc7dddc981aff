import { shallow } from 'zustand/shallow';
import { useAppStore } from './store';
import { embedQuery } from './embed';
import { Timers, type Cancel } from './scheduler';
import { readUrl, writeQuery } from './url';

/** A change counts as finished after this long without another one. */
const PAUSE_MS = 600;

/**
 * A finished change's history entry is written when the page is next idle, at most this long
 * later (where there are no idle callbacks, after IDLE_FALLBACK_MS). A history call costs Chromium
 * here 10-40 ms of main thread and browser work (a same-document navigation, which also reloads
 * the favicon). Made on every slider step it doubled input-to-paint (p50 about 65 ms with a write
 * per key press, about 32 ms with none: `npm run bench`).
 */
const IDLE_WRITE_MS = 500;
const IDLE_FALLBACK_MS = 50;

/** The URL writer, running: how to stop it, and what it has still to write. */
export interface UrlSync {
  /** stops syncing (what is pending is written first) */
  stop: () => void;
  /**
   * How many history entries are still to be written: a change in progress counts one, and each
   * finished change waiting for an idle moment one more. 0 when the address is up to date (tests
   * wait for this instead of outlasting the timers).
   */
  pendingEntries: () => number;
}

/**
 * Keeps the URL and the params in step, both ways.
 *  - A change (a drag, a burst of key presses, a typed number) writes one history entry when it
 *    finishes: at pointer up, or after a pause of PAUSE_MS with no pointer held (a drag that
 *    rests, or a page too busy to move it for a while, is still one change). Back goes to the view before the
 *    change, not to each pixel or key press of it. The entry is written when the page is next
 *    idle, so the address never delays a frame of the drag.
 *  - A click (a link, a button, the end of a slider drag) is a change of its own and writes its
 *    entry at once, so Back right after it returns to the view before it.
 *  - Back and Forward (popstate) read the URL and restore its view.
 */
export function startUrlSync(): UrlSync {
  const timers = new Timers();
  let changing = false;
  let cancelPause: Cancel = () => {};
  let restoring = false;
  // a pointer is held down (a drag): only its release finishes the change
  let pointerHeld = false;
  // entries of finished changes not yet written, oldest first
  const queued: Array<{ url: string; cancel: Cancel }> = [];

  const currentUrl = () => `${window.location.pathname}${viewQuery()}${window.location.hash}`;
  const locationUrl = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;
  /** Writes the queued entries up to and including `entry`, in order. */
  const writeUpTo = (entry: { url: string; cancel: Cancel }) => {
    while (queued.length > 0) {
      const next = queued.shift() as { url: string; cancel: Cancel };
      next.cancel();
      // a change that ended where it began adds no entry
      if (next.url !== locationUrl()) window.history.pushState(null, '', next.url);
      if (next === entry) return;
    }
  };
  const finishChange = () => {
    cancelPause();
    if (!changing || pointerHeld) return;
    changing = false;
    const entry = { url: currentUrl(), cancel: () => {} };
    entry.cancel = timers.whenIdle(() => writeUpTo(entry), { timeoutMs: IDLE_WRITE_MS, fallbackMs: IDLE_FALLBACK_MS });
    queued.push(entry);
  };
  const writeAllNow = () => {
    finishChange();
    const last = queued[queued.length - 1];
    if (last) writeUpTo(last);
  };

  const unsubscribe = useAppStore.subscribe(
    (state) => [state.params, state.lesson] as const,
    () => {
      if (restoring) return;
      changing = true;
      cancelPause();
      cancelPause = timers.after(PAUSE_MS, finishChange);
    },
    { equalityFn: shallow },
  );

  const onPopState = () => {
    // the browser has already moved: entries not yet written are dropped, not pushed on top
    for (const entry of queued.splice(0)) entry.cancel();
    changing = false;
    cancelPause();
    // A jump to an in-page anchor (#training) also fires popstate: the view has not changed.
    if (window.location.search === viewQuery()) return;
    const view = readUrl(window.location.search);
    restoring = true;
    try {
      useAppStore.getState().restoreView(view.params, view.lesson);
    } finally {
      restoring = false;
    }
  };

  const onPointerDown = () => {
    pointerHeld = true;
  };
  const onPointerUp = () => {
    pointerHeld = false;
    finishChange();
  };

  window.addEventListener('popstate', onPopState);
  window.addEventListener('pointerdown', onPointerDown, true);
  window.addEventListener('pointerup', onPointerUp, true);
  window.addEventListener('pointercancel', onPointerUp, true);
  // a release the page never saw (outside the window)
  window.addEventListener('blur', onPointerUp);
  // bubbling: after the click's own handlers have changed the view
  window.addEventListener('click', writeAllNow);
  // leaving or hiding the page writes what is pending, so a reload or a restored tab has it
  window.addEventListener('pagehide', writeAllNow);
  const stop = () => {
    unsubscribe();
    writeAllNow();
    timers.stop();
    window.removeEventListener('popstate', onPopState);
    window.removeEventListener('pointerdown', onPointerDown, true);
    window.removeEventListener('pointerup', onPointerUp, true);
    window.removeEventListener('pointercancel', onPointerUp, true);
    window.removeEventListener('blur', onPointerUp);
    window.removeEventListener('click', writeAllNow);
    window.removeEventListener('pagehide', writeAllNow);
  };
  return { stop, pendingEntries: () => (changing ? 1 : 0) + queued.length };
}

/** The query string of the store's view: its fields, backend and engine, then the embed's. */
function viewQuery(): string {
  const { params, requestedBackend, lesson, engine, embed } = useAppStore.getState();
  return `${writeQuery(params, requestedBackend, lesson, engine)}${embedQuery(embed)}`;
}

/** Rewrites the current entry's URL to the canonical form of the current view (after a link was read). */
export function canonicaliseUrl(): void {
  window.history.replaceState(null, '', `${window.location.pathname}${viewQuery()}${window.location.hash}`);
}
