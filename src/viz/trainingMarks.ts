import { extent, line, max, min, scaleLinear } from 'd3';
import type { TrainingState } from '../model/training';
import type { AppState } from '../state/store';
import { asContext, type VectorMark } from './canvasMarks';

export const MARGIN = { top: 12, right: 14, bottom: 36, left: 52 };
export const CHART_HEIGHT = 150;
export const POPULATION_HEIGHT = 190;
/** The population chart's rows: targets and values (dots), then the symbol bars from BAR_TOP down. */
export const ROW_Y = { targets: 18, values: 56 } as const;
export const BAR_TOP = 90;

export type MetricKey = 'loss' | 'distortion' | 'rate' | 'bpp' | 'psnr';

/** One step of a run as a history chart reads it: a metric a run does not record is left out. */
export type HistoryPoint = { step: number } & Partial<Record<MetricKey, number>>;

/** Each metric's line. */
const METRIC_STYLES: Record<MetricKey, Pick<VectorMark, 'stroke' | 'width' | 'dash'>> = {
  loss: { stroke: '--accent', width: 2 },
  distortion: { stroke: '--muted', width: 2, dash: [5, 4] },
  rate: { stroke: '--c-seedRound', width: 2 },
  bpp: { stroke: '--c-seedRound', width: 2 },
  psnr: { stroke: '--c-ste', width: 2 },
};

/** The runs a history chart can follow: the training demo's, and the image lab's learned codec. */
export type HistorySource = 'training' | 'learned';

/** What a history chart is drawn from. */
export interface HistoryInput {
  history: readonly HistoryPoint[] | undefined;
}

/** Each run's history, from the store (a repaint compares it with `shallow`). */
export const HISTORY_INPUTS: Record<HistorySource, (state: AppState) => HistoryInput> = {
  training: (state) => ({ history: state.training.state?.history }),
  learned: (state) => ({ history: state.learned.history }),
};

/** What the population chart is drawn from: the training demo's run. */
export interface PopulationInput {
  run: TrainingState | null;
}

export const populationInput = (state: AppState): PopulationInput => ({ run: state.training.state });

const valueOf = (m: HistoryPoint, key: MetricKey) => m[key] ?? Number.NaN;

/**
 * A history chart's scales: x in steps (at least 10); y from 0 to just above the largest finite
 * value, except PSNR, whose y spans its own values (dB from 0 would flatten the curve).
 */
export function historyScales(history: readonly HistoryPoint[], series: readonly MetricKey[], plotWidth: number) {
  const lastStep = history[history.length - 1]?.step ?? 0;
  const finite = (m: HistoryPoint) => series.map((key) => valueOf(m, key)).filter(Number.isFinite);
  const top = max(history, (m) => Math.max(0, ...finite(m))) ?? 1;
  const bottom = series.includes('psnr') ? (min(history, (m) => Math.min(...finite(m))) ?? 0) : 0;
  const low = Number.isFinite(bottom) ? Math.floor(bottom) : 0;
  return {
    x: scaleLinear()
      .domain([0, Math.max(10, lastStep)])
      .range([0, plotWidth]),
    y: scaleLinear()
      .domain([low, top > low ? low + (top - low) * 1.08 : low + 1])
      .range([CHART_HEIGHT, 0]),
  };
}

/** The lines of one history chart, `history:<metric>`, skipping non-finite values. */
export function historyMarks(
  { history }: HistoryInput,
  { plotWidth, series }: { plotWidth: number; series: readonly MetricKey[] },
): VectorMark[] | null {
  if (!history) return null;
  const { x, y } = historyScales(history, series, plotWidth);
  return series.map((key) => ({
    id: `history:${key}`,
    trace: (sink) => {
      line<HistoryPoint>()
        .defined((m) => Number.isFinite(valueOf(m, key)))
        .x((m) => x(m.step))
        .y((m) => y(valueOf(m, key)))
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
export function populationMarks({ run }: PopulationInput, { plotWidth }: { plotWidth: number }): VectorMark[] | null {
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
