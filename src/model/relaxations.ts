import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_ENGINE, type Engine } from './choices';
import { checkBatch, estimatorOutputs, makeContext, type Distance } from './quantizer';
import { seededRandom } from './random';
import { readAsync, type Readbacks } from './readback';

/**
 * Four ways to get a gradient through quantization, on the same inputs, for one figure. Each
 * forward value is the real expression and each d/dw comes from tfjs autodiff of it.
 */
export const RELAXATIONS = ['ste', 'identity', 'noise', 'softRound'] as const;
export type RelaxationName = (typeof RELAXATIONS)[number];

/**
 * Soft-rounding sharpness the model accepts. Below 0.05, s_α differs from the identity by under
 * 1e-4 Δ, and WebGL's tanh (sign(x) (1 - e^-2|x|) / (1 + e^-2|x|)) loses float32 digits to
 * cancellation for small arguments; above 50, s_α is within 1e-3 Δ of rounding except within
 * 0.07 Δ of a midpoint, where its slope α / (2 tanh(α/2)) ≈ α/2 would dwarf the other curves.
 */
export const ALPHA_LIMITS = { min: 0.05, max: 50 } as const;

export interface RelaxationParams {
  /** [N] the values w to relax */
  inputs: ArrayLike<number>;
  /** [L] evenly spaced, ascending centers, L >= 2; Δ = (c_L - c_1) / (L - 1) */
  centers: ArrayLike<number>;
  /** T > 0 of the soft assignment behind `ste` */
  temperature: number;
  /** the distance of the soft and hard assignments behind `ste` and `identity` */
  distance: Distance;
  /** soft-rounding sharpness α, in ALPHA_LIMITS */
  alpha: number;
  /** integer seed of the uniform noise sample (used modulo 2^32) */
  noiseSeed: number;
  /** the soft assignment behind `ste` and `identity` (quantizer.ts Context); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

export interface RelaxationResult {
  /** [N] forward value of each relaxation at each input; `noise` is w + u, not clamped to the centers */
  values: Record<RelaxationName, Float32Array>;
  /** [N] d(relaxation)/dw at each input, from tfjs autodiff */
  gradients: Record<RelaxationName, Float32Array>;
  /** [N] w - Δ/2, w + Δ/2 and w: the band the noisy value is drawn from, and its mean */
  noiseLow: Float32Array;
  noiseHigh: Float32Array;
  noiseMean: Float32Array;
}

/** Where each relaxation comes from, for the legend's tooltips (names are in the locales). */
export const RELAXATION_SOURCES: Record<RelaxationName, string> = {
  ste: 'Mentzer et al. 2018; Agustsson et al. 2019',
  identity: 'Bengio et al. 2013; Theis et al. 2017',
  noise: 'Ballé et al. 2017',
  softRound: 'Agustsson and Theis 2020',
};

/** The centers as an evenly spaced grid: c_j = first + spacing * j, j = 0..count-1. */
interface Grid {
  first: number;
  spacing: number;
  count: number;
}

/** Checks the rules the quantizer does not (spacing, α, seed) and returns the grid. */
function checkRelaxationRules(centers: Float32Array, alpha: number, noiseSeed: number): Grid {
  const count = centers.length;
  if (count < 2) throw new RangeError(`relaxations need at least 2 centers, got ${count}`);
  const first = centers[0] as number;
  // The mean gap, so that first + spacing * (L - 1) lands on c_L.
  const spacing = ((centers[count - 1] as number) - first) / (count - 1);
  // float32 centers such as makeCenters(64, 0.1) have gaps that differ by a few ulps
  const tolerance = 1e-4 * spacing;
  for (let j = 1; j < count; j++) {
    const gap = (centers[j] as number) - (centers[j - 1] as number);
    if (!(gap > 0)) {
      throw new RangeError(`centers must be ascending, got center ${j} = ${centers[j]} after ${centers[j - 1]}`);
    }
    if (Math.abs(gap - spacing) > tolerance) {
      throw new RangeError(
        `centers must be evenly spaced (gap ${spacing} ± ${tolerance}), got gap ${gap} before center ${j}`,
      );
    }
  }
  if (!Number.isFinite(alpha) || alpha < ALPHA_LIMITS.min || alpha > ALPHA_LIMITS.max) {
    throw new RangeError(`alpha must be in [${ALPHA_LIMITS.min}, ${ALPHA_LIMITS.max}], got ${alpha}`);
  }
  if (!Number.isInteger(noiseSeed)) throw new RangeError(`noise seed must be an integer, got ${noiseSeed}`);
  return { first, spacing, count };
}

