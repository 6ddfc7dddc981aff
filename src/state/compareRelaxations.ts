import { message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { makeGrid } from '../model/grid';
import { compareRelaxations } from '../model/relaxations';
import type { Job } from './scheduler';
import { useAppStore } from './store';

/** The comparison figure's grid: enough for smooth curves, a fraction of an update's cost. */
const COMPARE_SAMPLES = 401;

/**
 * The relaxations figure's job: its numbers follow the view and the sharpness α, at most once
 * per animation frame, after the view they belong to, on the same backend, and only while the
 * figure is on screen (it catches up when it scrolls into view). Asynchronous readback.
 */
export const relaxationsJob: Job = {
  name: message('app:job.relaxations'),
  inputs: (state) => [state.view, state.lesson.alpha, state.lesson.seed],
  ready: (state) => state.view !== null && state.backend !== null && state.onScreen.relaxations === true,
  timing: 'frame',
  run: async () => {
    const { view, lesson, relaxations, engine } = useAppStore.getState();
    if (!view) return;
    const { alpha, seed } = lesson;
    if (relaxations?.view === view && relaxations.alpha === alpha && relaxations.seed === seed) return;
    const range = view.params.range;
    const inputs = makeGrid(range[0], range[1], COMPARE_SAMPLES);
    try {
      const result = await compareRelaxations({
        inputs,
        centers: view.centers,
        temperature: view.params.temperature,
        distance: view.params.distance,
        alpha,
        noiseSeed: seed,
        engine,
      });
      if (useAppStore.getState().backendEpoch !== view.epoch) return; // computed on a backend that is gone
      useAppStore.setState({ relaxations: { inputs, result, alpha, seed, view } });
    } catch (error) {
      useAppStore
        .getState()
        .addNotices([message('app:notice.relaxationsFailed', { error: errorMessage(error, true) })]);
    }
  },
};
