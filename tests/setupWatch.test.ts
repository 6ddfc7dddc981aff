import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETUP_PAUSE_MS, watchSetup } from '../src/state/scheduler';
import { useAppStore } from '../src/state/store';

let stop: () => void = () => {};
afterEach(() => {
  stop();
  vi.useRealTimers();
});

/** A run whose setup is the temperature it was started with; it records pauses and resets. */
function fakeRun(ready?: () => boolean) {
  const run = { setup: useAppStore.getState().params.temperature, pauses: 0, resets: 0 };
  stop = watchSetup({
    inputs: (state) => [state.params.temperature, state.onScreen.training],
    stale: (state) => state.params.temperature !== run.setup,
    pause: () => void run.pauses++,
    reset: () => {
      run.resets++;
      run.setup = useAppStore.getState().params.temperature;
    },
    ...(ready ? { ready: () => ready() } : {}),
  });
  return run;
}

describe('a set-up watch (the scheduler owns its pause)', () => {
  it('pauses a stale run at once and resets it once the setup has been quiet for SETUP_PAUSE_MS', () => {
    vi.useFakeTimers();
    useAppStore.getState().setParam('temperature', 1);
    const run = fakeRun();
    for (const temperature of [0.9, 0.8, 0.7]) {
      useAppStore.getState().setParam('temperature', temperature);
      vi.advanceTimersByTime(SETUP_PAUSE_MS - 10); // a drag: each tick restarts the wait
    }
    expect(run.pauses).toBe(3);
    expect(run.resets).toBe(0);
    vi.advanceTimersByTime(20);
    expect(run).toMatchObject({ resets: 1, setup: 0.7 });
    // a change back to the run's own setup is not stale: nothing happens
    useAppStore.getState().setParam('temperature', 0.7);
    vi.advanceTimersByTime(SETUP_PAUSE_MS * 2);
    expect(run).toMatchObject({ pauses: 3, resets: 1 });
  });

  it('where it is not ready, waits, and resets a stale run when it becomes ready', () => {
    vi.useFakeTimers();
    useAppStore.getState().setParam('temperature', 1);
    const onScreen = (visible: boolean) =>
      useAppStore.setState((state) => ({ onScreen: { ...state.onScreen, training: visible } }));
    onScreen(false);
    const run = fakeRun(() => useAppStore.getState().onScreen.training === true);
    useAppStore.getState().setParam('temperature', 0.5);
    vi.advanceTimersByTime(SETUP_PAUSE_MS * 3);
    expect(run).toMatchObject({ pauses: 1, resets: 0 });
    onScreen(true);
    expect(run).toMatchObject({ resets: 1, setup: 0.5 });
  });
});
