import { shallow } from 'zustand/shallow';
import { makeGrid } from '../model/grid';
import { compareRelaxations } from '../model/relaxations';
import { watchOnScreen } from './onScreen';
import { useAppStore } from './store';

/** The comparison figure's grid: enough for smooth curves, a fraction of an update's cost. */
const COMPARE_SAMPLES = 401;

/**
 * Keeps the relaxations figure's numbers in step with the view and the sharpness α: computed once
 * per animation frame at most, after the view they belong to, on the same backend, and only while
 * the figure is on screen (it catches up when it scrolls into view).
 * @returns a function that stops listening
 */
export function startComparing(): () => void {
  let frame: number | null = null;
  const figure = watchOnScreen('[data-figure="relaxations"]', () => schedule());
  const compute = () => {
    frame = null;
    if (!figure.onScreen()) return;
    const { view, lesson, relaxations, backend } = useAppStore.getState();
    if (!view || !backend) return;
    const { alpha, seed } = lesson;
    if (relaxations?.view === view && relaxations.alpha === alpha && relaxations.seed === seed) return;
    const range = view.params.range;
    const inputs = makeGrid(range[0], range[1], COMPARE_SAMPLES);
    try {
      const result = compareRelaxations({
        inputs,
        centers: view.centers,
        temperature: view.params.temperature,
        distance: view.params.distance,
        alpha,
        noiseSeed: seed,
      });
      useAppStore.setState({
        relaxations: { inputs, result, alpha, seed, view },
      });
    } catch (error) {
      useAppStore.getState().addNotices([`The relaxations figure could not be computed: ${String(error)}`]);
    }
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(compute);
  };
  const unsubscribe = useAppStore.subscribe(
    (state) => [state.view, state.lesson.alpha, state.lesson.seed] as const,
    schedule,
    { equalityFn: shallow },
  );
  schedule();
  return () => {
    unsubscribe();
    figure.stop();
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
