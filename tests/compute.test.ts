import { message } from '../src/i18n/message';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeView, currentView, viewJob } from '../src/state/compute';
import { startJobs } from '../src/state/scheduler';
import { defaultParams } from '../src/state/fields';
import { useAppStore, type AppState } from '../src/state/store';
import { referenceSoft } from './reference';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

const CPU = { name: 'cpu' as const, reason: message('app:backend.cpu'), renderer: null, failures: [], warning: null };

/** Resolves when the store satisfies `done` (checked at once and on every change). */
function untilStore(done: (state: AppState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(useAppStore.getState())) return resolve();
    const stop = useAppStore.subscribe((state) => {
      if (!done(state)) return;
      stop();
      resolve();
    });
  });
}

const viewIsCurrent = (state: AppState) =>
  state.view !== null && state.view.params === state.params && state.view.epoch === state.backendEpoch;

describe('the compute flow', () => {
  it('computes the grid across the range and the probes with loss gradients', async () => {
    const params = defaultParams();
    const view = await computeView(params, null);
    expect(view.gridInputs.length).toBe(512);
    expect(view.gridInputs[0]).toBe(-3);
    expect(view.gridInputs[511]).toBe(3);
    expect(view.grid.assignments.length).toBe(512 * 5);
    view.gridInputs.forEach((w, i) => {
      if (i % 37 === 0) expect(view.grid.values.soft[i]).toBeCloseTo(referenceSoft(w, [-2, -1, 0, 1, 2], 1, 'l1'), 5);
    });
    expect(view.probes.inputCount).toBe(6);
    expect(view.probes.lossGradients).not.toBeNull();
    expect(view.grid.lossGradients).toBeNull();
  });

  it('reuses the grid when only probes or the target change, and recomputes it otherwise', async () => {
    const first = await computeView(defaultParams(), null);
    const moved = await computeView({ ...first.params, probes: [0.25], target: -1 }, first);
    expect(moved.grid).toBe(first.grid);
    expect(moved.centers).toBe(first.centers);
    expect(moved.gridInputs).toBe(first.gridInputs);
    expect(moved.probes.values.soft[0]).toBeCloseTo(referenceSoft(0.25, [-2, -1, 0, 1, 2], 1, 'l1'), 6);
    const hotter = await computeView({ ...moved.params, temperature: 2 }, moved);
    expect(hotter.grid).not.toBe(first.grid);
    expect(hotter.grid.values.soft[100]).toBeCloseTo(
      referenceSoft(hotter.gridInputs[100] as number, [-2, -1, 0, 1, 2], 2, 'l1'),
      5,
    );
  });

  it('coalesces a burst of changes: the latest params win, at most one update in flight', async () => {
    useAppStore.setState({ backend: CPU });
    const views: unknown[] = [];
    const stopWatching = useAppStore.subscribe(
      (state) => state.view,
      (view) => views.push(view),
    );
    const stop = startJobs([viewJob]);
    for (let k = 1; k <= 20; k++) useAppStore.getState().setParam('temperature', 1 + k / 10);
    await untilStore(viewIsCurrent);
    stop();
    stopWatching();
    const { view, params } = useAppStore.getState();
    expect(view?.params).toBe(params);
    expect(params.temperature).toBe(3);
    // the update started at subscription, then one for the latest params; none of the 19 in between
    expect(views.length).toBeLessThanOrEqual(2);
    expect(view?.probes.values.soft[0]).toBeCloseTo(referenceSoft(-1, [-2, -1, 0, 1, 2], 3, 'l1'), 6);
  });

  it('computes nothing without a backend, and recomputes the same view when the backend changes', async () => {
    useAppStore.setState({ backend: null, view: null });
    const stop = startJobs([viewJob]);
    useAppStore.getState().setParam('temperature', 0.5);
    // with no backend the update returns before its first await: nothing is in flight
    await Promise.resolve();
    expect(useAppStore.getState().view).toBeNull();
    useAppStore.setState((state) => ({ backend: CPU, backendEpoch: state.backendEpoch + 1 }));
    await untilStore(viewIsCurrent);
    const first = useAppStore.getState().view;
    expect(first?.epoch).toBe(useAppStore.getState().backendEpoch);
    expect(first?.params.temperature).toBe(0.5);
    useAppStore.setState((state) => ({ backendEpoch: state.backendEpoch + 1 }));
    await untilStore(viewIsCurrent);
    const second = useAppStore.getState().view;
    stop();
    expect(second).not.toBe(first);
    expect(second?.params).toBe(first?.params);
    expect(second?.epoch).toBe(useAppStore.getState().backendEpoch);
    expect(second?.grid).not.toBe(first?.grid); // nothing reused across backends
  });

  it('waits while only the image lab is in sight, catches up when quiet, and an export brings it up to date', async () => {
    useAppStore.setState({ backend: CPU });
    const stop = startJobs([viewJob]);
    await untilStore(viewIsCurrent);
    useAppStore.setState({ onScreen: { lab: true } });
    useAppStore.getState().setParam('temperature', 0.7);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // a press on the lab's T does not pay for the explorer's view
    expect(useAppStore.getState().view?.params.temperature).not.toBe(0.7);
    const exported = await currentView();
    expect(exported?.params).toBe(useAppStore.getState().params);
    expect(exported?.probes.values.soft[0]).toBeCloseTo(referenceSoft(-1, [-2, -1, 0, 1, 2], 0.7, 'l1'), 6);
    // with the relaxations figure in sight too (it reads the view), the view computes at once
    useAppStore.setState({ onScreen: { lab: true, relaxations: true } });
    useAppStore.getState().setParam('temperature', 0.9);
    await untilStore(viewIsCurrent);
    // off on its own again: it catches up once the page has been quiet for IDLE_MS
    useAppStore.setState({ onScreen: { lab: true } });
    useAppStore.getState().setParam('temperature', 1.1);
    await untilStore(viewIsCurrent);
    stop();
    expect(useAppStore.getState().view?.params.temperature).toBe(1.1);
    useAppStore.setState({ onScreen: {} });
  });
});
