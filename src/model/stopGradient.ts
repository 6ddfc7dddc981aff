import * as tf from '@tensorflow/tfjs-core';

/** The function shape tf.customGrad takes, with the inputs typed as this module uses them. */
type GradientRule = (...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
};

/** Wraps tf.customGrad so the forward function can name its inputs' types. */
export function withGradient<Args extends Array<tf.Tensor | tf.GradSaveFunc>>(
  forward: (...inputs: Args) => ReturnType<GradientRule>,
): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad(forward as unknown as GradientRule);
}

const stopGradientOp = withGradient((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * stop_gradient(x): forward x, backward 0. tfjs 4 has none, so it is built once with
 * tf.customGrad. (A literal port `wSoft.add(wHard.sub(wSoft))` has zero gradient: the two soft
 * terms cancel. Only with this op does the straight-through estimator pass w_soft's gradient.)
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}

const absWithZeroKinkOp = withGradient((x: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: tf.abs(x),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.sign(saved[0] as tf.Tensor)),
  };
});

/**
 * |x| whose derivative at 0 is sign(0) = 0, as TensorFlow defines it (the mean of both one-sided
 * derivatives). tfjs's own Abs gradient is step(x, -1), i.e. -1 at 0, which makes the seed's
 * probes w = -1 and w = 1, each exactly on a center, disagree (0.4668 vs 0.6945).
 */
export function absWithZeroKink<T extends tf.Tensor>(x: T): T {
  return absWithZeroKinkOp(x) as T;
}
