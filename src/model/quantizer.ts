import * as tf from '@tensorflow/tfjs-core';
// tfjs-core ships the gradients of its kernels separately; the umbrella package registers them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { checkCenters } from './centers';
import { ESTIMATORS, type EstimatorName } from './estimators';
import { absWithZeroKink, stopGradient, withGradient } from './stopGradient';

export type Distance = 'l1' | 'l2';
export const DISTANCES: readonly Distance[] = ['l1', 'l2'];

/** Smallest and largest temperature the model accepts (sigma = 1 / T). */
export const TEMPERATURE_LIMITS = { min: 1e-3, max: 1e3 } as const;

export interface QuantizerParams {
  /** [N] the values to quantize */
  inputs: ArrayLike<number>;
  /** [L] the quantization centers; ties go to the lower index */
  centers: ArrayLike<number>;
  /** T > 0; the softmax uses -d / T */
  temperature: number;
  /** l1: |w - c| (the seed); l2: (w - c)^2 (Mentzer et al. 2018) */
  distance: Distance;
  /** when given, also d/dw of the toy loss 1/2 (estimator(w) - target)^2 */
  target?: number;
}

export interface QuantizerResult {
  /** N, the number of inputs */
  inputCount: number;
  /** L, the number of centers */
  centerCount: number;
  /** [L] the centers as float32 */
  centers: Float32Array;
  /** [N, L] row-major: p_ij = softmax_j(-d(w_i, c_j) / T) */
  assignments: Float32Array;
  /** [N] forward value of each estimator: soft = w_soft, hard = w_hard, ste = w_bar, ... */
  values: Record<EstimatorName, Float32Array>;
  /** [N] d(estimator)/dw at each input, from tfjs autodiff */
  gradients: Record<EstimatorName, Float32Array>;
  /** [N] d/dw of 1/2 (estimator(w) - target)^2, from tfjs autodiff; null without a target */
  lossGradients: Record<EstimatorName, Float32Array> | null;
}

/** Fixed per update: everything but w. */
export interface Context {
  centers: tf.Tensor1D;
  sigma: number;
  distance: Distance;
}

/** d(w_i, c_j), [N, L] */
export function distances(w: tf.Tensor1D, q: Context): tf.Tensor2D {
  const diff = tf.sub(tf.expandDims(w, 1), tf.expandDims(q.centers, 0)) as tf.Tensor2D;
  return q.distance === 'l1' ? absWithZeroKink(diff) : tf.square(diff);
}

/** p_ij = softmax_j(-sigma d_ij) from the distances [N, L] (the seed's `smx`) */
export function assignmentsFrom(d: tf.Tensor2D, q: Context): tf.Tensor2D {
  return tf.softmax(tf.mul(d, -q.sigma));
}

/** p_ij = softmax_j(-sigma d(w_i, c_j)), [N, L] */
function softAssignments(w: tf.Tensor1D, q: Context): tf.Tensor2D {
  return assignmentsFrom(distances(w, q), q);
}

/** w_soft = sum_j p_ij c_j from the distances, [N] */
function softFrom(d: tf.Tensor2D, q: Context): tf.Tensor1D {
  return tf.sum(tf.mul(assignmentsFrom(d, q), tf.expandDims(q.centers, 0)), 1);
}

/**
 * c[argmin_j d], ties to the lower index, [N]. Found with float ops only (no argMin, no int
 * gather): the smallest index whose distance equals the row minimum. That keeps the tie rule
 * identical on every backend, and no int tensor lands on the gradient tape (where tf.grad
 * through tf.gather(c, tf.argMin(d)) throws).
 */
const nearestCenter = withGradient((d: tf.Tensor, centers: tf.Tensor) => {
  const centerCount = centers.shape[0] as number;
  const indices = tf.range(0, centerCount, 1, 'float32');
  const isNearest = tf.equal(d, tf.min(d, 1, true));
  const firstIndex = tf.min(tf.where(isNearest, tf.expandDims(indices, 0), tf.scalar(centerCount)), 1, true);
  const oneHot = tf.cast(tf.equal(tf.expandDims(indices, 0), firstIndex), 'float32');
  return {
    value: tf.sum(tf.mul(oneHot, tf.expandDims(centers, 0)), 1),
    gradFunc: () => [tf.zerosLike(d), tf.zerosLike(centers)],
  };
});

