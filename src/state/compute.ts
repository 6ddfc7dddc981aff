import { message, type Message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { makeCenters } from '../model/centers';
import { cappedSamples, float32Spacing, GRID_ELEMENT_BUDGET, makeGrid } from '../model/grid';
import { DEFAULT_ENGINE, type Engine } from '../model/choices';
import { quantizeBatch, type QuantizerResult } from '../model/quantizer';
import type { Params } from './params';
import type { Job } from './scheduler';
import { useAppStore, type AppState, type ViewResult } from './store';

/** The params the grid depends on; probes and target do not change it. */
function gridKey(params: Params): string {
  const { temperature, centerCount, spacing, distance, range, samples } = params;
  return JSON.stringify([temperature, centerCount, spacing, distance, range, samples]);
}

/** What the person should know about the grid as computed: capped, or finer than float32. */
export function gridNote(params: Params, samples: number): Message | null {
  const capped =
    samples < params.samples
      ? message('app:status.gridCapped', { used: samples, asked: params.samples, budget: GRID_ELEMENT_BUDGET })
      : null;
  const [min, max] = params.range;
  const step = (max - min) / (samples - 1);
  const tooFine =
    step < float32Spacing(Math.max(Math.abs(min), Math.abs(max))) ? message('app:status.gridTooFine') : null;
  if (capped && tooFine) return message('app:status.gridNotes', { first: capped, second: tooFine });
  return capped ?? tooFine;
}

/**
 * Computes the view for `params`. The grid is reused when only probes or the target changed,
 * so dragging a probe recomputes six points, not the whole grid. One batch, one readback, with
 * the store's engine (`?engine=`).
 */
export async function computeView(
  params: Params,
  previous: ViewResult | null,
  epoch = 0,
  engine: Engine = DEFAULT_ENGINE,
): Promise<ViewResult> {
  const reuseGrid = previous !== null && gridKey(previous.params) === gridKey(params);
  // Reused arrays keep their identity, so figures that depend only on the grid skip repainting.
  const centers = reuseGrid ? previous.centers : makeCenters(params.centerCount, params.spacing);
  const samples = cappedSamples(params.samples, params.centerCount);
  const gridInputs = reuseGrid ? previous.gridInputs : makeGrid(params.range[0], params.range[1], samples);
  const sets = [{ inputs: params.probes, target: params.target }, ...(reuseGrid ? [] : [{ inputs: gridInputs }])];
  const [probes, grid] = await quantizeBatch({
    centers,
    temperature: params.temperature,
    distance: params.distance,
    sets,
    engine,
  });
  return {
    params,
    centers,
    gridInputs,
    grid: reuseGrid ? previous.grid : (grid as QuantizerResult),
    probes: probes as QuantizerResult,
    gridNote: gridNote(params, samples),
    epoch,
  };
}

/**
 * The view's job: recomputes whenever the params or the backend change. The scheduler coalesces
 * it (at most one update in flight; when it lands only the latest params are computed next, so
 * intermediate slider positions are skipped) and runs it in a microtask after the change, so a
 * key press is computed and painted in its own frame. A backend change starts afresh: the
 * scheduler abandons an update still waiting on the old backend, even if it never lands.
 */
export const viewJob: Job = {
  name: message('app:job.quantizer'),
  inputs: (state) => [state.params, state.backendEpoch],
  ready: (state) => state.backend !== null && !viewOutOfSight(state),
  // out of sight it catches up once the page is quiet (an export also brings it up to date: currentView)
  whenIdle: (state) => state.backend !== null,
  timing: 'now',
  run: async () => {
    await updateView();
  },
};

/**
 * Whether nothing that draws the view can be seen: the image lab is on screen and the relaxations
 * figure (the lowest section that reads the view) is not, so the explorer, the walkthrough and
 * the pitfall above it are not either. A press on the lab's T then pays for the lab alone.
 */
export function viewOutOfSight(state: AppState): boolean {
  return state.onScreen.lab === true && state.onScreen.relaxations !== true;
}

/** Computes the view for the current params unless it is up to date; errors go to the store. */
async function updateView(): Promise<void> {
  const { params, view, backendEpoch: epoch, engine } = useAppStore.getState();
  if (view !== null && view.params === params && view.epoch === epoch) return;
  const started = performance.now();
  try {
    const next = await computeView(params, view?.epoch === epoch ? view : null, epoch, engine);
    if (useAppStore.getState().backendEpoch !== epoch) return; // computed on a backend that is gone
    useAppStore.setState({ view: next, lastUpdateMs: performance.now() - started, error: null });
  } catch (error) {
    if (useAppStore.getState().backendEpoch !== epoch) return;
    useAppStore.setState({
      error: message('app:notice.quantizerFailed', { error: errorMessage(error) }),
    });
  }
}

/** The view for the current params, computed now if it lags (out of sight): what an export reads. */
export async function currentView(): Promise<ViewResult | null> {
  await updateView();
  return useAppStore.getState().view;
}
