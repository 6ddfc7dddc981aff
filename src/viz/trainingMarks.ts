import { extent, line, max, scaleLinear } from 'd3';
import type { TrainingMetrics, TrainingState } from '../model/training';
import type { AppState } from '../state/store';
import { asContext, type VectorMark } from './canvasMarks';

export const MARGIN = { top: 12, right: 14, bottom: 36, left: 52 };
export const CHART_HEIGHT = 150;
export const POPULATION_HEIGHT = 190;
/** The population chart's rows: targets and values (dots), then the symbol bars from BAR_TOP down. */
export const ROW_Y = { targets: 18, values: 56 } as const;
export const BAR_TOP = 90;

export type MetricKey = 'loss' | 'distortion' | 'rate';

/** Each metric's line (the stylesheet's former `.history-*` rules). */
const METRIC_STYLES: Record<MetricKey, Pick<VectorMark, 'stroke' | 'width' | 'dash'>> = {
  loss: { stroke: '--accent', width: 2 },
  distortion: { stroke: '--muted', width: 2, dash: [5, 4] },
  rate: { stroke: '--c-seedRound', width: 2 },
};

export const selectTrainingInputs = (state: AppState) => [state.training.state] as const;

/** A history chart's scales: x in steps (at least 10), y from 0 to just above the largest finite value. */
export function historyScales(history: readonly TrainingMetrics[], series: readonly MetricKey[], plotWidth: number) {
  const lastStep = history[history.length - 1]?.step ?? 0;
  const top = max(history, (m) => Math.max(...series.map((key) => (Number.isFinite(m[key]) ? m[key] : 0)))) ?? 1;
  return {
    x: scaleLinear()
      .domain([0, Math.max(10, lastStep)])
      .range([0, plotWidth]),
    y: scaleLinear()
      .domain([0, top > 0 ? top * 1.08 : 1])
      .range([CHART_HEIGHT, 0]),
  };
}

/** The lines of one history chart, `history:<metric>`, skipping non-finite values. */
export function historyMarks(
  state: AppState,
  { plotWidth, series }: { plotWidth: number; series: readonly MetricKey[] },
): VectorMark[] | null {
  const history = state.training.state?.history;
  if (!history) return null;
  const { x, y } = historyScales(history, series, plotWidth);
  return series.map((key) => ({
    id: `history:${key}`,
    trace: (sink) => {
      line<TrainingMetrics>()
        .defined((m) => Number.isFinite(m[key]))
        .x((m) => x(m.step))
        .y((m) => y(m[key]))
        .context(asContext(sink))(history);
    },
    ...METRIC_STYLES[key],
  }));
}

/** The population chart's x scale: every target, value and center, padded 5%. */
export function populationScale(state: TrainingState, plotWidth: number) {
  const [low, high] = extent([...state.targets, ...state.values, ...state.centers]) as [number, number];
  const pad = (high - low) * 0.05 || 1;
  return scaleLinear()
    .domain([low - pad, high + pad])
    .range([0, plotWidth]);
}

/** A fixed vertical jitter per dot, from its index, so the dots do not hide each other. */
const jitter = (i: number) => ((i * 37) % 17) - 8;

/**
 * The targets (`target:<i>`) and the trained values (`value:<i>`), one translucent dot each, so
 * that where dots pile up (values gathered at a center) the colour deepens as it did in SVG.
 */
export function populationMarks(state: AppState, { plotWidth }: { plotWidth: number }): VectorMark[] | null {
  const run = state.training.state;
  if (!run) return null;
  const x = populationScale(run, plotWidth);
  const dots = (kind: string, points: Float32Array, rowY: number, radius: number, look: Partial<VectorMark>) =>
    Array.from(points, (p, i): VectorMark => ({
      id: `${kind}:${i}`,
      trace: (sink) => sink.arc(x(p), rowY + jitter(i), radius, 0, 2 * Math.PI),
      ...look,
    }));
  return [
    ...dots('target', run.targets, ROW_Y.targets, 2, { fill: '--muted', opacity: 0.55 }),
    ...dots('value', run.values, ROW_Y.values, 2.2, { fill: '--c-ste', opacity: 0.75 }),
  ];
}