/**
 * The five estimators from one evaluation of the shared parts (distances, softmax, w_hard), [N]
 * each. Each is the real expression; tfjs differentiates it.
 */
export function estimatorOutputs(w: tf.Tensor1D, q: Context): Record<EstimatorName, tf.Tensor1D> {
  const d = distances(w, q);
  const soft = softFrom(d, q);
  // c[argmin_j d], zero gradient
  const hard = nearestCenter(d, q.centers) as tf.Tensor1D;
  // w_bar = w_soft + stop_gradient(w_hard - w_soft)
  const ste = tf.add(soft, stopGradient(tf.sub(hard, soft))) as tf.Tensor1D;
  return {
    soft,
    ste,
    hard,
    // The seed's last line: round has no gradient in TF and a zero one in tfjs.
    seedRound: tf.round(ste),
    // Forward w_hard, gradient 1 (Bengio et al. 2013; Theis et al. 2017).
    identity: tf.add(w, stopGradient(tf.sub(hard, w))) as tf.Tensor1D,
  };
}

/**
 * All five estimators in one pass over stacked inputs: x holds one copy of w per estimator
 * (ESTIMATORS order, [5N]) and slice k of the result is estimator k at copy k. Each output
 * depends on its own input only, so one backward pass gives every estimator's d/dw, and the
 * shared parts run once instead of five times (a fifth of the kernel launches).
 */
function stackedEstimators(x: tf.Tensor1D, q: Context): tf.Tensor1D {
  const count = (x.shape[0] as number) / ESTIMATORS.length;
  const outputs = estimatorOutputs(x, q);
  return tf.concat(ESTIMATORS.map((name, k) => tf.slice(outputs[name], k * count, count))) as tf.Tensor1D;
}

/** Single expressions, for tests that check the naive port and stop_gradient. */
export const expressions = {
  /** w_soft, [N] */
  softQuantize: (w: tf.Tensor1D, q: Context) => softFrom(distances(w, q), q),
  /** w_hard, [N], zero gradient */
  hardQuantize: (w: tf.Tensor1D, q: Context) => nearestCenter(distances(w, q), q.centers) as tf.Tensor1D,
  /** w_bar = w_soft + stop_gradient(w_hard - w_soft), [N] */
  straightThrough: (w: tf.Tensor1D, q: Context) => estimatorOutputs(w, q).ste,
};

/** Build the context tensors inside the caller's tidy. */
export function makeContext(centers: ArrayLike<number>, temperature: number, distance: Distance): Context {
  return { centers: tf.tensor1d(Float32Array.from(centers), 'float32'), sigma: 1 / temperature, distance };
}

/** Several input sets sharing centers, temperature and distance: one tidy, one readback. */
export interface QuantizerBatch {
  centers: ArrayLike<number>;
  temperature: number;
  distance: Distance;
  sets: ReadonlyArray<{ inputs: ArrayLike<number>; target?: number }>;
}

interface CheckedSet {
  inputs: Float32Array;
  target: number | null;
}

export function checkBatch(batch: QuantizerBatch): { centers: Float32Array; sets: CheckedSet[] } {
  const { temperature, distance } = batch;
  if (!Number.isFinite(temperature) || temperature < TEMPERATURE_LIMITS.min || temperature > TEMPERATURE_LIMITS.max) {
    throw new RangeError(
      `temperature must be in [${TEMPERATURE_LIMITS.min}, ${TEMPERATURE_LIMITS.max}], got ${temperature}`,
    );
  }
  if (!DISTANCES.includes(distance)) throw new RangeError(`distance must be 'l1' or 'l2', got ${String(distance)}`);
  const sets = batch.sets.map(({ inputs, target }) => {
    if (inputs.length < 1) throw new RangeError('inputs must hold at least 1 value, got 0');
    const checked = Float32Array.from(inputs);
    checked.forEach((value, i) => {
      if (!Number.isFinite(value)) throw new RangeError(`input ${i} must be finite, got ${inputs[i]}`);
    });
    if (target !== undefined && !Number.isFinite(target)) throw new RangeError(`target must be finite, got ${target}`);
    return { inputs: checked, target: target ?? null };
  });
  return { centers: checkCenters(batch.centers), sets };
}

