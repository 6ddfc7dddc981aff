import { makeCenters } from '../model/centers';
import { makeGrid } from '../model/grid';
import { quantizeBatch, type QuantizerResult } from '../model/quantizer';
import type { Params } from './params';
import { selectParams, useAppStore, type ViewResult } from './store';

/** The params the grid depends on; probes and target do not change it. */
function gridKey(params: Params): string {
  const { temperature, centers, spacing, distance, range, samples } = params;
  return JSON.stringify([temperature, centers, spacing, distance, range, samples]);
}

/**
 * Computes the view for `params`. The grid is reused when only probes or the target changed,
 * so dragging a probe recomputes six points, not the whole grid. One batch, one readback.
 */
export async function computeView(params: Params, previous: ViewResult | null): Promise<ViewResult> {
  const reuseGrid = previous !== null && gridKey(previous.params) === gridKey(params);
  // Reused arrays keep their identity, so figures that depend only on the grid skip repainting.
  const centers = reuseGrid ? previous.centers : makeCenters(params.centers, params.spacing);
  const gridInputs = reuseGrid ? previous.gridInputs : makeGrid(params.range[0], params.range[1], params.samples);
  const sets = [{ inputs: params.probes, target: params.target }, ...(reuseGrid ? [] : [{ inputs: gridInputs }])];
  const [probes, grid] = await quantizeBatch({
    centers,
    temperature: params.temperature,
    distance: params.distance,
    sets,
  });
  return {
    params,
    centers,
    gridInputs,
    grid: reuseGrid ? previous.grid : (grid as QuantizerResult),
    probes: probes as QuantizerResult,
  };
}

/**
 * Recomputes whenever the params change. Coalesced: at most one update in flight, and when
 * it lands only the latest params are computed next (intermediate slider positions are skipped).
 * @returns a function that stops listening
 */
export function startComputing(): () => void {
  let running = false;
  let stale = false;

  async function update(): Promise<void> {
    if (running) {
      stale = true;
      return;
    }
    running = true;
    try {
      do {
        stale = false;
        const { params, view } = useAppStore.getState();
        if (view !== null && view.params === params) continue;
        const started = performance.now();
        try {
          const next = await computeView(params, view);
          useAppStore.setState({ view: next, lastUpdateMs: performance.now() - started, error: null });
        } catch (error) {
          useAppStore.setState({
            error: `The quantizer failed: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      } while (stale);
    } finally {
      running = false;
    }
  }

  const unsubscribe = useAppStore.subscribe(selectParams, () => void update());
  void update();
  return unsubscribe;
}
