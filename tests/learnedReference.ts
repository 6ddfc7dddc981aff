/**
 * A float64 reference of the learned block codec's loss (src/image/learned/model.ts and
 * train.ts), written independently of tfjs: plain loops over Float64Arrays. Its gradient is
 * taken by central finite differences.
 */
import {
  PARAMETER_NAMES,
  parameterShapes,
  type BlockModelConfig,
  type ParameterName,
} from '../src/image/learned/model';

export type Parameters64 = Record<ParameterName, Float64Array>;

export interface ReferenceSetting {
  lambda: number;
  sigma: number;
}

/**
 * What the straight-through estimator freezes at the current point: hard - soft for every latent
 * value [N * C] and one-hot - soft for every assignment [N * C * L]. The loss with these added as
 * constants has, as its gradient, the STE's closed form: the soft path's gradient, hard forward.
 */
export interface Offsets {
  value: Float64Array;
  assignment: Float64Array;
}

function matMul(
  a: Float64Array,
  rows: number,
  inner: number,
  b: Float64Array,
  columns: number,
  bias: Float64Array,
): Float64Array {
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      let sum = bias[j] as number;
      for (let k = 0; k < inner; k++) sum += (a[i * inner + k] as number) * (b[k * columns + j] as number);
      out[i * columns + j] = sum;
    }
  }
  return out;
}

const tanh = (v: Float64Array) => v.map(Math.tanh);

function dims(config: BlockModelConfig) {
  return { d: 3 * config.blockSize ** 2, h: config.hidden, c: config.channels, l: config.centers.length };
}

/** z = tanh(x W1 + b1) W2 + b2, [N * C] */
export function referenceLatents(p: Parameters64, config: BlockModelConfig, x: Float64Array): Float64Array {
  const { d, h, c } = dims(config);
  const n = x.length / d;
  return matMul(tanh(matMul(x, n, d, p.w1, h, p.b1)), n, h, p.w2, c, p.b2);
}

/** softmax_j(-sigma d(z, c_j)) [N * C * L], one-hot of the first nearest center, soft and hard values [N * C] */
export function referenceQuantizer(
  z: Float64Array,
  config: Pick<BlockModelConfig, 'centers' | 'distance'>,
  sigma: number,
) {
  const centers = config.centers;
  const l = centers.length;
  const soft = new Float64Array(z.length * l);
  const oneHot = new Float64Array(z.length * l);
  const softValue = new Float64Array(z.length);
  const hardValue = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const dist = centers.map((cj) =>
      config.distance === 'l1' ? Math.abs((z[i] as number) - cj) : ((z[i] as number) - cj) ** 2,
    );
    const least = Math.min(...dist);
    const nearest = dist.indexOf(least);
    const e = dist.map((dj) => Math.exp(-sigma * (dj - least)));
    const total = e.reduce((a, b) => a + b, 0);
    for (let j = 0; j < l; j++) {
      soft[i * l + j] = (e[j] as number) / total;
      softValue[i] = (softValue[i] as number) + ((e[j] as number) / total) * (centers[j] as number);
    }
    oneHot[i * l + nearest] = 1;
    hardValue[i] = centers[nearest] as number;
  }
  return { soft, oneHot, softValue, hardValue };
}

/** The STE's frozen offsets at p. */
export function steOffsets(p: Parameters64, config: BlockModelConfig, x: Float64Array, sigma: number): Offsets {
  const q = referenceQuantizer(referenceLatents(p, config, x), config, sigma);
  return {
    value: q.hardValue.map((v, i) => v - (q.softValue[i] as number)),
    assignment: q.oneHot.map((v, i) => v - (q.soft[i] as number)),
  };
}

/**
 * loss = mean (y - x)^2 + lambda * sum_c H_c / b^2 with the soft quantizer, plus `offsets` when
 * given (the STE). Float64 throughout.
 */
export function referenceLoss(
  p: Parameters64,
  config: BlockModelConfig,
  x: Float64Array,
  setting: ReferenceSetting,
  offsets?: Offsets,
) {
  const { d, h, c, l } = dims(config);
  const n = x.length / d;
  const z = referenceLatents(p, config, x);
  const q = referenceQuantizer(z, config, setting.sigma);
  const values = q.softValue.map((v, i) => v + (offsets?.value[i] ?? 0));
  const assignments = q.soft.map((v, i) => v + (offsets?.assignment[i] ?? 0));
  const y = matMul(tanh(matMul(values, n, c, p.w3, h, p.b3)), n, h, p.w4, d, p.b4);
  let distortion = 0;
  for (let i = 0; i < y.length; i++) distortion += ((y[i] as number) - (x[i] as number)) ** 2;
  distortion /= y.length;
  const rate = referenceRate(assignments, c, l);
  const bpp = rate / config.blockSize ** 2;
  return { loss: distortion + setting.lambda * bpp, distortion, rate, bpp, decoded: y };
}

/**
 * Bits per row of C latents: sum_c H_c, H_c = -sum_j P_cj log2(P_cj + 1e-6), P_cj the mean over
 * the N rows of the assignments [N * C * L] (row, then channel, then center).
 */
export function referenceRate(assignments: Float64Array, c: number, l: number): number {
  const n = assignments.length / (c * l);
  let rate = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let j = 0; j < l; j++) {
      let pj = 0;
      for (let i = 0; i < n; i++) pj += assignments[(i * c + ch) * l + j] as number;
      pj /= n;
      rate -= pj * Math.log2(pj + 1e-6);
    }
  }
  return rate;
}

/**
 * d loss / d p by central differences, float64, of `f`. Under the STE an empty cell's frequency
 * is P = p(theta) - p(theta0), which a step of 1e-6 moves by as much as the rate's guard eps =
 * 1e-6 itself, where log2(P + eps) is far from linear: the STE check uses a step of 1e-9.
 */
export function finiteDifferenceGradient(
  p: Parameters64,
  config: BlockModelConfig,
  f: (p: Parameters64) => number,
  step = 1e-6,
): Parameters64 {
  const shapes = parameterShapes(config);
  const out = {} as Parameters64;
  for (const name of PARAMETER_NAMES) {
    const size = shapes[name].reduce((a, b) => a * b, 1);
    const g = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const original = p[name][k] as number;
      p[name][k] = original + step;
      const up = f(p);
      p[name][k] = original - step;
      const down = f(p);
      p[name][k] = original;
      g[k] = (up - down) / (2 * step);
    }
    out[name] = g;
  }
  return out;
}
