import { useAppStore } from './store';
import { readUrl, writeQuery } from './url';

/** A change counts as finished after this long without another one. */
const PAUSE_MS = 600;
/** At most one address update per this many ms: browsers throttle (and drop) faster history calls. */
const WRITE_INTERVAL_MS = 120;

/**
 * Keeps the URL and the params in step, both ways.
 *  - The first change after a finished one pushes a history entry; further changes while the
 *    person drags replace that entry. Pointer up, key up or a pause finishes the change, so
 *    the next one pushes again: Back goes to the view before the drag, not to each pixel of it.
 *  - Back and Forward (popstate) read the URL and restore its view.
 * @returns a function that stops syncing
 */
export function startUrlSync(): () => void {
  let changing = false;
  let pause: ReturnType<typeof setTimeout> | undefined;
  let restoring = false;
  let lastWrite = 0;
  let pendingWrite: ReturnType<typeof setTimeout> | undefined;

  const currentUrl = () => {
    const { params, requestedBackend, lesson } = useAppStore.getState();
    return `${window.location.pathname}${writeQuery(params, requestedBackend, lesson)}${window.location.hash}`;
  };
  const replaceNow = () => {
    clearTimeout(pendingWrite);
    pendingWrite = undefined;
    lastWrite = performance.now();
    window.history.replaceState(null, '', currentUrl());
  };
  const finishChange = () => {
    if (pendingWrite !== undefined) replaceNow(); // the entry ends with the change's last value
    changing = false;
    clearTimeout(pause);
  };

  const unsubscribe = useAppStore.subscribe(
    (state) => [state.params, state.lesson] as const,
    () => {
      if (restoring) return;
      if (!changing) {
        clearTimeout(pendingWrite);
        pendingWrite = undefined;
        lastWrite = performance.now();
        window.history.pushState(null, '', currentUrl());
        changing = true;
      } else if (pendingWrite === undefined) {
        pendingWrite = setTimeout(replaceNow, Math.max(0, lastWrite + WRITE_INTERVAL_MS - performance.now()));
      }
      clearTimeout(pause);
      pause = setTimeout(finishChange, PAUSE_MS);
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );

  const onPopState = () => {
    clearTimeout(pendingWrite);
    pendingWrite = undefined;
    changing = false;
    clearTimeout(pause);
    // A jump to an in-page anchor (#training) also fires popstate: the view has not changed.
    const { params, requestedBackend, lesson } = useAppStore.getState();
    if (window.location.search === writeQuery(params, requestedBackend, lesson)) return;
    const view = readUrl(window.location.search);
    restoring = true;
    try {
      useAppStore.setState({ params: view.params, lesson: view.lesson });
    } finally {
      restoring = false;
    }
  };

  window.addEventListener('popstate', onPopState);
  window.addEventListener('pointerup', finishChange, true);
  window.addEventListener('keyup', finishChange, true);
  return () => {
    unsubscribe();
    finishChange();
    window.removeEventListener('popstate', onPopState);
    window.removeEventListener('pointerup', finishChange, true);
    window.removeEventListener('keyup', finishChange, true);
  };
}

/** Rewrites the current entry's URL to the canonical form of the current view (after a link was read). */
export function canonicaliseUrl(): void {
  const { params, requestedBackend, lesson } = useAppStore.getState();
  const url = `${window.location.pathname}${writeQuery(params, requestedBackend, lesson)}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}
