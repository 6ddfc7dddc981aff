import { extent, line, scaleLinear, type ScaleLinear } from 'd3';
import type { EstimatorName } from '../model/estimators';
import type { QuantizerResult } from '../model/quantizer';
import type { AppState, CurveName, Mark, ViewResult } from '../state/store';
import { visibleCurves } from '../state/visibility';
import { shownMark, type SeedLine } from '../state/lesson';
import { asContext, type PathSink, type VectorMark } from './canvasMarks';
import { voronoiCells } from './geometry';

export const MARGIN = { top: 10, right: 16, bottom: 40, left: 56 };
export const TOP_HEIGHT = 240;
export const GAP = 28;
export const BOTTOM_HEIGHT = 130;

/** Each curve's look: colour property, width, dashes. */
export const CURVE_STYLES: Record<CurveName, Pick<VectorMark, 'stroke' | 'width' | 'dash' | 'cap'>> = {
  identity: { stroke: '--c-identity', width: 1.25 },
  hard: { stroke: '--c-hard', width: 2.5 },
  soft: { stroke: '--c-soft', width: 2.5 },
  bar: { stroke: '--c-ste', width: 2, dash: [6, 4] },
  seedRound: { stroke: '--c-seedRound', width: 3, dash: [1, 3], cap: 'round' },
};

/** What each curve is linked to in the explanation (see teach/linking.ts), and its estimator. */
export const CURVE_LINKS: Record<CurveName, { link?: Mark; estimator?: EstimatorName }> = {
  identity: {},
  hard: { link: 'hard' },
  soft: { link: 'soft' },
  bar: { link: 'bar', estimator: 'ste' },
  seedRound: { link: 'seedRound', estimator: 'seedRound' },
};

/** The derivatives that are w_soft's: its own and the STE's (w_bar passes w_soft's gradient back). */
const PASSES_SOFT: ReadonlySet<CurveName> = new Set(['soft', 'bar']);

/** How faint the other derivatives are drawn when the seed's line is shown as written. */
export const DIMMED_OPACITY = 0.25;

/** The grid column each curve draws (w_bar is the STE's forward value). */
const CURVE_COLUMN: Record<CurveName, EstimatorName> = {
  identity: 'identity',
  hard: 'hard',
  soft: 'soft',
  bar: 'ste',
  seedRound: 'seedRound',
};

/** What the curves depend on: the grid, not the probes (dragging a probe redraws no curve). */
export interface CurveData {
  grid: QuantizerResult;
  gridInputs: Float32Array;
  centers: Float32Array;
  range: readonly [number, number];
  target: number;
}

export function curveData(view: ViewResult): CurveData {
  const { grid, gridInputs, centers, params } = view;
  return { grid, gridInputs, centers, range: params.range, target: params.target };
}

function valueDomain({ grid, range, target }: CurveData): [number, number] {
  const [low, high] = extent([
    ...range,
    target,
    ...extent(grid.values.soft),
    ...extent(grid.values.hard),
    ...extent(grid.values.seedRound),
  ] as number[]) as [number, number];
  const pad = (high - low) * 0.06 || 1;
  return [low - pad, high + pad];
}

function gradientDomain({ grid }: CurveData): [number, number] {
  const [low, high] = extent([0, 1, ...extent(grid.gradients.soft)] as number[]) as [number, number];
  const pad = (high - low) * 0.1;
  return [low - pad, high + pad];
}

/** The figure's scales: x in w, y for values (top panel), yGrad for derivatives (bottom panel). */
export function curveScales(data: CurveData, plotWidth: number) {
  const bottomTop = TOP_HEIGHT + GAP;
  return {
    x: scaleLinear().domain(data.range).range([0, plotWidth]),
    y: scaleLinear().domain(valueDomain(data)).range([TOP_HEIGHT, 0]),
    yGrad: scaleLinear()
      .domain(gradientDomain(data))
      .range([bottomTop + BOTTOM_HEIGHT, bottomTop]),
    bottomTop,
  };
}

/** Traces values[i] over inputs[i] (both [N]) through x and y, with d3-shape's line. */
export function traceSeries(
  inputs: Float32Array,
  values: Float32Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): (sink: PathSink) => void {
  return (sink) => {
    line<number>()
      .x((i) => x(inputs[i] as number))
      .y((i) => y(values[i] as number))
      .context(asContext(sink))(Array.from(inputs, (_, i) => i));
  };
}

