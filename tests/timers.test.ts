import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message } from '../src/i18n/message';
import { startJobs, Timers } from '../src/state/scheduler';
import { useAppStore } from '../src/state/store';

// the scheduler's Timers owner: one-shot delays, idle callbacks, a painted frame, waits for quiet
describe('a Timers owner', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs a delayed one-shot once, after its delay; a cancelled one never', () => {
    const timers = new Timers();
    const ran: string[] = [];
    timers.after(100, () => ran.push('a'));
    const cancel = timers.after(150, () => ran.push('b'));
    vi.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    cancel();
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1000);
    expect(ran).toEqual(['a']);
  });

  it('stop cancels everything pending and refuses new work', () => {
    const timers = new Timers();
    const ran: string[] = [];
    timers.after(10, () => ran.push('delay'));
    timers.whenIdle(() => ran.push('idle'), { timeoutMs: 500, fallbackMs: 50 });
    timers.stop();
    timers.after(10, () => ran.push('after stop'));
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual([]);
    expect(timers.isStopped).toBe(true);
  });

  it('whenIdle uses requestIdleCallback with its timeout, and a delay where there is none', () => {
    const timers = new Timers();
    const ran: string[] = [];
    // node has no idle callbacks: the fallback delay
    timers.whenIdle(() => ran.push('fallback'), { timeoutMs: 500, fallbackMs: 50 });
    vi.advanceTimersByTime(49);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['fallback']);

    const asked: number[] = [];
    const cancelled: number[] = [];
    let idle: (() => void) | null = null;
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options: { timeout: number }) => {
      asked.push(options.timeout);
      idle = callback;
      return 7;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => cancelled.push(handle));
    timers.whenIdle(() => ran.push('idle'), { timeoutMs: 500, fallbackMs: 50 });
    vi.advanceTimersByTime(1000);
    expect(ran).toEqual(['fallback']); // only the browser's idle callback runs it
    expect(asked).toEqual([500]);
    (idle as unknown as () => void)();
    expect(ran).toEqual(['fallback', 'idle']);
    timers.whenIdle(() => ran.push('never'), { timeoutMs: 500, fallbackMs: 50 });
    timers.stop();
    expect(cancelled).toEqual([7]);
  });

  it('afterPaint runs in a task after the next animation frame', () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const timers = new Timers();
    let painted = false;
    timers.afterPaint(() => (painted = true));
    vi.advanceTimersByTime(100);
    expect(painted).toBe(false);
    frames.shift()?.();
    expect(painted).toBe(false);
    vi.advanceTimersByTime(0);
    expect(painted).toBe(true);
  });

  it('untilQuiet resolves once the store time has been ms past, waiting longer for each later change', async () => {
    const timers = new Timers();
    const at = () => performance.now();
    useAppStore.getState().updateLab({ pressedAt: at() });
    let quiet = false;
    void timers.untilQuiet((state) => state.lab.pressedAt, 400).then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(300);
    useAppStore.getState().updateLab({ pressedAt: at() }); // another press
    await vi.advanceTimersByTimeAsync(300);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(quiet).toBe(true);

    // long quiet already: at once
    let atOnce = false;
    void timers.untilQuiet((state) => state.lab.pressedAt, 400).then(() => (atOnce = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(atOnce).toBe(true);
  });

  it('a wait pending when stopped never resolves (its job is abandoned)', async () => {
    const timers = new Timers();
    let woke = false;
    void timers.sleep(100).then(() => (woke = true));
    timers.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(woke).toBe(false);
  });
});

describe("a job's waits", () => {
  afterEach(() => void vi.useRealTimers());

  it('go through the Timers of startJobs, which its stop cancels', async () => {
    vi.useFakeTimers();
    const steps: number[] = [];
    const stop = startJobs([
      {
        name: message('app:job.curves'),
        inputs: () => [],
        ready: () => true,
        timing: 'now',
        run: async (timers) => {
          for (let step = 0; step < 5; step++) {
            steps.push(step);
            await timers.sleep(100);
          }
        },
      },
    ]);
    await vi.advanceTimersByTimeAsync(250);
    expect(steps).toEqual([0, 1, 2]);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(steps).toEqual([0, 1, 2]);
  });
});
