import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stopGradient';

/**
 * The gradient estimators the app compares. Each is a function of the inputs w whose forward
 * value and derivative d/dw are both taken from tfjs (autodiff of the expression below).
 */
export const ESTIMATORS = ['soft', 'ste', 'hard', 'seedRound', 'identity'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

/** What each estimator is, in words, for tables, legends and tooltips. */
export const ESTIMATOR_INFO: Record<EstimatorName, { label: string; formula: string; source: string; effect: string }> =
  {
    soft: {
      label: 'soft',
      formula: 'w_soft = Σ_j p_j c_j',
      source: 'the soft relaxation itself',
      effect: 'Differentiable everywhere, but its forward value is not a center.',
    },
    ste: {
      label: 'STE',
      formula: 'w_soft + stop_gradient(w_hard − w_soft)',
      source: 'Agustsson et al. 2019; Mentzer et al. 2018',
      effect: 'Forward: w_hard. Backward: exactly the soft gradient.',
    },
    hard: {
      label: 'hard',
      formula: 'w_hard = c[argmin_j d(w, c_j)]',
      source: 'plain quantization',
      effect: 'A step function: its derivative is 0 wherever it exists.',
    },
    seedRound: {
      label: 'seed (round)',
      formula: 'round(w_soft + stop_gradient(w_hard − w_soft))',
      source: "the seed's last line as written",
      effect: 'round has no gradient in TensorFlow and a zero one in tfjs: nothing flows back.',
    },
    identity: {
      label: 'identity STE',
      formula: 'w + stop_gradient(w_hard − w)',
      source: 'Bengio et al. 2013; Theis et al. 2017',
      effect: 'Forward: w_hard. Backward: 1, as if quantization were not there.',
    },
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
