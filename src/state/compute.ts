import { makeCenters } from '../model/centers';
import { quantize } from '../model/quantizer';
import type { Params } from './params';
import { selectParams, useAppStore } from './store';

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
        const params: Params = useAppStore.getState().params;
        const started = performance.now();
        try {
          const result = await quantize({
            inputs: params.probes,
            centers: makeCenters(params.centers, params.spacing),
            temperature: params.temperature,
            distance: params.distance,
          });
          useAppStore.setState({ result, resultParams: params, lastUpdateMs: performance.now() - started, error: null });
        } catch (error) {
          useAppStore.setState({ error: `The quantizer failed: ${error instanceof Error ? error.message : String(error)}` });
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
