import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_ENGINE, type Engine } from './choices';
import { composeEstimator, type EstimatorName } from './estimators';
import { nearestIndex, softAssign, type Context, type Distance } from './quantizer';
import { stopGradient } from './stopGradient';

/**
 * The rate's guard: R = -sum_j P_j log2(P_j + 1e-6). An empty cell (P_j = 0) adds 0, its limit,
 * instead of 0 * -Infinity = NaN; a filled cell's term moves by at most 1e-6 / ln 2 bits (so
 * one cell holding every value reads -1.4e-6 bits, not 0). Its gradient stays finite too:
 * dR/dP_j = -(log2(P_j + eps) + P_j / ((P_j + eps) ln 2)), 19.9 at an empty cell.
 */
export const RATE_EPSILON = 1e-6;

/** Everything the objective needs besides the values and centers; fixed within one step. */
export interface ObjectiveSetting {
  estimator: EstimatorName;
  distance: Distance;
  /** sigma = 1 / T at this step */
  sigma: number;
  /** rate weight: loss = D + lambda R */
  lambda: number;
  /** the soft assignment's implementation (quantizer.ts Context); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

/** The objective's parts at one state, all tensors of the caller's tidy. */
export interface ObjectiveTerms {
  /** scalar D + lambda R */
  loss: tf.Scalar;
  /** scalar D = mean_i (yhat_i - x_i)^2 */
  distortion: tf.Scalar;
  /** scalar R = -sum_j P_j log2(P_j + eps), bits, P_j = mean_i a_ij */
  rate: tf.Scalar;
  /** [N] the estimator's forward value yhat */
  quantized: tf.Tensor1D;
  /** [L] P_j, the symbol histogram the rate measures */
  frequencies: tf.Tensor1D;
  /** [N, L] one-hot of the nearest center (ties to the lower index), no gradient */
  nearest: tf.Tensor2D;
}

/**
 * One-hot of argmin_j d_ij, ties to the lower index, [N, L], and no gradient. It finds the index
 * as quantizer.ts's w_hard does (no int tensor on the gradient tape), but it keeps the one-hot
 * so that w_hard = onehot . c gives the centers the gather's gradient.
 */
export function nearestOneHot(values: tf.Tensor1D, context: Context): tf.Tensor2D {
  const index = nearestIndex(values, context);
  const centerCount = context.centers.shape[0];
  const indices = tf.expandDims(tf.range(0, centerCount, 1, 'float32'), 0);
  // 1 where j is the first nearest index, else 0 (indices are small integers: exact)
  const offIndex = tf.step(tf.abs(tf.sub(indices, tf.expandDims(index, 1))));
  return stopGradient(tf.sub(1, offIndex)) as tf.Tensor2D;
}

/**
 * The estimator's (value [N], assignments [N, L]): forward the hard value and symbol (the soft
 * one for `soft`), backward whatever the estimator passes.
 */
function estimate(
  values: tf.Tensor1D,
  centers: tf.Tensor1D,
  setting: ObjectiveSetting,
): { quantized: tf.Tensor1D; assignments: tf.Tensor2D; nearest: tf.Tensor2D } {
  const context: Context = {
    centers,
    sigma: setting.sigma,
    distance: setting.distance,
    engine: setting.engine ?? DEFAULT_ENGINE,
  };
  const { assignments: soft, soft: softValue } = softAssign(values, context);
  const nearest = nearestOneHot(values, context);
  const centerRow = tf.expandDims(centers, 0);
  const hardValue = tf.sum(tf.mul(nearest, centerRow), 1) as tf.Tensor1D;
  // The symbol goes through the same estimator as the value. The identity STE has no counterpart
  // for the symbol: with the one-hot as its `w`, it is the bare one-hot and passes the rate nothing.
  const { estimator } = setting;
  return {
    quantized: composeEstimator(estimator, values, softValue, hardValue) as tf.Tensor1D,
    assignments: composeEstimator(estimator, nearest, soft, nearest) as tf.Tensor2D,
    nearest,
  };
}

/**
 * The toy rate-distortion objective at values y [N] and centers c [L] against targets x [N]:
 * loss = mean_i (yhat_i - x_i)^2 + lambda * (-sum_j P_j log2(P_j + eps)), P_j = mean_i a_ij.
 * The real expression: tfjs differentiates it.
 */
export function objectiveTerms(
  values: tf.Tensor1D,
  centers: tf.Tensor1D,
  targets: tf.Tensor1D,
  setting: ObjectiveSetting,
): ObjectiveTerms {
  const { quantized, assignments, nearest } = estimate(values, centers, setting);
  const distortion = tf.mean(tf.square(tf.sub(quantized, targets))) as tf.Scalar;
  const frequencies = tf.mean(assignments, 0) as tf.Tensor1D;
  const bits = tf.div(tf.log(tf.add(frequencies, RATE_EPSILON)), Math.LN2);
  const rate = tf.neg(tf.sum(tf.mul(frequencies, bits))) as tf.Scalar;
  const loss = tf.add(distortion, tf.mul(rate, setting.lambda)) as tf.Scalar;
  return { loss, distortion, rate, quantized, frequencies, nearest };
}

/**
 * The objective's value and its gradients by tfjs autodiff, in one forward and one backward pass.
 * @returns terms [3] = [loss, distortion, rate]; valueGradient [N] = dLoss/dy;
 *   centerGradient [L] = dLoss/dc (computed even when the centers are fixed)
 */
export function objectiveGradients(
  values: tf.Tensor1D,
  centers: tf.Tensor1D,
  targets: tf.Tensor1D,
  setting: ObjectiveSetting,
): { terms: tf.Tensor1D; valueGradient: tf.Tensor1D; centerGradient: tf.Tensor1D } {
  const stacked = (y: tf.Tensor, c: tf.Tensor) => {
    const { loss, distortion, rate } = objectiveTerms(y as tf.Tensor1D, c as tf.Tensor1D, targets, setting);
    return tf.stack([loss, distortion, rate]);
  };
  // dy = [1, 0, 0]: the gradient of the loss alone, while the value carries all three terms
  const { value, grads } = tf.valueAndGrads(stacked)([values, centers], tf.tensor1d([1, 0, 0]));
  return {
    terms: value as tf.Tensor1D,
    valueGradient: grads[0] as tf.Tensor1D,
    centerGradient: grads[1] as tf.Tensor1D,
  };
}
