import { area, max, min, scaleLinear } from 'd3';
import { i18n } from '../i18n/i18n';
import { RELAXATIONS, type RelaxationName, type RelaxationResult } from '../model/relaxations';
import type { AppState, RelaxationView } from '../state/store';
import { asContext, type VectorMark } from './canvasMarks';
import { traceSeries } from './curveMarks';

export const MARGIN = { top: 10, right: 16, bottom: 40, left: 56 };
export const TOP_HEIGHT = 200;
const GAP = 26;
export const BOTTOM_HEIGHT = 120;
export const BOTTOM_TOP = TOP_HEIGHT + GAP;
/** The derivative panel stops here: soft rounding's slope at a midpoint, about α/2, can be far above 1. */
export const MAX_SHOWN_SLOPE = 4;

/** Each relaxation's look; the noise's gradient is dotted. */
export const RELAX_STYLES: Record<RelaxationName, Pick<VectorMark, 'stroke' | 'width' | 'dash'>> = {
  ste: { stroke: '--c-ste', width: 2.2 },
  identity: { stroke: '--c-identity', width: 2.2, dash: [5, 4] },
  noise: { stroke: '--c-noise', width: 2.2, dash: [2, 3] },
  softRound: { stroke: '--c-softRound', width: 2.2 },
};

/** The legends' keys: each relaxation's line, except the noise, keyed by its band. */
export const RELAX_KEYS: Record<RelaxationName, Pick<VectorMark, 'stroke' | 'width' | 'dash' | 'opacity'>> = {
  ...RELAX_STYLES,
  noise: { stroke: '--c-noise', width: 8, opacity: 0.35 },
};

/** The relaxation whose derivative peaks highest on the grid, and that peak (the first if tied). */
export function steepestRelaxation(gradients: RelaxationResult['gradients']): { name: RelaxationName; slope: number } {
  let steepest: { name: RelaxationName; slope: number } = { name: RELAXATIONS[0], slope: -Infinity };
  for (const name of RELAXATIONS) {
    const slope = max(gradients[name]) ?? 0;
    if (slope > steepest.slope) steepest = { name, slope };
  }
  return steepest;
}

/**
 * The note shown when the derivative panel cuts a curve off: which relaxation, and its peak
 * (formatted by `format`), in the page's language; null when every curve fits under MAX_SHOWN_SLOPE.
 */
export function cutOffNote(gradients: RelaxationResult['gradients'], format: (value: number) => string): string | null {
  const { name, slope } = steepestRelaxation(gradients);
  if (slope <= MAX_SHOWN_SLOPE) return null;
  return i18n.t('figures:relaxations.cutOff', {
    relaxation: i18n.t(`figures:relaxations.name.${name}`),
    value: format(slope),
  });
}

/** The figure's scales: x in w, y for forward values (top), yGrad for derivatives (bottom). */
export function relaxationScales({ result, view }: RelaxationView, plotWidth: number) {
  const low = Math.min(min(result.noiseLow) ?? 0, min(result.values.ste) ?? 0);
  const high = Math.max(max(result.noiseHigh) ?? 1, max(result.values.ste) ?? 1);
  const { slope } = steepestRelaxation(result.gradients);
  return {
    x: scaleLinear().domain(view.params.range).range([0, plotWidth]),
    y: scaleLinear().domain([low, high]).nice().range([TOP_HEIGHT, 0]),
    yGrad: scaleLinear()
      .domain([0, Math.min(MAX_SHOWN_SLOPE, Math.max(1.2, slope * 1.08))])
      .range([BOTTOM_TOP + BOTTOM_HEIGHT, BOTTOM_TOP]),
  };
}

/** What the relaxations figure is drawn from. */
export interface RelaxationInput {
  relaxations: RelaxationView | null;
}

export const relaxationInput = (state: AppState): RelaxationInput => ({ relaxations: state.relaxations });

/**
 * The relaxations in drawing order: the noise band (`band:noise`), its mean (`value:noise-mean`),
 * one noise sample every 4th grid point (`samples:noise`), the forward values
 * (`value:<relaxation>`, noise excepted) and the derivatives (`gradient:<relaxation>`).
 */
export function relaxationMarks(
  { relaxations }: RelaxationInput,
  { plotWidth }: { plotWidth: number },
): VectorMark[] | null {
  if (!relaxations) return null;
  const { inputs, result } = relaxations;
  const { x, y, yGrad } = relaxationScales(relaxations, plotWidth);
  const clip = [0, -2, plotWidth, BOTTOM_TOP + BOTTOM_HEIGHT + 4] as const;
  const indices = Array.from(inputs, (_, i) => i);
  const marks: VectorMark[] = [
    {
      id: 'band:noise',
      trace: (sink) =>
        area<number>()
          .x((i) => x(inputs[i] as number))
          .y0((i) => y(result.noiseLow[i] as number))
          .y1((i) => y(result.noiseHigh[i] as number))
          .context(asContext(sink))(indices),
      fill: '--c-noise',
      opacity: 0.16,
      clip,
    },
    {
      id: 'value:noise-mean',
      trace: traceSeries(inputs, result.noiseMean, x, y),
      stroke: '--c-noise',
      width: 1.2,
      clip,
    },
    {
      id: 'samples:noise',
      trace: (sink) => {
        for (let i = 0; i < inputs.length; i += 4) {
          const cx = x(inputs[i] as number);
          const cy = y(result.values.noise[i] as number);
          sink.moveTo(cx + 1.6, cy);
          sink.arc(cx, cy, 1.6, 0, 2 * Math.PI);
        }
      },
      fill: '--c-noise',
      clip,
    },
  ];
  for (const name of ['ste', 'identity', 'softRound'] as const) {
    marks.push({
      id: `value:${name}`,
      trace: traceSeries(inputs, result.values[name], x, y),
      ...RELAX_STYLES[name],
      clip,
    });
  }
  for (const name of RELAXATIONS) {
    marks.push({
      id: `gradient:${name}`,
      trace: traceSeries(inputs, result.gradients[name], x, yGrad),
      ...RELAX_STYLES[name],
      clip,
    });
  }
  return marks;
}