/**
 * One input set's outputs as one flat tensor: [assignments (N*L), values (5 x N), gradients
 * (5 x N), and with a target, loss gradients (5 x N)], estimators in ESTIMATORS order.
 * Runs inside the caller's tidy.
 */
function computeSet(set: CheckedSet, q: Context): tf.Tensor {
  const w = tf.tensor1d(set.inputs, 'float32');
  const copies = tf.tile(w, [ESTIMATORS.length]);
  const estimate = (x: tf.Tensor) => stackedEstimators(x as tf.Tensor1D, q);
  const { value, grad } = tf.valueAndGrad(estimate)(copies, tf.onesLike(copies));
  const parts = [tf.reshape(softAssignments(w, q), [-1]), value, grad];
  const target = set.target;
  if (target !== null) {
    // the toy loss l = 1/2 (estimator(w) - target)^2, differentiated by tfjs as a whole
    const loss = (x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(tf.sub(estimate(x), target))));
    parts.push(tf.grad(loss)(copies));
  }
  return tf.concat(parts);
}

function unpack(data: Float32Array, offset: number, set: CheckedSet, centers: Float32Array): QuantizerResult {
  const inputCount = set.inputs.length;
  const centerCount = centers.length;
  const assignmentsEnd = offset + inputCount * centerCount;
  const block = (k: number) => data.slice(assignmentsEnd + k * inputCount, assignmentsEnd + (k + 1) * inputCount);
  const byEstimator = (first: number) =>
    Object.fromEntries(ESTIMATORS.map((name, k) => [name, block(first + k)])) as Record<EstimatorName, Float32Array>;
  return {
    inputCount,
    centerCount,
    centers,
    assignments: data.slice(offset, assignmentsEnd),
    values: byEstimator(0),
    gradients: byEstimator(ESTIMATORS.length),
    lossGradients: set.target === null ? null : byEstimator(2 * ESTIMATORS.length),
  };
}

/** How many numbers computeSet packs for a set. */
function packedLength(set: CheckedSet, centerCount: number): number {
  const blocks = set.target === null ? 2 : 3;
  return set.inputs.length * (centerCount + blocks * ESTIMATORS.length);
}

function computeBatch(batch: QuantizerBatch): {
  packed: tf.Tensor;
  read: (data: Float32Array) => QuantizerResult[];
} {
  const { centers, sets } = checkBatch(batch);
  // One synchronous tidy for every tensor op of the update; only the packed tensor leaves it.
  const packed = tf.tidy(() => {
    const q = makeContext(centers, batch.temperature, batch.distance);
    return tf.concat(sets.map((set) => computeSet(set, q)));
  });
  const read = (data: Float32Array) => {
    let offset = 0;
    return sets.map((set) => {
      const result = unpack(data, offset, set, centers);
      offset += packedLength(set, centers.length);
      return result;
    });
  };
  return { packed, read };
}

/** A batch with a blocking readback (node, tests). Throws RangeError on bad params. */
export function quantizeBatchSync(batch: QuantizerBatch): QuantizerResult[] {
  const { packed, read } = computeBatch(batch);
  try {
    return read(packed.dataSync() as Float32Array);
  } finally {
    packed.dispose();
  }
}

/** A batch with an asynchronous readback (the browser: WebGL does not block the page). */
export async function quantizeBatch(batch: QuantizerBatch): Promise<QuantizerResult[]> {
  const { packed, read } = computeBatch(batch);
  try {
    return read((await packed.data()) as Float32Array);
  } finally {
    packed.dispose();
  }
}

function asBatch({ inputs, target, ...shared }: QuantizerParams): QuantizerBatch {
  return { ...shared, sets: [target === undefined ? { inputs } : { inputs, target }] };
}

/** One input set with a blocking readback. */
export function quantizeSync(params: QuantizerParams): QuantizerResult {
  return quantizeBatchSync(asBatch(params))[0] as QuantizerResult;
}

/** One input set with an asynchronous readback. */
export async function quantize(params: QuantizerParams): Promise<QuantizerResult> {
  return (await quantizeBatch(asBatch(params)))[0] as QuantizerResult;
}
