/**
 * The image lab's engine on tfjs: the app's own soft assignment and first-nearest index
 * (src/model/quantizer.ts: the fused kernel, or the reference graph with ?engine=reference), forward only (no gradient: the lab shows values), in one tf.tidy with
 * one readback of a packed [4, N] tensor: soft, hard, index, entropy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkCenters } from '../model/centers';
import { makeContext, nearestIndex, softAssign, TEMPERATURE_LIMITS, type Distance } from '../model/quantizer';
import type { QuantizedValues } from './labCompute';

export interface TfQuantizerSettings {
  /** [L] */
  centers: ArrayLike<number>;
  /** T > 0, within TEMPERATURE_LIMITS */
  temperature: number;
  distance: Distance;
}

function packed(inputs: Float32Array, settings: TfQuantizerSettings): tf.Tensor2D {
  const { temperature, distance } = settings;
  if (!(temperature >= TEMPERATURE_LIMITS.min && temperature <= TEMPERATURE_LIMITS.max)) {
    throw new RangeError(
      `temperature must be in [${TEMPERATURE_LIMITS.min}, ${TEMPERATURE_LIMITS.max}], got ${temperature}`,
    );
  }
  const centers = checkCenters(settings.centers);
  return tf.tidy(() => {
    const q = makeContext(centers, temperature, distance);
    const w = tf.tensor1d(inputs, 'float32');
    // the page's engine: one fused kernel for p and w_soft, or the reference graph
    const { assignments: p, soft } = softAssign(w, q);
    const index = nearestIndex(w, q);
    const hard = tf.gather(q.centers, tf.cast(index, 'int32'));
    // p log p -> 0 where p underflows to 0 (the clamp only guards the log)
    const entropy = tf.div(tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30))), 1)), Math.LN2);
    return tf.stack([soft, hard, index, entropy]) as tf.Tensor2D;
  });
}

function unpack(data: Float32Array, n: number): QuantizedValues {
  return {
    soft: data.subarray(0, n),
    hard: data.subarray(n, 2 * n),
    index: data.subarray(2 * n, 3 * n),
    assignmentEntropy: data.subarray(3 * n, 4 * n),
  };
}

/** A synchronous engine (blocking readback: node, tests, the CPU and wasm backends). */
export function tfImageQuantizerSync(settings: TfQuantizerSettings): (inputs: Float32Array) => QuantizedValues {
  return (inputs) => {
    const result = packed(inputs, settings);
    try {
      return unpack(result.dataSync() as Float32Array, inputs.length);
    } finally {
      result.dispose();
    }
  };
}

/** An asynchronous engine (WebGL: the readback does not block the page). */
export function tfImageQuantizer(settings: TfQuantizerSettings): (inputs: Float32Array) => Promise<QuantizedValues> {
  return async (inputs) => {
    const result = packed(inputs, settings);
    try {
      return unpack((await result.data()) as Float32Array, inputs.length);
    } finally {
      result.dispose();
    }
  };
}
