/**
 * The learned block codec: an MLP per b x b RGB block (D = 3 b^2 values in [0, 1], see
 * blocks.ts) to C latent values, the app's soft-to-hard quantizer, and an MLP back to D values.
 *
 *   encoder  z = tanh(x W1 + b1) W2 + b2          x [N, D], z [N, C]
 *   quantize zq = estimator(z)                     the app's centers, T, distance
 *   decoder  y = tanh(zq W3 + b3) W4 + b4          y [N, D]
 *
 * tanh (not ReLU) keeps the model smooth, so finite differences check its gradient cleanly.
 * The model owns its tf.Variables; call dispose() when done.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkCenters } from '../../model/centers';
import { composeEstimator } from '../../model/estimators';
import type { LearnedEstimator } from '../choices';
import { DEFAULT_ENGINE, type Engine } from '../../model/choices';
import { softAssign, type Distance } from '../../model/quantizer';
import { seededRandom } from '../../model/random';
import { nearestOneHot } from '../../model/trainingObjective';
import { blockValueCount, checkBlockSize } from './blocks';

/** The app's five estimators plus additive uniform noise (Ballé et al. 2017): w + U(-Δ/2, Δ/2). */
export { LEARNED_ESTIMATORS, type LearnedEstimator } from '../choices';

/** The architecture: everything that fixes the variables' shapes and the quantizer. */
export interface BlockModelConfig {
  /** block side b in pixels; D = 3 b^2 */
  blockSize: number;
  /** H, hidden units on each side */
  hidden: number;
  /** C, latent channels per block */
  channels: number;
  /** the quantizer's centers, ascending */
  centers: readonly number[];
  distance: Distance;
  /** seed of the weights' initialisation */
  seed: number;
  /** the soft assignment's implementation (quantizer.ts Context; not in a weights file); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

/** Names of the variables, in the order the weights file stores them. */
export const PARAMETER_NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3', 'w4', 'b4'] as const;
export type ParameterName = (typeof PARAMETER_NAMES)[number];
/** The encoder's variables: with 'hard' or 'seedRound' their gradient is exactly zero. */
export const ENCODER_PARAMETERS: readonly ParameterName[] = ['w1', 'b1', 'w2', 'b2'];

/**
 * What the quantizer needs of a model: its centers (as numbers and as a tensor), the distance and
 * the noise estimator's width. The block model and the convolutional model (conv.ts) both are one.
 */
export interface QuantizerModel {
  readonly config: { readonly centers: readonly number[]; readonly distance: Distance; readonly engine?: Engine };
  /** [L] the centers as a tensor (not trained) */
  readonly centers: tf.Tensor1D;
  /** Δ, the mean spacing of the centers (1 when there is one center): the noise estimator's width */
  readonly spacing: number;
}

export interface BlockModel extends QuantizerModel {
  readonly config: BlockModelConfig;
  readonly variables: Record<ParameterName, tf.Variable>;
  /** [L] the centers as a tensor (not trained) */
  readonly centers: tf.Tensor1D;
  /** Δ, the mean spacing of the centers (1 when there is one center): the noise estimator's width */
  readonly spacing: number;
  dispose(): void;
}

/** The parameters' shapes for a config. */
export function parameterShapes(config: BlockModelConfig): Record<ParameterName, number[]> {
  const d = blockValueCount(config.blockSize);
  const { hidden: h, channels: c } = config;
  return { w1: [d, h], b1: [h], w2: [h, c], b2: [c], w3: [c, h], b3: [h], w4: [h, d], b4: [d] };
}

/** Throws a RangeError naming the rule unless the config is usable. */
export function checkModelConfig(config: BlockModelConfig): void {
  checkBlockSize(config.blockSize);
  checkSizes([
    ['hidden', config.hidden, 1024],
    ['channels', config.channels, 256],
  ]);
  checkQuantizerConfig(config);
}

/** Throws a RangeError naming the first of the [name, value, max] sizes that is not an integer in 1..max. */
export function checkSizes(sizes: readonly (readonly [string, number, number])[]): void {
  for (const [name, value, max] of sizes) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new RangeError(`${name} must be an integer in 1..${max}, got ${value}`);
    }
  }
}

