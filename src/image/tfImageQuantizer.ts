/**
 * The image lab's engine on tfjs: the app's own soft assignment and first-nearest index, forward
 * only (no gradient: the lab shows values), as one packed [4, N] tensor (soft, hard, index,
 * entropy) and one readback. src/model/quantizer.ts assignmentSummary: one fused kernel per
 * backend, or the reference graph with ?engine=reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkCenters } from '../model/centers';
import { readAsync, type Readbacks } from '../model/readback';
import { DEFAULT_ENGINE, type Engine } from '../model/choices';
import { assignmentSummary, makeContext, TEMPERATURE_LIMITS, type Distance } from '../model/quantizer';
import type { QuantizedValues } from './labCompute';

export interface TfQuantizerSettings {
  /** [L] */
  centers: ArrayLike<number>;
  /** T > 0, within TEMPERATURE_LIMITS */
  temperature: number;
  distance: Distance;
  /** the soft assignment's implementation (quantizer.ts Context); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

/** The summary of inputs [N] with one readback: soft, hard, index and entropy, [N] each. */
export function* summaryReadbacks(inputs: Float32Array, settings: TfQuantizerSettings): Readbacks<QuantizedValues> {
  const { temperature, distance, engine = DEFAULT_ENGINE } = settings;
  if (!(temperature >= TEMPERATURE_LIMITS.min && temperature <= TEMPERATURE_LIMITS.max)) {
    throw new RangeError(
      `temperature must be in [${TEMPERATURE_LIMITS.min}, ${TEMPERATURE_LIMITS.max}], got ${temperature}`,
    );
  }
  const centers = checkCenters(settings.centers);
  const data = yield tf.tidy(() => {
    const q = makeContext(centers, temperature, distance, engine);
    return assignmentSummary(tf.tensor1d(inputs, 'float32'), q);
  });
  const n = inputs.length;
  return {
    soft: data.subarray(0, n),
    hard: data.subarray(n, 2 * n),
    index: data.subarray(2 * n, 3 * n),
    assignmentEntropy: data.subarray(3 * n, 4 * n),
  };
}

/** An asynchronous engine (WebGL: the readback does not block the page). */
export function tfImageQuantizer(settings: TfQuantizerSettings): (inputs: Float32Array) => Promise<QuantizedValues> {
  return (inputs) => readAsync(summaryReadbacks(inputs, settings));
}
