import { useAppStore, type AppState } from '../store';
import { retryDelay } from './retry';

/** Cancels what it was returned for; calling it again, or after the work ran, does nothing. */
export type Cancel = () => void;

/**
 * The owner of a piece of the app's delayed and recurring work outside the jobs: the URL writer's
 * pauses, a link's landing, the backend's retries, the service worker's start, a job's waits.
 * Every timer the app starts for its own work is started here (eslint.config.js refuses
 * setTimeout, setInterval, requestIdleCallback and requestAnimationFrame elsewhere in src/state,
 * the UI folders and offline.ts), so whoever created an owner stops all of it with `stop()`.
 * After `stop()` nothing more runs: pending callbacks are dropped, a pending wait never resolves
 * (its awaiting code is abandoned, as a job's run is when its backend goes), and new work is refused.
 */
export class Timers {
  private readonly pending = new Set<Cancel>();
  private stopped = false;

  /** Whether `stop()` has been called. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Registers a started timer's cancel; `work` runs once unless cancelled first. */
  private own(start: (fire: () => void) => Cancel, work: () => void): Cancel {
    if (this.stopped) return () => {};
    let done = false;
    const cancel = () => {
      if (done) return;
      done = true;
      this.pending.delete(cancel);
      stopTimer();
    };
    const stopTimer = start(() => {
      if (done) return;
      done = true;
      this.pending.delete(cancel);
      work();
    });
    this.pending.add(cancel);
    return cancel;
  }

  /** Runs `work` once after `ms` milliseconds (a one-shot delay). */
  after(ms: number, work: () => void): Cancel {
    return this.own((fire) => {
      const timer = setTimeout(fire, ms);
      return () => clearTimeout(timer);
    }, work);
  }

  /**
   * Runs `work` when the page is next idle (requestIdleCallback), at most `timeoutMs` later;
   * where the browser has no idle callbacks, after `fallbackMs`.
   */
  whenIdle(work: () => void, { timeoutMs, fallbackMs }: { timeoutMs: number; fallbackMs: number }): Cancel {
    return this.own((fire) => {
      if (typeof requestIdleCallback !== 'function') {
        const timer = setTimeout(fire, fallbackMs);
        return () => clearTimeout(timer);
      }
      const handle = requestIdleCallback(fire, { timeout: timeoutMs });
      return () => cancelIdleCallback(handle);
    }, work);
  }

  /** Runs `work` once the next frame has been painted: at its animation frame, then a task. */
  afterPaint(work: () => void): Cancel {
    return this.own((fire) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(fire, 0)));
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }, work);
  }

  /** Resolves after `ms` milliseconds (never, once stopped). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => void this.after(ms, resolve));
  }

  /**
   * Resolves once `ms` have passed since the time `changedAt` reads from the store
   * (performance.now() ms, e.g. the lab's last press): read again after each wait, so a change
   * during the wait extends it. At once if that time is already `ms` past.
   */
  async untilQuiet(changedAt: (state: AppState) => number, ms: number): Promise<void> {
    const left = () => changedAt(useAppStore.getState()) + ms - performance.now();
    for (let wait = left(); wait > 0; wait = left()) await this.sleep(wait);
  }

  /**
   * Calls `attempt` after delay(0), then again after each longer wait (retryDelay: 2 s, doubling,
   * at most 30 s), until it resolves true or the returned cancel (or `stop()`) is called. One try
   * runs at a time: the next wait starts when a try has finished; a try that throws counts as false.
   * @returns cancel: no further tries are made (one in progress still finishes)
   */
  retry(attempt: () => Promise<boolean>, delay: (tries: number) => number = retryDelay): Cancel {
    let cancelled = false;
    let cancelWait: Cancel = () => {};
    const schedule = (tries: number) => {
      if (cancelled) return;
      cancelWait = this.after(delay(tries), () => {
        attempt().then(
          (done) => void (done || schedule(tries + 1)),
          () => schedule(tries + 1),
        );
      });
    };
    schedule(0);
    return () => {
      cancelled = true;
      cancelWait();
    };
  }

  /** Cancels everything pending and refuses new work. */
  stop(): void {
    this.stopped = true;
    for (const cancel of [...this.pending]) cancel();
  }
}
