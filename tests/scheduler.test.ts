import { message } from '../src/i18n/message';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../src/i18n/i18n';
import { translateMessage } from '../src/i18n/messageText';
import { IDLE_MS, startJobs, type Job } from '../src/state/scheduler';
import { useAppStore } from '../src/state/store';

// node has no animation frames: a frame is a macrotask here
Object.assign(globalThis, {
  requestAnimationFrame: (callback: () => void) => setTimeout(callback, 0) as unknown as number,
  cancelAnimationFrame: (handle: number) => clearTimeout(handle),
});

const CPU = { name: 'cpu' as const, reason: message('app:backend.cpu'), renderer: null, failures: [], warning: null };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: () => void = () => {};
afterEach(() => {
  stop();
  vi.useRealTimers();
});

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the scheduler', () => {
  it("a failed run adds a notice naming the job, as a message that follows the page's language", async () => {
    useAppStore.setState({ backend: CPU, notices: [] });
    const job: Job = {
      name: message('app:job.quantizer'),
      inputs: (state) => [state.params.temperature],
      ready: () => true,
      timing: 'now',
      run: () => {
        throw new Error('out of memory');
      },
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    stop = startJobs([job]);
    await tick();
    expect(warn).toHaveBeenCalledWith('job The quantizer failed:', expect.any(Error));
    warn.mockRestore();
    const notice = useAppStore.getState().notices.at(-1);
    if (!notice) throw new Error('no notice');
    expect(translateMessage(notice)).toBe('The quantizer failed: Error: out of memory');
    await setLanguage('zh');
    expect(translateMessage(notice)).toBe('量化器 失败：Error: out of memory');
    await setLanguage('en');
  });

  it('runs a job that is off screen only after its inputs stayed unchanged for IDLE_MS', async () => {
    useAppStore.setState({ backend: CPU, onScreen: { ...useAppStore.getState().onScreen, lab: false } });
    const seen: number[] = [];
    const job: Job = {
      name: 'test',
      inputs: (state) => [state.params.temperature],
      ready: (state) => state.onScreen.lab === true,
      whenIdle: (state) => state.backend !== null,
      timing: 'now',
      run: () => void seen.push(useAppStore.getState().params.temperature),
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
    stop = startJobs([job]);
    await wait(IDLE_MS / 2);
    useAppStore.getState().setParam('temperature', 0.7);
    await wait(IDLE_MS / 2 + 100);
    expect(seen, 'a change restarts the wait').toEqual([]);
    await wait(IDLE_MS / 2 + 100);
    expect(seen).toEqual([0.7]);
    await wait(IDLE_MS + 100);
    expect(seen, 'nothing changed: no second run').toEqual([0.7]);
    // on screen it runs at once
    useAppStore.setState({ onScreen: { ...useAppStore.getState().onScreen, lab: true } });
    useAppStore.getState().setParam('temperature', 0.8);
    await wait(0);
    expect(seen).toEqual([0.7, 0.8]);
    useAppStore.setState({ onScreen: { ...useAppStore.getState().onScreen, lab: false } });
  });

  it('holds background work (a catch-up off screen, a debounced job) while the person keeps changing the view', async () => {
    useAppStore.setState({ backend: CPU, onScreen: { ...useAppStore.getState().onScreen, lab: false } });
    const ran: string[] = [];
    // neither depends on the temperature: only the person's presses hold them back
    const catchUp: Job = {
      name: 'catch-up',
      inputs: (state) => [state.lesson.image],
      ready: (state) => state.onScreen.lab === true,
      whenIdle: () => true,
      timing: 'frame',
      run: () => void ran.push('catch-up'),
    };
    const debounced: Job = {
      name: 'debounced',
      inputs: (state) => [state.lesson.image],
      ready: () => true,
      timing: 'frame',
      quietMs: 300,
      run: () => void ran.push('debounced'),
    };
    // fake clocks: the waits are exact however busy the machine is
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
    stop = startJobs([catchUp, debounced]);
    // presses every 100 ms for 1.5 IDLE_MS: longer than either wait
    for (let t = 0; t < IDLE_MS * 1.5; t += 100) {
      useAppStore.getState().setParam('temperature', 1 + (t % 200) / 1000);
      await wait(100);
    }
    expect(ran, 'nothing ran while the person pressed').toEqual([]);
    await wait(400);
    expect(ran, 'the debounced job after 300 ms of quiet').toEqual(['debounced']);
    await wait(IDLE_MS);
    expect(ran, 'the catch-up after IDLE_MS of quiet').toEqual(['debounced', 'catch-up']);
  });

  it('runs a job once for a burst of changes, with the latest state, one run at a time', async () => {
    useAppStore.setState({ backend: CPU });
    const seen: number[] = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const job: Job = {
      name: 'test',
      inputs: (state) => [state.params.temperature],
      ready: (state) => state.backend !== null,
      timing: 'now',
      run: () => {
        seen.push(useAppStore.getState().params.temperature);
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
    };
    stop = startJobs([job]);
    await tick();
    expect(seen).toHaveLength(1);
    for (let k = 1; k <= 10; k++) useAppStore.getState().setParam('temperature', 1 + k / 10);
    await tick();
    expect(seen).toHaveLength(1); // the first run still holds the job
    gates[0]?.resolve();
    await tick();
    expect(seen).toEqual([seen[0], 2]); // one more run, with the latest value only
    gates[1]?.resolve();
    await tick();
    expect(seen).toHaveLength(2);
  });

  it('waits while not ready, and abandons a run left on a backend that is gone', async () => {
    useAppStore.setState({ backend: null });
    let runs = 0;
    const job: Job = {
      name: 'test',
      inputs: (state) => [state.params.centerCount],
      ready: (state) => state.backend !== null,
      timing: 'frame',
      // never settles, like a readback on a lost WebGL context
      run: () => {
        runs++;
        return new Promise<void>(() => {});
      },
    };
    stop = startJobs([job]);
    await tick();
    expect(runs).toBe(0);
    useAppStore.setState({ backend: CPU });
    await tick();
    expect(runs).toBe(1);
    useAppStore.getState().setParam('centerCount', 7);
    await tick();
    expect(runs).toBe(1); // held by the run that never ends
    useAppStore.setState((state) => ({ backendEpoch: state.backendEpoch + 1 }));
    await tick();
    expect(runs).toBe(2);
  });

  it('repeats a job every frame while it asks to, and stops when it does not', async () => {
    useAppStore.setState({ backend: CPU });
    let runs = 0;
    const job: Job = {
      name: 'test',
      inputs: () => [],
      ready: () => true,
      timing: 'frame',
      run: () => {
        runs++;
      },
      again: () => runs < 5,
    };
    stop = startJobs([job]);
    for (let k = 0; k < 10; k++) await tick();
    expect(runs).toBe(5);
  });
});
