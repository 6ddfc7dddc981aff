import type { EstimatorName } from '../model/estimators';
import { ESTIMATORS } from '../model/estimators';
import type { SeedLine } from './lesson';
import { CURVES, type AppState, type CurveName } from './store';

/**
 * The one rule for which marks are shown. The round-pitfall toggle (`lesson.seedline`) and the
 * legend (`hiddenCurves`) both hide curves; the figures, their legends and their exports all read
 * these selectors, so no mark is hidden in a way an export cannot see.
 */

/** The curve the pitfall toggle takes away: "as written" hides w_bar, "corrected" hides round(w_bar). */
const SEEDLINE_HIDES: Record<SeedLine, CurveName | null> = { both: null, written: 'bar', corrected: 'seedRound' };

/** The estimator lane (arrows figure) that goes with each hidden curve. */
const CURVE_ESTIMATOR: Partial<Record<CurveName, EstimatorName>> = { bar: 'ste', seedRound: 'seedRound' };

/** The curves the legend offers under `seedline`, in legend order. */
export function legendCurves(seedline: SeedLine): CurveName[] {
  return CURVES.filter((name) => name !== SEEDLINE_HIDES[seedline]);
}

/** The curves drawn (both panels of the curves figure, and its export), in drawing order. */
export function visibleCurves(seedline: SeedLine, hidden: Partial<Record<CurveName, true>>): CurveName[] {
  return legendCurves(seedline).filter((name) => !hidden[name]);
}

/** The estimator lanes the arrows figure draws under `seedline`, in lane order. */
export function visibleLanes(seedline: SeedLine): EstimatorName[] {
  const gone = SEEDLINE_HIDES[seedline];
  const goneEstimator = gone ? CURVE_ESTIMATOR[gone] : undefined;
  return ESTIMATORS.filter((name) => name !== goneEstimator);
}

/** Store selector: the visible curves. Returns a new array: compare with zustand's `shallow`. */
export const selectVisibleCurves = (state: AppState): CurveName[] =>
  visibleCurves(state.lesson.seedline, state.hiddenCurves);
