import * as tf from '@tensorflow/tfjs-core';
// tfjs-core ships the gradients of its kernels separately; the umbrella package registers them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { checkCenters } from './centers';
import { DEFAULT_ENGINE, type Engine } from './choices';
import { composeEstimator, ESTIMATORS, type EstimatorName } from './estimators';
import { fusedNearestIndex, fusedSoftAssign, fusedSoftCopies, fusedSummary } from './kernels/softAssignment';
import { readAsync, type Readbacks } from './readback';
import { absWithZeroKink, withGradient } from './stopGradient';

export type { Engine } from './choices';

export type Distance = 'l1' | 'l2';
export const DISTANCES: readonly Distance[] = ['l1', 'l2'];

/** Smallest and largest temperature the model accepts (sigma = 1 / T). */
export const TEMPERATURE_LIMITS = { min: 1e-3, max: 1e3 } as const;

export interface QuantizerResult {
  /** N, the number of inputs */
  inputCount: number;
  /** L, the number of centers */
  centerCount: number;
  /** [L] the centers as float32 */
  centers: Float32Array;
  /** [N, L] row-major: p_ij = softmax_j(-d(w_i, c_j) / T) */
  assignments: Float32Array;
  /** [N] argmin_j d(w_i, c_j), ties to the lower index: values.hard[i] = centers[nearestIndex[i]] */
  nearestIndex: Int32Array;
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
  /**
   * the soft assignment's implementation: 'fused' (one kernel per backend with a closed-form
   * gradient, src/model/kernels) or 'reference' (the unfused tfjs graph below, differentiated by
   * autodiff; `?engine=reference`). The estimators are tfjs autodiff either way.
   */
  engine: Engine;
}

/**
 * p_ij [N, L] and w_soft [N] for inputs w, differentiable in w and in the centers: one fused
 * kernel, or the reference graph (distances, softmax, weighted sum).
 */
export function softAssign(w: tf.Tensor1D, q: Context): { assignments: tf.Tensor2D; soft: tf.Tensor1D } {
  if (q.engine === 'fused') return fusedSoftAssign(w, q.centers, q.sigma, q.distance === 'l2');
  const assignments = assignmentsFrom(distances(w, q), q);
  return { assignments, soft: tf.sum(tf.mul(assignments, tf.expandDims(q.centers, 0)), 1) };
}

/**
 * w_soft for K equal copies of w [N], each its own leaf of the gradient, as [K * N], and p [N, L]
 * of the first copy, kept past the gradient's tidy (the caller disposes it). The fused engine
 * evaluates the soft assignment once for all copies; the reference graph runs it on the stacked
 * copies, as autodiff of the plain expression would.
 */
function softOfCopies(copies: tf.Tensor1D[], q: Context): { assignments: tf.Tensor2D; soft: tf.Tensor1D } {
  if (q.engine === 'fused') return fusedSoftCopies(copies, q.centers, q.sigma, q.distance === 'l2');
  const { assignments, soft } = softAssign(tf.concat(copies), q);
  const n = (copies[0] as tf.Tensor1D).shape[0];
  return { assignments: tf.keep(tf.slice(assignments, [0, 0], [n, -1])), soft };
}

/** argmin_j d(w_i, c_j) as a float [N], ties to the lower index; use inside a zero-gradient op. */
export function nearestIndex(w: tf.Tensor1D, q: Context): tf.Tensor1D {
  if (q.engine === 'fused') return fusedNearestIndex(w, q.centers, q.distance === 'l2');
  return tf.reshape(firstNearestIndex(distances(w, q)), [-1]);
}

/**
 * What the image lab shows for inputs w [N], forward only, as [4, N]: rows w_soft, w_hard, the
 * first nearest index and the soft assignment's entropy in bits, -sum_j p_ij log2 p_ij. One
 * fused kernel (no [N, L] tensor), or the reference graph: softAssign, nearestIndex, a gather and
 * p log p (p log p -> 0 where p underflows to 0; the clamp only guards the log).
 */
