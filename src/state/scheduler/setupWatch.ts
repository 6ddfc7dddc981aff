import { shallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store';

/** How long a run's setup must stay unchanged before a fresh run starts, ms. */
export const SETUP_PAUSE_MS = 150;

/**
 * A run that restarts when its setup changes (the training demo, the learned codec): what the
 * setup is read from, when the run no longer matches it, and how to pause and reset it.
 */
export interface SetupWatch {
  /** the store's fields the setup is read from (compared with `shallow`) */
  inputs: (state: AppState) => readonly unknown[];
  /** whether a run exists and its setup differs from the store's */
  stale: (state: AppState) => boolean;
  /** stops the run at once: a changed setup must not take another step */
  pause: (state: AppState) => void;
  /** starts a fresh run */
  reset: () => void;
  /** where a reset may happen (its figure on screen); a stale run resets when this turns true */
  ready?: (state: AppState) => boolean;
}

/**
 * Watches a run's setup: a change that makes the run stale pauses it at once and resets it after
 * SETUP_PAUSE_MS without another change (not on every tick of a slider drag), where it is ready.
 * @returns a function that stops watching
 */
export function watchSetup(watch: SetupWatch): () => void {
  let pause: ReturnType<typeof setTimeout> | undefined;
  const ready = (state: AppState) => watch.ready?.(state) ?? true;
  const resetIfStale = () => {
    clearTimeout(pause);
    if (watch.stale(useAppStore.getState())) watch.reset();
  };
  const unsubscribeSetup = useAppStore.subscribe(
    watch.inputs,
    () => {
      const state = useAppStore.getState();
      if (!watch.stale(state)) return;
      watch.pause(state);
      clearTimeout(pause);
      pause = setTimeout(() => {
        if (ready(useAppStore.getState())) resetIfStale();
      }, SETUP_PAUSE_MS);
    },
    { equalityFn: shallow },
  );
  const readyNow = watch.ready;
  const unsubscribeReady = readyNow
    ? useAppStore.subscribe(readyNow, (isReady) => {
        if (isReady) resetIfStale();
      })
    : () => undefined;
  if (readyNow?.(useAppStore.getState())) resetIfStale();
  return () => {
    unsubscribeSetup();
    unsubscribeReady();
    clearTimeout(pause);
  };
}
