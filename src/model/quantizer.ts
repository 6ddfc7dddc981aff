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
}

/** Fixed per update: everything but w. */
interface Context {
  centers: tf.Tensor1D;
  sigma: number;
  distance: Distance;
}

/** d(w_i, c_j), [N, L] */
function distances(w: tf.Tensor1D, q: Context): tf.Tensor2D {
  const diff = tf.sub(tf.expandDims(w, 1), tf.expandDims(q.centers, 0)) as tf.Tensor2D;
  return q.distance === 'l1' ? absWithZeroKink(diff) : tf.square(diff);
}

/** p_ij = softmax_j(-sigma d(w_i, c_j)), [N, L] (the seed's `smx`) */
function softAssignments(w: tf.Tensor1D, q: Context): tf.Tensor2D {
  return tf.softmax(tf.mul(distances(w, q), -q.sigma));
}

/** w_soft = sum_j p_ij c_j, [N] */
function softQuantize(w: tf.Tensor1D, q: Context): tf.Tensor1D {
  return tf.sum(tf.mul(softAssignments(w, q), tf.expandDims(q.centers, 0)), 1);
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

/** w_hard = c[argmin_j d(w, c_j)], [N]; zero gradient */
function hardQuantize(w: tf.Tensor1D, q: Context): tf.Tensor1D {
  return nearestCenter(distances(w, q), q.centers) as tf.Tensor1D;
}

/** w_bar = w_soft + stop_gradient(w_hard - w_soft): forward w_hard, gradient d w_soft / dw */
function straightThrough(w: tf.Tensor1D, q: Context): tf.Tensor1D {
  const soft = softQuantize(w, q);
  return tf.add(soft, stopGradient(tf.sub(hardQuantize(w, q), soft)));
}

const ESTIMATOR_EXPRESSIONS: Record<EstimatorName, (w: tf.Tensor1D, q: Context) => tf.Tensor1D> = {
  soft: softQuantize,
  ste: straightThrough,
  hard: hardQuantize,
  // The seed's last line: round has no gradient in TF and a zero one in tfjs.
  seedRound: (w, q) => tf.round(straightThrough(w, q)),
  // Forward w_hard, gradient 1 (Bengio et al. 2013; Theis et al. 2017).
  identity: (w, q) => tf.add(w, stopGradient(tf.sub(hardQuantize(w, q), w))),
};

/** Estimator expressions exposed for tests that check the naive port and custom losses. */
export const expressions = { distances, softAssignments, softQuantize, hardQuantize, straightThrough };
export type QuantizerContext = Context;

function checkParams(params: QuantizerParams): { inputs: Float32Array; centers: Float32Array } {
  const { temperature, distance } = params;
  if (!Number.isFinite(temperature) || temperature < TEMPERATURE_LIMITS.min || temperature > TEMPERATURE_LIMITS.max) {
    throw new RangeError(
      `temperature must be in [${TEMPERATURE_LIMITS.min}, ${TEMPERATURE_LIMITS.max}], got ${temperature}`,
    );
  }
  if (!DISTANCES.includes(distance)) throw new RangeError(`distance must be 'l1' or 'l2', got ${String(distance)}`);
  const inputs = Float32Array.from(params.inputs);
  inputs.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new RangeError(`input ${i} must be finite, got ${params.inputs[i]}`);
  });
  return { inputs, centers: checkCenters(params.centers) };
}

/** Build the context tensors inside the caller's tidy. */
export function makeContext(centers: ArrayLike<number>, temperature: number, distance: Distance): Context {
  return { centers: tf.tensor1d(Float32Array.from(centers), 'float32'), sigma: 1 / temperature, distance };
}

/**
 * All outputs of one update packed into one flat tensor, so one readback fetches them:
 * [assignments (N*L), values (5 x N, ESTIMATORS order), gradients (5 x N)].
 * One synchronous tidy; the caller owns (and disposes) the returned tensor.
 */
function computePacked(inputs: Float32Array, centers: Float32Array, params: QuantizerParams): tf.Tensor1D {
  return tf.tidy(() => {
    const q = makeContext(centers, params.temperature, params.distance);
    const w = tf.tensor1d(inputs, 'float32');
    const ones = tf.onesLike(w);
    const parts: tf.Tensor[] = [tf.reshape(softAssignments(w, q), [-1])];
    const grads: tf.Tensor[] = [];
    for (const name of ESTIMATORS) {
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor1D) => ESTIMATOR_EXPRESSIONS[name](x, q))(w, ones);
      parts.push(value);
      grads.push(grad);
    }
    return tf.concat([...parts, ...grads]) as tf.Tensor1D;
  });
}

function unpack(data: Float32Array, inputCount: number, centers: Float32Array): QuantizerResult {
  const centerCount = centers.length;
  const assignmentsEnd = inputCount * centerCount;
  const slice = (k: number) => data.slice(assignmentsEnd + k * inputCount, assignmentsEnd + (k + 1) * inputCount);
  const values = {} as Record<EstimatorName, Float32Array>;
  const gradients = {} as Record<EstimatorName, Float32Array>;
  ESTIMATORS.forEach((name, k) => {
    values[name] = slice(k);
    gradients[name] = slice(ESTIMATORS.length + k);
  });
  return { inputCount, centerCount, centers, assignments: data.slice(0, assignmentsEnd), values, gradients };
}

/** One update with a blocking readback (node, tests, cpu). Throws RangeError on bad params. */
export function quantizeSync(params: QuantizerParams): QuantizerResult {
  const { inputs, centers } = checkParams(params);
  const packed = computePacked(inputs, centers, params);
  try {
    return unpack(packed.dataSync() as Float32Array, inputs.length, centers);
  } finally {
    packed.dispose();
  }
}

/** One update with an asynchronous readback (the browser: WebGL does not block the page). */
export async function quantize(params: QuantizerParams): Promise<QuantizerResult> {
  const { inputs, centers } = checkParams(params);
  const packed = computePacked(inputs, centers, params);
  try {
    return unpack((await packed.data()) as Float32Array, inputs.length, centers);
  } finally {
    packed.dispose();
  }
}