export function assignmentSummary(w: tf.Tensor1D, q: Context): tf.Tensor2D {
  if (q.engine === 'fused') return fusedSummary(w, q.centers, q.sigma, q.distance === 'l2');
  return tf.tidy(() => {
    const { assignments: p, soft } = softAssign(w, q);
    const index = nearestIndex(w, q);
    const hard = tf.gather(q.centers, tf.cast(index, 'int32'));
    const entropy = tf.div(tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30))), 1)), Math.LN2);
    return tf.stack([soft, hard, index, entropy]) as tf.Tensor2D;
  });
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

/**
 * argmin_j d_ij as a float, ties to the lower index, [N, 1]. Exact float ops: d - min(d) is
 * exactly 0 at every nearest center, so j + L * step(d - min d) is j there and at least L
 * elsewhere, and its row minimum is the first nearest index. The tie rule is then the same on
 * every backend (no argMin, whose ties each backend breaks its own way), and there are no
 * broadcast comparisons or tf.where, which tfjs's wasm backend runs element by element (about
 * 100x slower than its arithmetic: they made a 65,536 x 32 update take 6 s instead of 0.5 s).
 */
export function firstNearestIndex(d: tf.Tensor2D): tf.Tensor2D {
  const centerCount = d.shape[1];
  const indices = tf.expandDims(tf.range(0, centerCount, 1, 'float32'), 0);
  const offNearest = tf.step(tf.sub(d, tf.min(d, 1, true)));
  return tf.min(tf.add(indices, tf.mul(offNearest, centerCount)), 1, true);
}

/**
 * w_hard = c[argmin_j d(w_i, c_j)], ties to the lower index, [N], with zero gradient (TF's
 * argmin has none). It runs inside tf.customGrad, so the gather's int indices never reach the
 * gradient tape (where tf.grad through tf.gather(c, tf.argMin(d)) throws).
 */
function nearestCenterOp(distance: Distance, engine: Engine) {
  return withGradient((w: tf.Tensor, centers: tf.Tensor) => {
    const index = nearestIndex(w as tf.Tensor1D, { centers: centers as tf.Tensor1D, sigma: 1, distance, engine });
    return {
      value: tf.gather(centers, tf.cast(index, 'int32')),
      gradFunc: () => [tf.zerosLike(w), tf.zerosLike(centers)],
    };
  });
}

// tf.customGrad takes tensors only, so there is one op per distance and engine.
const nearestCenter = new Map<string, (w: tf.Tensor, centers: tf.Tensor) => tf.Tensor>();

/** w_hard for inputs w [N] (see nearestCenterOp). */
function hardFrom(w: tf.Tensor1D, q: Context): tf.Tensor1D {
  const { engine } = q;
  const key = `${q.distance}|${engine}`;
  let op = nearestCenter.get(key);
  if (!op) {
    op = nearestCenterOp(q.distance, engine);
    nearestCenter.set(key, op);
  }
  return op(w, q.centers) as tf.Tensor1D;
}

/**
 * w_hard = c[index] with zero gradient, for a leaf `copy` of inputs whose nearest indices are
 * already known (`index`, from nearestIndex of the same values): the batch finds them once, for
 * its readback and for w_hard.
 */
function hardAt(copy: tf.Tensor1D, centers: tf.Tensor1D, index: tf.Tensor1D): tf.Tensor1D {
  const op = withGradient((x: tf.Tensor, c: tf.Tensor) => ({
    value: tf.gather(c, tf.cast(index, 'int32')),
    gradFunc: () => [tf.zerosLike(x), tf.zerosLike(c)],
  }));
  return op(copy, centers) as tf.Tensor1D;
}

/**
 * The five estimators, [N] each, from one evaluation of the shared parts. Each is the real
 * expression; tfjs differentiates it.
 */
export function estimatorOutputs(w: tf.Tensor1D, q: Context): Record<EstimatorName, tf.Tensor1D> {
  const { soft } = softAssign(w, q);
  // c[argmin_j d], zero gradient
  const hard = hardFrom(w, q);
  return Object.fromEntries(ESTIMATORS.map((name) => [name, composeEstimator(name, w, soft, hard)])) as Record<
    EstimatorName,
    tf.Tensor1D
  >;
}

/** Inputs appended to w for the toy loss: their outputs become 1/2 (estimator - target)^2. */
interface LossPart {
  /** how many of w's last entries are loss copies */
  count: number;
  /** [count] the target of each */
  targets: Float32Array;
}