/**
 * What the curves are drawn from: the grid's data, the legend's hidden curves, the seed-line
 * choice and the highlighted mark (null before the first view).
 */
export type CurveInput =
  (CurveData & { hiddenCurves: AppState['hiddenCurves']; seedline: SeedLine; highlight: Mark | null }) | null;

/**
 * The curves' data, from the store's own references (a repaint compares them with `shallow`):
 * the grid, not the probes, so dragging a probe redraws no curve.
 */
export const curveInput = (state: AppState): CurveInput =>
  state.view
    ? {
        ...curveData(state.view),
        hiddenCurves: state.hiddenCurves,
        seedline: state.lesson.seedline,
        highlight: shownMark(state),
      }
    : null;

/**
 * The derivative panel's zero line (`axis:zero`, bold when the seed's line is shown as written,
 * the other derivatives then faint), then the curves of both panels, in drawing order, for the state's view and visibility: the value
 * panel (clipped to it) as `value:<curve>` (the staircase's risers as `value:hard-riser`), the
 * derivative panel as `gradient:<curve>`. Null before the first view.
 */
export function curveMarks(input: CurveInput, { plotWidth }: { plotWidth: number }): VectorMark[] | null {
  if (!input) return null;
  const { grid, gridInputs, range, hiddenCurves, seedline, highlight: mark } = input;
  const { x, y, yGrad } = curveScales(input, plotWidth);
  const visible = new Set(visibleCurves(seedline, hiddenCurves));
  const written = seedline === 'written';
  const clip = [0, 0, plotWidth, TOP_HEIGHT] as const;
  const marks: VectorMark[] = [];
  const add = (
    panel: 'value' | 'gradient',
    name: CurveName,
    trace: VectorMark['trace'],
    extra: Partial<VectorMark> = {},
  ) => {
    const link = CURVE_LINKS[name].link;
    // "the gradient" (w_soft's derivative) is the one the STE passes back: w_soft's curve and w_bar's, drawn on it
    const highlighted =
      mark !== null && (mark === link || (panel === 'gradient' && mark === 'gradient' && PASSES_SOFT.has(name)));
    // as written, only the round's flat 0 trains: the other derivatives stay, faint, for comparison
    const dimmed = written && panel === 'gradient' && name !== 'seedRound';
    marks.push({
      id: `${panel}:${name}`,
      trace,
      ...CURVE_STYLES[name],
      ...(panel === 'value' ? { clip } : {}),
      ...(highlighted ? { highlighted } : {}),
      ...(dimmed && !highlighted ? { opacity: DIMMED_OPACITY } : {}),
      ...extra,
    });
  };
  const series = (panel: 'value' | 'gradient', name: CurveName) => {
    if (!visible.has(name)) return;
    const column = CURVE_COLUMN[name];
    add(
      panel,
      name,
      panel === 'value'
        ? traceSeries(gridInputs, grid.values[column], x, y)
        : traceSeries(gridInputs, grid.gradients[column], x, yGrad),
    );
  };

  // the derivative panel's zero line first, under the curves
  marks.push({
    id: 'axis:zero',
    trace: (sink) => {
      sink.moveTo(0, yGrad(0));
      sink.lineTo(plotWidth, yGrad(0));
    },
    // as written it is the gradient itself: bold, in the "no gradient" colour (the figure labels it)
    ...(written ? { stroke: '--zero', width: 3 } : { stroke: '--border', width: 1 }),
  });
  if (visible.has('identity')) {
    add('value', 'identity', (sink) => {
      sink.moveTo(x(range[0]), y(range[0]));
      sink.lineTo(x(range[1]), y(range[1]));
    });
  }
  if (visible.has('hard')) {
    const cells = voronoiCells(input.centers, range);
    add('value', 'hard', (sink) => {
      for (const cell of cells) {
        sink.moveTo(x(cell.x0), y(cell.center));
        sink.lineTo(x(cell.x1), y(cell.center));
      }
    });
    add(
      'value',
      'hard',
      (sink) => {
        cells.slice(1).forEach((cell, k) => {
          sink.moveTo(x(cell.x0), y((cells[k] as { center: number }).center));
          sink.lineTo(x(cell.x0), y(cell.center));
        });
      },
      { id: 'value:hard-riser', width: 1, dash: [2, 3] },
    );
  }
  series('value', 'seedRound');
  series('value', 'soft');
  series('value', 'bar');
  for (const name of ['identity', 'hard', 'seedRound', 'soft', 'bar'] as const) series('gradient', name);
  return marks;
}