/** Throws a RangeError naming the rule unless a learned model's centers, distance and seed are usable. */
export function checkQuantizerConfig(config: Pick<BlockModelConfig, 'centers' | 'distance' | 'seed'>): void {
  checkCenters(config.centers);
  if (config.distance !== 'l1' && config.distance !== 'l2') {
    throw new RangeError(`distance must be 'l1' or 'l2', got ${String(config.distance)}`);
  }
  if (!Number.isInteger(config.seed)) throw new RangeError(`seed must be an integer, got ${config.seed}`);
}

/** Δ of a list of centers: their mean spacing, (last - first) / (L - 1); 1 for one center. */
export function centerSpacing(centers: readonly number[]): number {
  return centers.length > 1
    ? ((centers[centers.length - 1] as number) - (centers[0] as number)) / (centers.length - 1)
    : 1;
}

/** `size` Glorot-uniform draws from `random`: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(random: () => number, size: number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = (2 * random() - 1) * limit;
  return values;
}

/**
 * Seeded Glorot-uniform weights (see glorotUniform) and zero biases, drawn from one mulberry32
 * stream in `names` order: the same seed gives the same parameters. `fans` gives a weight's fan
 * in and fan out from its shape, or null for a bias.
 */
export function seededParameters<N extends string>(
  names: readonly N[],
  shapes: Record<N, number[]>,
  seed: number,
  fans: (shape: number[]) => [number, number] | null,
): Record<N, Float32Array> {
  const random = seededRandom(seed);
  const out = {} as Record<N, Float32Array>;
  for (const name of names) {
    const shape = shapes[name];
    const size = shape.reduce((a, b) => a * b, 1);
    const fan = fans(shape);
    out[name] = fan ? glorotUniform(random, size, fan[0], fan[1]) : new Float32Array(size);
  }
  return out;
}

/** The block model's seeded parameters (seededParameters in PARAMETER_NAMES order). */
export function initialParameters(config: BlockModelConfig): Record<ParameterName, Float32Array> {
  checkModelConfig(config);
  return seededParameters(PARAMETER_NAMES, parameterShapes(config), config.seed, (shape) =>
    shape.length === 2 ? [shape[0] as number, shape[1] as number] : null,
  );
}

/** Trainable variables from named parameter arrays, each checked against its shape. */
export function makeVariables<N extends string>(
  names: readonly N[],
  shapes: Record<N, number[]>,
  parameters: Record<N, Float32Array>,
): Record<N, tf.Variable> {
  const variables = {} as Record<N, tf.Variable>;
  for (const name of names) {
    const values = parameters[name];
    const size = shapes[name].reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new RangeError(`${name} needs ${size} values, got ${values.length}`);
    // tf.variable keeps its own reference to the data: dispose the initial tensor
    const initial = tf.tensor(values, shapes[name], 'float32');
    variables[name] = tf.variable(initial, true, undefined, 'float32');
    initial.dispose();
  }
  return variables;
}

/** A model's variables from its parameters, its centers as a tensor and their spacing: what every learned model holds. */
export function modelFromParameters<N extends string, Config extends QuantizerModel['config']>(
  config: Config,
  names: readonly N[],
  shapes: Record<N, number[]>,
  parameters: Record<N, Float32Array>,
): QuantizerModel & { config: Config; variables: Record<N, tf.Variable>; dispose(): void } {
  const variables = makeVariables(names, shapes, parameters);
  const centers = tf.tensor1d(Array.from(config.centers), 'float32');
  return {
    config,
    variables,
    centers,
    spacing: centerSpacing(config.centers),
    dispose() {
      for (const name of names) variables[name].dispose();
      centers.dispose();
    },
  };
}