/**
 * All five estimators with their d/dw from one backward pass. Each estimator gets its own copy
 * of w, so that one backward pass with dy = 1 gives each its own derivative:
 * - three copies for soft, ste and seedRound, the estimators through w_soft: their soft
 *   assignment is one evaluation (softOfCopies: the fused engine runs it once for all three,
 *   the reference graph on the stacked copies);
 * - one each for hard and identity.
 * w_hard is evaluated once, from the hard copy, and ste, seedRound and identity take its value.
 * That changes no derivative: w_hard's gradient is zero and each of them reads it through
 * stop_gradient. It halves the work of stacking five copies of everything.
 * With a loss part, the last `count` entries of w are fed through 1/2 (estimator - target)^2, so
 * the same backward pass gives d loss / dw there: tfjs differentiates the loss as a whole.
 * @returns values [5, M] and their gradients [5, M], estimators in ESTIMATORS order, and p
 * [M - count, L] and the nearest centers' indices [M - count] for the first M - count inputs
 */
function estimatorsWithGradients(
  w: tf.Tensor1D,
  q: Context,
  loss: LossPart | null,
): { value: tf.Tensor2D; grad: tf.Tensor2D; p: tf.Tensor2D; index: tf.Tensor1D } {
  const m = w.shape[0];
  const plain = m - (loss?.count ?? 0);
  // the nearest centers' indices, once: for w_hard and for the readback (no gradient)
  const index = nearestIndex(w, q);
  let kept: tf.Tensor2D | null = null;
  const estimate = (
    softCopy1: tf.Tensor,
    softCopy2: tf.Tensor,
    softCopy3: tf.Tensor,
    hardCopy: tf.Tensor,
    identityCopy: tf.Tensor,
  ) => {
    const { assignments, soft: softAll } = softOfCopies([softCopy1, softCopy2, softCopy3] as tf.Tensor1D[], q);
    // p for w (and its loss copies), kept past the gradient's tidy for the readback
    kept = assignments;
    const [soft, steSoft, roundSoft] = tf.split(softAll, 3) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    const hard = hardAt(hardCopy as tf.Tensor1D, q.centers, index);
    // each estimator reads its own copy of w_soft (hard and identity read none)
    const softCopy: Record<EstimatorName, tf.Tensor> = {
      soft,
      ste: steSoft,
      hard: soft,
      seedRound: roundSoft,
      identity: soft,
    };
    const all = tf.stack(
      ESTIMATORS.map((name) => composeEstimator(name, identityCopy, softCopy[name], hard)),
    ) as tf.Tensor2D;
    if (loss === null) return all;
    const [values, lossInputs] = tf.split(all, [plain, loss.count], 1) as [tf.Tensor2D, tf.Tensor2D];
    // the toy loss l = 1/2 (estimator(w) - target)^2 at each loss copy
    const losses = tf.mul(0.5, tf.square(tf.sub(lossInputs, tf.tensor2d(loss.targets, [1, loss.count]))));
    return tf.concat([values, losses], 1);
  };
  // one leaf per estimator: one backward pass gives each its own derivative
  const inputs = ESTIMATORS.map(() => tf.clone(w));
  let result: { value: tf.Tensor; grads: tf.Tensor[] };
  try {
    result = tf.valueAndGrads(estimate)(inputs, tf.ones([ESTIMATORS.length, m]));
  } catch (error) {
    (kept as tf.Tensor | null)?.dispose();
    throw error;
  }
  const [softGrad, steGrad, roundGrad, hardGrad, identityGrad] = result.grads as tf.Tensor1D[];
  const byName: Record<EstimatorName, tf.Tensor> = {
    soft: softGrad as tf.Tensor1D,
    ste: steGrad as tf.Tensor1D,
    hard: hardGrad as tf.Tensor1D,
    seedRound: roundGrad as tf.Tensor1D,
    identity: identityGrad as tf.Tensor1D,
  };
  const keptP = kept as unknown as tf.Tensor2D;
  // back under the caller's tidy, without the loss copies' rows
  const p = tf.slice(keptP, [0, 0], [plain, -1]);
  keptP.dispose();
  const grad = tf.stack(ESTIMATORS.map((name) => byName[name])) as tf.Tensor2D;
  return { value: result.value as tf.Tensor2D, grad, p, index: tf.slice(index, 0, plain) };
}

