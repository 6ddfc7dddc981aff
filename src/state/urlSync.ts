import { selectParams, useAppStore } from './store';
import { readUrl, writeQuery } from './url';

/** A change counts as finished after this long without another one. */
const PAUSE_MS = 600;

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

  const finishChange = () => {
    changing = false;
    clearTimeout(pause);
  };

  const unsubscribe = useAppStore.subscribe(selectParams, (params) => {
    if (restoring) return;
    const { requestedBackend } = useAppStore.getState();
    const url = `${window.location.pathname}${writeQuery(params, requestedBackend)}${window.location.hash}`;
    if (changing) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    changing = true;
    clearTimeout(pause);
    pause = setTimeout(finishChange, PAUSE_MS);
  });

  const onPopState = () => {
    finishChange();
    const view = readUrl(window.location.search);
    restoring = true;
    try {
      useAppStore.setState({ params: view.params });
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
  const { params, requestedBackend } = useAppStore.getState();
  const url = `${window.location.pathname}${writeQuery(params, requestedBackend)}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}
