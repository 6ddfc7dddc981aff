import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stopGradient';

import type { EstimatorName } from './choices';

/**
 * The gradient estimators the app compares (their names: choices.ts). Each is a function of the
 * inputs w whose forward value and derivative d/dw are both taken from tfjs (autodiff of the
 * expression below).
 */
export { ESTIMATORS, type EstimatorName } from './choices';

/** Each estimator as a formula, for tables and tooltips (names and sources are in the locales). */
export const ESTIMATOR_FORMULAS: Record<EstimatorName, string> = {
  soft: 'w_soft = Σ_j p_j c_j',
  ste: 'w_soft + stop_gradient(w_hard − w_soft)',
  hard: 'w_hard = c[argmin_j d(w, c_j)]',
  seedRound: 'round(w_soft + stop_gradient(w_hard − w_soft))',
  identity: 'w + stop_gradient(w_hard − w)',
};

/**
 * One estimator, written once, from the three parts every estimator is made of: `w` (what the
 * identity STE passes straight through), `soft` (the relaxed value w_soft, or the soft
 * assignments) and `hard` (w_hard, or the one-hot symbol; its own gradient is zero). Each case
 * is the real expression and tfjs differentiates it; shapes are the inputs' (they broadcast).
 */
export function composeEstimator(name: EstimatorName, w: tf.Tensor, soft: tf.Tensor, hard: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'soft':
      return soft;
    case 'ste':
      // w_bar = w_soft + stop_gradient(w_hard - w_soft): forward w_hard, backward d w_soft
      return tf.add(soft, stopGradient(tf.sub(hard, soft)));
    case 'hard':
      return hard;
    case 'seedRound':
      // the seed's last line: round has no gradient in TF and a zero one in tfjs
      return tf.round(tf.add(soft, stopGradient(tf.sub(hard, soft))));
    case 'identity':
      // forward w_hard, gradient 1 (Bengio et al. 2013; Theis et al. 2017)
      return tf.add(w, stopGradient(tf.sub(hard, w)));
  }
}
