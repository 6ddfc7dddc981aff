import { message, type MessageValue } from '../../i18n/message';
import { englishMessage, errorMessage } from '../../i18n/messageText';
import { shallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../store';
import { Timers } from './timers';

/**
 * A recurring tfjs job: the view, the relaxations figure, the training demo. The scheduler owns
 * when each runs; a job says only what it depends on, when it may run, and what a run does.
 */
export interface Job {
  /** what it is called in a notice and the console */
  name: MessageValue;
  /** what a run depends on: the job runs again when any element changes (compared with `shallow`) */
  inputs: (state: AppState) => readonly unknown[];
  /** whether it may run now (a backend is up, its figure is on screen); a job not ready waits */
  ready: (state: AppState) => boolean;
  /**
   * `now`: in a microtask after the change, so a key press's result is painted in that frame
   * (the view). `frame`: at the next animation frame, coalescing every change until then.
   */
  timing: 'now' | 'frame';
  /**
   * One run; while its promise is pending no other run of this job starts, unless the backend
   * changes (AppState.backendEpoch): then the run is abandoned and a fresh one starts. Its waits
   * (a frame between encodes, a pause for the person's presses) go through `timers`, which the
   * function startJobs returns stops.
   */
  run: (timers: Timers) => void | Promise<void>;
  /** checked after each run: run again next frame even with the same inputs (training while playing) */
  again?: (state: AppState) => boolean;
  /**
   * Where `ready` says no (its figure is off screen), whether the job may still catch up once the
   * page has been quiet for IDLE_MS (no change to its inputs): what an export reads is then never
   * stale for long, and no key press pays for it.
   */
  whenIdle?: (state: AppState) => boolean;
  /**
   * Runs only once its inputs have stayed unchanged this long, ms (a debounce): work that follows
   * a change (MS-SSIM after a press) does not start on every step of a drag or a training run.
   */
  quietMs?: number;
}

/** How long the inputs of a job must stay unchanged before it catches up off screen. */
export const IDLE_MS = 800;

/**
 * Runs the jobs: each at most once at a time, coalesced (changes during a run lead to one more
 * run with the latest state, not one per change), and only when ready. A job that is not ready
 * keeps its change and runs when it becomes ready (its `ready` inputs are part of what is
 * watched). Errors are the job's to handle; one that escapes is reported and the job stays usable.
 * @returns a function that stops every job
 */
export function startJobs(jobs: readonly Job[]): () => void {
  const timers = new Timers();
  // when the person last changed the view (a key press, a drag step): work in the background (a
  // catch-up off screen, a debounced job) waits until the page has been quiet, so no press pays for it
  let interactedAt = -Infinity;
  const stopWatchingInteraction = useAppStore.subscribe(
    (state) => [state.params, state.lesson] as const,
    () => (interactedAt = performance.now()),
    { equalityFn: shallow },
  );
  /** How much longer background work must wait for `quiet` ms without a change by the person. */
  const untilQuiet = (quiet: number) => interactedAt + quiet - performance.now();
  const stops = jobs.map((job) => {
    let dirty = true;
    let running = false;
    // which run is current: a run started on a backend that is gone is abandoned (its promise may
    // never settle after a lost WebGL context) and its end is ignored
    let token = 0;
    let runEpoch = -1;
    let frame: number | null = null;
    let queued = false;
    let stopped = false;
    let idleTimer: ReturnType<typeof setTimeout> | null = null;
    let quietTimer: ReturnType<typeof setTimeout> | undefined;

    const clearIdle = () => {
      if (idleTimer !== null) clearTimeout(idleTimer);
      idleTimer = null;
    };
    const pump = (idle = false) => {
      frame = null;
      queued = false;
      if (stopped || running || !dirty) return;
      const state = useAppStore.getState();
      const ready = job.ready(state);
      if (!ready && idle && job.whenIdle?.(state) && untilQuiet(IDLE_MS) > 0) {
        // the person is still at it: catch up once they pause
        idleTimer = setTimeout(() => pump(true), untilQuiet(IDLE_MS));
        return;
      }
      if (!ready && !(idle && job.whenIdle?.(state))) {
        // not ready: catch up after a quiet spell, if the job may (each change restarts the wait)
        clearIdle();
        if (job.whenIdle?.(state)) idleTimer = setTimeout(() => pump(true), IDLE_MS);
        return;
      }
      clearIdle();
      dirty = false;
      running = true;
      const mine = ++token;
      runEpoch = state.backendEpoch;
      let result: void | Promise<void>;
      try {
        result = job.run(timers);
      } catch (error) {
        finish(mine, error);
        return;
      }
      if (result instanceof Promise)
        result.then(
          () => finish(mine, null),
          (error: unknown) => finish(mine, error),
        );
      else finish(mine, null);
    };
    const finish = (run: number, error: unknown) => {
      if (run !== token) return;
      running = false;
      if (error !== null) {
        console.warn(`job ${englishMessage(job.name)} failed:`, error);
        useAppStore
          .getState()
          .addNotices([message('app:notice.jobFailed', { job: job.name, error: errorMessage(error, true) })]);
      }
      if (!stopped && job.again?.(useAppStore.getState())) {
        dirty = true;
        frame ??= requestAnimationFrame(() => pump());
      } else if (dirty) schedule();
    };
    const schedule = () => {
      if (job.quietMs !== undefined) {
        // each change restarts the wait
        const quiet = job.quietMs;
        const afterQuiet = () => {
          const left = untilQuiet(quiet);
          if (left > 0) quietTimer = setTimeout(afterQuiet, left);
          else pump();
        };
        clearTimeout(quietTimer);
        quietTimer = setTimeout(afterQuiet, quiet);
      } else if (job.timing === 'now') {
        if (queued) return;
        queued = true;
        queueMicrotask(() => pump());
      } else {
        frame ??= requestAnimationFrame(() => pump());
      }
    };
    const unsubscribe = useAppStore.subscribe(
      (state) => [...job.inputs(state), job.ready(state)],
      () => {
        dirty = true;
        schedule();
      },
      { equalityFn: shallow },
    );
    const unsubscribeEpoch = useAppStore.subscribe(
      (state) => state.backendEpoch,
      (epoch) => {
        if (!running || epoch === runEpoch) return;
        token++;
        running = false;
        dirty = true;
        schedule();
      },
    );
    schedule();
    return () => {
      stopped = true;
      clearIdle();
      clearTimeout(quietTimer);
      unsubscribe();
      unsubscribeEpoch();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  });
  return () => {
    stopWatchingInteraction();
    timers.stop();
    stops.forEach((stop) => stop());
  };
}
