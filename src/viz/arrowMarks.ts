import { scaleLinear } from 'd3';
import { ESTIMATORS, type EstimatorName } from '../model/estimators';
import type { SeedLine } from '../state/lesson';
import type { AppState, ViewResult } from '../state/store';
import { visibleLanes } from '../state/visibility';
import type { VectorMark } from './canvasMarks';
import { arrowMark, arrowStepSize } from './geometry';

export const MARGIN = { top: 6, right: 16, bottom: 40, left: 96 };
export const LANE = 34;
const HEAD = 7;

/** Each lane's colour. */
const LANE_COLORS: Record<EstimatorName, string> = {
  soft: '--c-soft',
  ste: '--c-ste',
  hard: '--c-hard',
  seedRound: '--c-seedRound',
  identity: '--c-identity',
};

/** The middle of an estimator's lane, px from the plot's top (lanes keep their place when one is hidden). */
export const laneY = (name: EstimatorName) => ESTIMATORS.indexOf(name) * LANE + LANE / 2;

/**
 * The arrows' x scale, whether each probe is in range, and one step size k for all arrows: the
 * 1-2-5 value that makes the longest arrow about a fifth of the axis, or `fixedStep` where the
 * person keeps a scale to compare lengths across temperatures.
 */
export function arrowLayout(view: ArrowView, plotWidth: number, fixedStep: number | null = null) {
  const { params } = view;
  const range = params.range;
  const lossGradients = view.probes.lossGradients;
  const x = scaleLinear().domain(range).range([0, plotWidth]);
  const visible = params.probes.map((w) => w >= range[0] && w <= range[1]);
  let largest = 0;
  if (lossGradients) {
    for (const name of ESTIMATORS) {
      lossGradients[name].forEach((g, i) => {
        if (visible[i]) largest = Math.max(largest, Math.abs(g));
      });
    }
  }
  return { x, visible, step: fixedStep ?? arrowStepSize(largest, range[1] - range[0]) };
}

/** The part of a view the arrows are drawn from. */
export type ArrowView = Pick<ViewResult, 'probes' | 'params'>;

/** What the arrows are drawn from (no view yet: null probes). */
export interface ArrowInput {
  probes: ArrowView['probes'] | null;
  params: ArrowView['params'] | null;
  hoveredProbe: number | null;
  seedline: SeedLine;
}

/** The arrows' data, from the store's own references (a repaint compares them with `shallow`). */
export const arrowInput = (state: AppState): ArrowInput => ({
  probes: state.view?.probes ?? null,
  params: state.view?.params ?? null,
  hoveredProbe: state.hoveredProbe,
  seedline: state.lesson.seedline,
});

/**
 * Each visible lane's line (`lane:<estimator>`), then at each in-range probe of it: an arrow -k dl/dw (`arrow:<estimator>:<probe>`,
 * with `…:tail` and `…:head`), a "no gradient" mark (`no-gradient:…`, and `…:slash`) or an
 * "at target" dot (`at-target:…`). The hovered probe's marks are drawn thicker. Null before the
 * first view with loss gradients.
 */
export function arrowMarks(
  { probes, params, hoveredProbe, seedline }: ArrowInput,
  { plotWidth, fixedStep = null }: { plotWidth: number; fixedStep?: number | null },
): VectorMark[] | null {
  const lossGradients = probes?.lossGradients;
  if (!probes || !params || !lossGradients) return null;
  const view = { probes, params };
  const { x, visible, step } = arrowLayout(view, plotWidth, fixedStep);
  const lanes = visibleLanes(seedline);
  // the lane lines first, under the marks, as they were in SVG
  const marks: VectorMark[] = lanes.map((name) => ({
    id: `lane:${name}`,
    trace: (sink) => {
      sink.moveTo(0, laneY(name));
      sink.lineTo(plotWidth, laneY(name));
    },
    stroke: '--border',
    width: 1,
  }));
  for (const name of lanes) {
    const y = laneY(name);
    const color = LANE_COLORS[name];
    view.params.probes.forEach((w, i) => {
      if (!visible[i]) return;
      const active = hoveredProbe === i;
      const flag = active ? { active } : {};
      const id = (kind: string) => `${kind}:${name}:${i}`;
      const mark = arrowMark(w, view.probes.gradients[name][i] as number, lossGradients[name][i] as number, step);
      if (mark.kind === 'no-gradient') {
        const cx = x(mark.at);
        const ring = (sink: Parameters<VectorMark['trace']>[0]) => sink.arc(cx, y, 6, 0, 2 * Math.PI);
        marks.push({
          id: id('no-gradient'),
          trace: ring,
          fill: '--card',
          stroke: '--zero',
          width: active ? 3.5 : 2,
          ...flag,
        });
        marks.push({
          id: `${id('no-gradient')}:slash`,
          trace: (sink) => {
            sink.moveTo(cx - 4, y + 4);
            sink.lineTo(cx + 4, y - 4);
          },
          stroke: '--zero',
          width: 2,
        });
      } else if (mark.kind === 'at-target') {
        const cx = x(mark.at);
        marks.push({ id: id('at-target'), trace: (sink) => sink.arc(cx, y, 4, 0, 2 * Math.PI), fill: color, ...flag });
      } else {
        const x0 = x(mark.from);
        const x1 = Math.max(0, Math.min(plotWidth, x(mark.to)));
        const direction = Math.sign(x1 - x0) || 1;
        marks.push({
          id: id('arrow'),
          trace: (sink) => {
            sink.moveTo(x0, y);
            sink.lineTo(x1 - direction * HEAD * 0.8, y);
          },
          stroke: color,
          width: active ? 4.5 : 2.5,
          ...flag,
        });
        marks.push({ id: `${id('arrow')}:tail`, trace: (sink) => sink.arc(x0, y, 2.5, 0, 2 * Math.PI), fill: color });
        marks.push({
          id: `${id('arrow')}:head`,
          trace: (sink) => {
            sink.moveTo(x1, y);
            sink.lineTo(x1 - direction * HEAD, y - HEAD / 2);
            sink.lineTo(x1 - direction * HEAD, y + HEAD / 2);
            sink.closePath();
          },
          fill: color,
        });
      }
    });
  }
  return marks;
}