/** Build the context tensors inside the caller's tidy. */
export function makeContext(
  centers: ArrayLike<number>,
  temperature: number,
  distance: Distance,
  engine: Engine,
): Context {
  return { centers: tf.tensor1d(Float32Array.from(centers), 'float32'), sigma: 1 / temperature, distance, engine };
}

/** Several input sets sharing centers, temperature and distance: one tidy, one readback. */
export interface QuantizerBatch {
  centers: ArrayLike<number>;
  temperature: number;
  distance: Distance;
  sets: ReadonlyArray<{ inputs: ArrayLike<number>; target?: number }>;
  /** the soft assignment's implementation (Context); DEFAULT_ENGINE when absent */
  engine?: Engine;
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
 * Every set in one evaluation: the sets' inputs one after the other, then one loss copy of each
 * input of a set with a target. Packed as one flat tensor for one readback:
 * [assignments (N x L), values (5 x M), gradients (5 x M), nearest index (N)], M = N + loss copies.
 * One graph for all sets, not one per set: tfjs's cost per op (about 30 us on wasm) dominates
 * the small updates of a drag, so a probe drag costs one graph, not three.
 */
export function* quantizerReadbacks(batch: QuantizerBatch): Readbacks<QuantizerResult[]> {
  const { centers, sets } = checkBatch(batch);
  const centerCount = centers.length;
  const count = sets.reduce((total, set) => total + set.inputs.length, 0);
  const lossSets = sets.filter((set) => set.target !== null);
  const lossCount = lossSets.reduce((total, set) => total + set.inputs.length, 0);
  const m = count + lossCount;
  const w = new Float32Array(m);
  const targets = new Float32Array(lossCount);
  let at = 0;
  for (const set of sets) {
    w.set(set.inputs, at);
    at += set.inputs.length;
  }
  for (const set of lossSets) {
    w.set(set.inputs, at);
    targets.fill(set.target as number, at - count, at - count + set.inputs.length);
    at += set.inputs.length;
  }
  // One synchronous tidy for every tensor op of the update; only the packed tensor leaves it.
  const packed = tf.tidy(() => {
    const q = makeContext(centers, batch.temperature, batch.distance, batch.engine ?? DEFAULT_ENGINE);
    const loss = lossCount > 0 ? { count: lossCount, targets } : null;
    const inputs = tf.tensor1d(w, 'float32');
    const { value, grad, p, index } = estimatorsWithGradients(inputs, q, loss);
    return tf.concat([tf.reshape(p, [-1]), tf.reshape(value, [-1]), tf.reshape(grad, [-1]), tf.reshape(index, [-1])]);
  });
  const data = yield packed;
  const values = count * centerCount;
  const gradients = values + ESTIMATORS.length * m;
  const indices = gradients + ESTIMATORS.length * m;
  // estimator k's entries first..first+n of the [5, M] block that starts at `start`
  const byEstimator = (start: number, first: number, n: number) =>
    Object.fromEntries(
      ESTIMATORS.map((name, k) => [name, data.slice(start + k * m + first, start + k * m + first + n)]),
    ) as Record<EstimatorName, Float32Array>;
  let offset = 0;
  let lossOffset = count;
  return sets.map((set) => {
    const n = set.inputs.length;
    const result: QuantizerResult = {
      inputCount: n,
      centerCount,
      centers,
      assignments: data.slice(offset * centerCount, (offset + n) * centerCount),
      nearestIndex: Int32Array.from(data.subarray(indices + offset, indices + offset + n)),
      values: byEstimator(values, offset, n),
      gradients: byEstimator(gradients, offset, n),
      lossGradients: set.target === null ? null : byEstimator(gradients, lossOffset, n),
    };
    offset += n;
    if (set.target !== null) lossOffset += n;
    return result;
  });
}

/** A batch with an asynchronous readback (the browser: WebGL does not block the page). */
export function quantizeBatch(batch: QuantizerBatch): Promise<QuantizerResult[]> {
  return readAsync(quantizerReadbacks(batch));
}
