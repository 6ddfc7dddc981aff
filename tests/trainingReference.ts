/**
 * An independent float64 oracle of the training objective in plain JS (no tfjs): the forward
 * loss of each estimator, and its gradients from closed forms (ste, hard, identity), from central
 * finite differences (soft) or from knowing they vanish (seedRound).
 */
import type { Distance } from './reference';

export type Estimator = 'soft' | 'ste' | 'hard' | 'seedRound' | 'identity';

/** log2(P + eps) keeps an empty cell's term finite */
const EPSILON = 1e-6;

export interface ReferenceSetup {
  values: readonly number[];
  centers: readonly number[];
  targets: readonly number[];
  temperature: number;
  distance: Distance;
  lambda: number;
  estimator: Estimator;
}

const distanceOf = (y: number, c: number, kind: Distance) => (kind === 'l1' ? Math.abs(y - c) : (y - c) ** 2);
/** d/dy d(y, c), with sign(0) = 0 at the L1 kink */
const distanceSlope = (y: number, c: number, kind: Distance) => (kind === 'l1' ? Math.sign(y - c) : 2 * (y - c));

function softmaxRow(y: number, centers: readonly number[], sigma: number, kind: Distance): number[] {
  const logits = centers.map((c) => -sigma * distanceOf(y, c, kind));
  const top = Math.max(...logits);
  const weights = logits.map((z) => Math.exp(z - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** index of the first nearest center */
export function nearestIndex(y: number, centers: readonly number[], kind: Distance): number {
  let best = 0;
  centers.forEach((c, j) => {
    if (distanceOf(y, c, kind) < distanceOf(y, centers[best] as number, kind)) best = j;
  });
  return best;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((acc, x, j) => acc + x * (b[j] as number), 0);

function rateOf(frequencies: readonly number[]): number {
  return -frequencies.reduce((acc, p) => acc + p * Math.log2(p + EPSILON), 0);
}

/** dR/dP_j = -(log2(P_j + eps) + P_j / ((P_j + eps) ln 2)) */
function rateSlope(p: number): number {
  return -(Math.log2(p + EPSILON) + p / ((p + EPSILON) * Math.LN2));
}

/** Forward loss, distortion and rate, as each estimator's forward pass sees them. */
export function referenceObjective(setup: ReferenceSetup): { loss: number; distortion: number; rate: number } {
  const { values, centers, targets, temperature, distance, lambda, estimator } = setup;
  const count = values.length;
  const frequencies = centers.map(() => 0);
  let distortion = 0;
  values.forEach((y, i) => {
    const soft = estimator === 'soft' ? softmaxRow(y, centers, 1 / temperature, distance) : null;
    const nearest = nearestIndex(y, centers, distance);
    const hard = centers[nearest] as number;
    const quantized = soft ? dot(soft, centers) : estimator === 'seedRound' ? Math.round(hard) : hard;
    distortion += (quantized - (targets[i] as number)) ** 2 / count;
    centers.forEach((_, j) => {
      frequencies[j] = (frequencies[j] as number) + (soft ? (soft[j] as number) : j === nearest ? 1 : 0) / count;
    });
  });
  const rate = rateOf(frequencies);
  return { loss: distortion + lambda * rate, distortion, rate };
}

/** Central finite differences of the forward loss (smooth only for `soft`). */
function finiteDifferenceGradients(setup: ReferenceSetup, step: number): { values: number[]; centers: number[] } {
  const nudged = (which: 'values' | 'centers', k: number, by: number) => {
    const copy = [...setup[which]];
    copy[k] = (copy[k] as number) + by;
    return referenceObjective({ ...setup, [which]: copy }).loss;
  };
  const slope = (which: 'values' | 'centers') =>
    setup[which].map((_, k) => (nudged(which, k, step) - nudged(which, k, -step)) / (2 * step));
  return { values: slope('values'), centers: slope('centers') };
}

/**
 * The STE's gradient in closed form: the forward (hard value, hard symbols) fixes the outer
 * derivatives, the soft relaxation gives the inner ones:
 *   dL/dy_i = (2/N)(yhat_i - x_i) dws_i/dy_i + lambda (1/N) sum_j R'(P_j) dp_ij/dy_i
 *   dp_ij/dy_i = sigma p_ij (sum_k p_ik d'_ik - d'_ij),  dp_ij/dc_k = sigma p_ij (delta_jk - p_ik) d'_ik
 *   dws_i/dc_k = p_ik + sum_j c_j dp_ij/dc_k
 */
function straightThroughGradients(setup: ReferenceSetup): { values: number[]; centers: number[] } {
  const { values, centers, targets, temperature, distance, lambda } = setup;
  const count = values.length;
  const sigma = 1 / temperature;
  const nearest = values.map((y) => nearestIndex(y, centers, distance));
  const frequencies = centers.map((_, j) => nearest.filter((n) => n === j).length / count);
  const slopes = frequencies.map(rateSlope);
  const centerGradient = centers.map(() => 0);
  const valueGradient = values.map((y, i) => {
    const p = softmaxRow(y, centers, sigma, distance);
    const dd = centers.map((c) => distanceSlope(y, c, distance));
    const mean = dot(p, dd);
    const dpdy = p.map((pj, j) => sigma * pj * (mean - (dd[j] as number)));
    const error = (centers[nearest[i] as number] as number) - (targets[i] as number);
    centers.forEach((_, k) => {
      const dpdc = p.map((pj, j) => sigma * pj * ((j === k ? 1 : 0) - (p[k] as number)) * (dd[k] as number));
      const dwsdc = (p[k] as number) + dot(centers, dpdc);
      centerGradient[k] =
        (centerGradient[k] as number) + (2 / count) * error * dwsdc + (lambda / count) * dot(slopes, dpdc);
    });
    return (2 / count) * error * dot(centers, dpdy) + (lambda / count) * dot(slopes, dpdy);
  });
  return { values: valueGradient, centers: centerGradient };
}

/** dLoss/dy [N] and dLoss/dc [L] of each estimator, in float64. */
export function referenceGradients(setup: ReferenceSetup): { values: number[]; centers: number[] } {
  const { values, centers, targets, distance, estimator } = setup;
  const count = values.length;
  const zeros = (n: number) => new Array<number>(n).fill(0);
  switch (estimator) {
    case 'soft':
      return finiteDifferenceGradients(setup, 1e-6);
    case 'ste':
      return straightThroughGradients(setup);
    case 'hard': {
      // the gather's gradient: (2/N) sum over the values in cell j of (c_j - x_i)
      const gather = zeros(centers.length);
      values.forEach((y, i) => {
        const j = nearestIndex(y, centers, distance);
        gather[j] = (gather[j] as number) + (2 / count) * ((centers[j] as number) - (targets[i] as number));
      });
      return { values: zeros(count), centers: gather };
    }
    case 'seedRound':
      return { values: zeros(count), centers: zeros(centers.length) };
    case 'identity':
      return {
        values: values.map(
          (y, i) => (2 / count) * ((centers[nearestIndex(y, centers, distance)] as number) - (targets[i] as number)),
        ),
        centers: zeros(centers.length),
      };
  }
}
