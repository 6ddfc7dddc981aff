import type * as tf from '@tensorflow/tfjs-core';
import {
  estimatorOutputs,
  quantizeBatch,
  type Context,
  type Distance,
  type QuantizerBatch,
  type QuantizerResult,
} from '../src/model/quantizer';
import { quantizeBatchSync } from './blocking';

/** One input set of the app's quantizer (tests only; the app always runs batches). */
export interface QuantizerParams {
  /** [N] the values to quantize */
  inputs: ArrayLike<number>;
  /** [L] the centers; ties go to the lower index */
  centers: ArrayLike<number>;
  temperature: number;
  distance: Distance;
  /** when given, also d/dw of the toy loss 1/2 (estimator(w) - target)^2 */
  target?: number;
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

/** Single expressions, for tests that check the naive port and stop_gradient. */
export const expressions = {
  /** w_soft, [N] */
  softQuantize: (w: tf.Tensor1D, q: Context) => estimatorOutputs(w, q).soft,
  /** w_hard, [N], zero gradient */
  hardQuantize: (w: tf.Tensor1D, q: Context) => estimatorOutputs(w, q).hard,
  /** w_bar = w_soft + stop_gradient(w_hard - w_soft), [N] */
  straightThrough: (w: tf.Tensor1D, q: Context) => estimatorOutputs(w, q).ste,
};