/**
 * Soft rounding on the centers' grid, [N]: with u = (w - c_1) / Δ clipped to [0, L - 1],
 * c_1 + Δ (m + tanh(α r) / (2 tanh(α/2))), m = floor(u) + 1/2, r = u - m. Clipping u instead of
 * s_α(u) gives the same value (s_α is increasing and s_α(k) = k) and makes the ends exact: at c_1
 * and c_L the gradient is the inner one-sided derivative, outside it is 0 (clipByValue's rule).
 */
function softRound(w: tf.Tensor1D, grid: Grid, alpha: number): tf.Tensor1D {
  const u = tf.clipByValue(tf.div(tf.sub(w, grid.first), grid.spacing), 0, grid.count - 1);
  // tfjs gives floor a zero gradient, which is right: m is constant on each cell.
  const middle = tf.add(tf.floor(u), 0.5);
  const offset = tf.sub(u, middle);
  // The scale in float32 too: at r = -1/2 both tanh see the same number, so s_α(k) = k exactly.
  const scale = tf.mul(2, tf.tanh(tf.scalar(alpha / 2)));
  const rounded = tf.add(middle, tf.div(tf.tanh(tf.mul(offset, alpha)), scale));
  return tf.add(grid.first, tf.mul(rounded, grid.spacing));
}

/** One u ~ U(-Δ/2, Δ/2) per input, in input order, from seededRandom(seed). */
function drawNoise(count: number, spacing: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: count }, () => (random() - 0.5) * spacing);
}

/**
 * Every relaxation of w, its forward values and d/dw, from one synchronous tidy and one readback.
 * Throws RangeError naming the rule and the value on bad params.
 */
export function* relaxationReadbacks(params: RelaxationParams): Readbacks<RelaxationResult> {
  const { temperature, distance, alpha, noiseSeed } = params;
  const checked = checkBatch({ centers: params.centers, temperature, distance, sets: [{ inputs: params.inputs }] });
  const grid = checkRelaxationRules(checked.centers, alpha, noiseSeed);
  const inputs = (checked.sets[0] as { inputs: Float32Array }).inputs;
  const n = inputs.length;
  const noise = drawNoise(n, grid.spacing, noiseSeed);

  // Only the packed [values (4 x N), gradients (4 x N)] tensor leaves the tidy.
  const packed = tf.tidy(() => {
    const q = makeContext(checked.centers, temperature, distance, params.engine ?? DEFAULT_ENGINE);
    const u = tf.tensor1d(noise, 'float32');
    // One copy of w per relaxation (RELAXATIONS order): each output depends on its own copy only,
    // so one backward pass with dy = 1 gives every relaxation's d/dw.
    const relaxAll = (x: tf.Tensor) => {
      const copyOf = (t: tf.Tensor, name: RelaxationName) => tf.slice(t, RELAXATIONS.indexOf(name) * n, n);
      const quantized = estimatorOutputs(x as tf.Tensor1D, q);
      const outputs: Record<RelaxationName, tf.Tensor> = {
        ste: copyOf(quantized.ste, 'ste'),
        identity: copyOf(quantized.identity, 'identity'),
        noise: tf.add(copyOf(x, 'noise'), u),
        softRound: softRound(copyOf(x, 'softRound') as tf.Tensor1D, grid, alpha),
      };
      return tf.concat(RELAXATIONS.map((name) => outputs[name]));
    };
    const copies = tf.tile(tf.tensor1d(inputs, 'float32'), [RELAXATIONS.length]);
    const { value, grad } = tf.valueAndGrad(relaxAll)(copies, tf.onesLike(copies));
    return tf.concat([value, grad]);
  });
  const data = yield packed;
  const block = (k: number) => data.slice(k * n, (k + 1) * n);
  const byRelaxation = (first: number) =>
    Object.fromEntries(RELAXATIONS.map((name, k) => [name, block(first + k)])) as Record<RelaxationName, Float32Array>;
  const half = grid.spacing / 2;
  return {
    values: byRelaxation(0),
    gradients: byRelaxation(RELAXATIONS.length),
    noiseLow: inputs.map((w) => w - half),
    noiseHigh: inputs.map((w) => w + half),
    noiseMean: inputs.slice(),
  };
}

/** The relaxations with an asynchronous readback (the page: WebGL does not block it). */
export function compareRelaxations(params: RelaxationParams): Promise<RelaxationResult> {
  return readAsync(relaxationReadbacks(params));
}