/** A model with the given parameters (seeded ones when omitted). */
export function createBlockModel(
  config: BlockModelConfig,
  parameters: Record<ParameterName, Float32Array> = initialParameters(config),
): BlockModel {
  checkModelConfig(config);
  return modelFromParameters(config, PARAMETER_NAMES, parameterShapes(config), parameters);
}

/** Named variables' current values, copied out (any learned model's). */
export function readVariables<N extends string>(
  names: readonly N[],
  variables: Record<N, tf.Variable>,
): Record<N, Float32Array> {
  const out = {} as Record<N, Float32Array>;
  for (const name of names) out[name] = variables[name].dataSync() as Float32Array;
  return out;
}

/** The block model's parameters' current values, copied out. */
export function readParameters(model: BlockModel): Record<ParameterName, Float32Array> {
  return readVariables(PARAMETER_NAMES, model.variables);
}

/** z = tanh(x W1 + b1) W2 + b2: blocks [N, D] to latents [N, C]. */
export function encode(model: BlockModel, blocks: tf.Tensor2D): tf.Tensor2D {
  const { w1, b1, w2, b2 } = model.variables;
  return tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(blocks, w1), b1)), w2), b2);
}

/** y = tanh(zq W3 + b3) W4 + b4: quantized latents [N, C] to blocks [N, D]. */
export function decode(model: BlockModel, latents: tf.Tensor2D): tf.Tensor2D {
  const { w3, b3, w4, b4 } = model.variables;
  return tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(latents, w3), b3)), w4), b4);
}

/** The quantizer's outputs for latents [N, C], all tensors of the caller's tidy. */
export interface Quantized {
  /** [N, C] what the decoder sees: the estimator's forward value */
  values: tf.Tensor2D;
  /** [N * C, L] the symbol assignments through the estimator (forward one-hot except 'soft') */
  assignments: tf.Tensor2D;
  /** [N * C, L] one-hot of the nearest center (ties to the lower index), no gradient */
  nearest: tf.Tensor2D;
}

/**
 * The soft-to-hard quantizer on latents z [N, C] (N blocks, or latent positions of the conv
 * model), flattened to N * C scalars as the app's
 * quantizer takes them. sigma = 1 / T. `noise` ([N, C] samples of U(-1/2, 1/2)) is used only by
 * the 'noise' estimator: zq = z + Δ u in training; without it, 'noise' is hard (evaluation).
 * The symbols go through the same estimator as the values, as trainingObjective.ts does; for
 * 'noise' they go through the STE (the rate still needs a soft histogram to learn from).
 */
export function quantize(
  model: QuantizerModel,
  latents: tf.Tensor2D,
  estimator: LearnedEstimator,
  sigma: number,
  noise?: tf.Tensor2D,
): Quantized {
  const [n, c] = latents.shape;
  const flat = tf.reshape(latents, [-1]) as tf.Tensor1D;
  const { distance, engine = DEFAULT_ENGINE } = model.config;
  const context = { centers: model.centers, sigma, distance, engine };
  // the page's soft assignment (fused kernel or reference graph), differentiable in the latents
  const { assignments: soft, soft: softValue } = softAssign(flat, context);
  const nearest = nearestOneHot(flat, context);
  const centerRow = tf.expandDims(model.centers, 0);
  const hardValue = tf.sum(tf.mul(nearest, centerRow), 1);
  let values: tf.Tensor;
  let assignments: tf.Tensor;
  if (estimator === 'noise') {
    values = noise === undefined ? hardValue : tf.add(flat, tf.mul(tf.reshape(noise, [-1]), model.spacing));
    assignments = composeEstimator('ste', nearest, soft, nearest);
  } else {
    values = composeEstimator(estimator, flat, softValue, hardValue);
    assignments = composeEstimator(estimator, nearest, soft, nearest);
  }
  return { values: tf.reshape(values, [n, c]), assignments: assignments as tf.Tensor2D, nearest };
}
