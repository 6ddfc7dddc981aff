/**
 * Training of any learned codec (codec.ts): the loss, the optimizer step, the stop rules.
 *
 *   loss = D + lambda R
 *   D = mean over the batch's values of (y - x)^2, x and y in [0, 1]
 *   R = bits per pixel = sum_c H_c / p, H_c = -sum_j P_cj log2(P_cj + eps), P_cj = mean_i a_icj,
 *       p the pixels one latent row stands for (b^2 for a block, 64 for a conv latent position)
 *
 * The symbol histogram P goes through the estimator exactly as trainingObjective.ts does
 * (forward hard one-hot, backward soft). Every gradient is tfjs autodiff of this expression.
 */
import * as tf from '@tensorflow/tfjs-core';
import { entropyBits } from '../entropy';
import { seededRandom } from '../../model/random';
import { RATE_EPSILON } from '../../model/trainingObjective';
import { quantize, type LearnedEstimator, type QuantizerModel } from './model';

export type OptimizerName = 'adam' | 'sgd';

/** Everything one step needs besides the model and the batch. */
export interface TrainSetting {
  estimator: LearnedEstimator;
  /** rate weight, per bit per pixel */
  lambda: number;
  /** T > 0; sigma = 1 / T */
  temperature: number;
}

/** The loss's parts for one batch, all tensors of the caller's tidy. */
export interface LossTerms {
  loss: tf.Scalar;
  distortion: tf.Scalar;
  /** bits per block (per latent position): sum over channels of each channel's entropy */
  rate: tf.Scalar;
  /** rate / the pixels one block (latent position) stands for */
  bpp: tf.Scalar;
}

/**
 * The loss of any learned codec, from its latents [N, C] (N blocks or latent positions) and the
 * decoder applied to the quantized ones. `pixelsPerLatent` is the pixels one row of latents
 * stands for: b^2 for the block model, 64 for the conv model's 1/8 resolution.
 */
export function rateDistortionTerms(
  model: QuantizerModel,
  latents: tf.Tensor2D,
  decodeValues: (values: tf.Tensor2D) => tf.Tensor,
  target: tf.Tensor,
  pixelsPerLatent: number,
  setting: TrainSetting,
  noise?: tf.Tensor2D,
): LossTerms {
  const [n, c] = latents.shape;
  const q = quantize(model, latents, setting.estimator, 1 / setting.temperature, noise);
  const decoded = decodeValues(q.values);
  const distortion = tf.mean(tf.square(tf.sub(decoded, target))) as tf.Scalar;
  const levels = model.config.centers.length;
  // P [C, L]: each channel's symbol histogram over the batch
  const frequencies = tf.mean(tf.reshape(q.assignments, [n, c, levels]), 0);
  const bits = tf.div(tf.log(tf.add(frequencies, RATE_EPSILON)), Math.LN2);
  const rate = tf.neg(tf.sum(tf.mul(frequencies, bits))) as tf.Scalar;
  const bpp = tf.div(rate, pixelsPerLatent) as tf.Scalar;
  const loss = tf.add(distortion, tf.mul(bpp, setting.lambda)) as tf.Scalar;
  return { loss, distortion, rate, bpp };
}

/** A run's optimizer and noise stream. */
export interface Trainer {
  readonly optimizer: tf.Optimizer;
  /** U(-1/2, 1/2) stream for the 'noise' estimator, seeded */
  readonly random: () => number;
  step: number;
  dispose(): void;
}

/** Adam (default, learning rate 1e-3) or plain SGD; seed seeds the noise estimator's stream. */
export function createTrainer(
  options: { optimizer?: OptimizerName; learningRate?: number; seed?: number } = {},
): Trainer {
  const name = options.optimizer ?? 'adam';
  const rate = options.learningRate ?? (name === 'adam' ? 1e-3 : 0.1);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new RangeError(`learning rate must be a finite number > 0, got ${rate}`);
  const optimizer = name === 'adam' ? tf.train.adam(rate) : tf.train.sgd(rate);
  return { optimizer, random: seededRandom(options.seed ?? 0), step: 0, dispose: () => optimizer.dispose() };
}

export interface StepResult {
  loss: number;
  distortion: number;
  rate: number;
  bpp: number;
  /** sum of |gradient| over the encoder's parameters; exactly 0 when nothing reaches the encoder */
  encoderGradient: number;
  /** false when the encoder's gradient is exactly zero (hard, seedRound): the encoder cannot learn */
  encoderMoves: boolean;
}

/** Throws a RangeError naming the rule unless T is a finite number > 0. */
export function checkTemperature(temperature: number): void {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a finite number > 0, got ${temperature}`);
  }
}

/** `count` samples of U(-1/2, 1/2) from the trainer's stream for 'noise', else undefined. */
export function noiseSamples(trainer: Trainer, estimator: LearnedEstimator, count: number): Float32Array | undefined {
  if (estimator !== 'noise') return undefined;
  const noise = new Float32Array(count);
  for (let i = 0; i < noise.length; i++) noise[i] = trainer.random() - 0.5;
  return noise;
}

/**
 * One optimizer step of any learned codec on the loss `terms` builds (called inside the step's
 * tidy) over `variables`; `encoder` lists those whose gradient says whether the encoder learns.
 * One readback: the five numbers come back as one tensor. Throws nothing on NaN: the caller's
 * stop rule sees loss = NaN.
 */
export function optimizerStep(
  trainer: Trainer,
  variables: readonly tf.Variable[],
  encoder: readonly tf.Variable[],
  terms: () => LossTerms,
): StepResult {
  const numbers = tf.tidy(() => {
    let parts: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const all = terms();
      // variableGrads disposes everything f makes but the loss: keep the parts for the readback
      parts = tf.keep(tf.stack([all.distortion, all.rate, all.bpp]));
      return all.loss;
    }, variables as tf.Variable[]);
    trainer.optimizer.applyGradients(grads);
    const encoderSum = tf.addN(encoder.map((variable) => tf.sum(tf.abs(grads[variable.name] as tf.Tensor))));
    const kept = parts as tf.Tensor;
    const all = tf.concat([tf.reshape(value, [1]), kept, tf.reshape(encoderSum, [1])]);
    kept.dispose();
    return all;
  });
  const [loss, distortion, rate, bpp, encoderGradient] = Array.from(numbers.dataSync());
  numbers.dispose();
  trainer.step++;
  return {
    loss: loss as number,
    distortion: distortion as number,
    rate: rate as number,
    bpp: bpp as number,
    encoderGradient: encoderGradient as number,
    encoderMoves: encoderGradient !== 0,
  };
}

/** The codec on a whole image, with hard symbols. */
export interface Evaluation {
  /** [height, width, 4] RGBA */
  decoded: Uint8ClampedArray;
  /** total bits / pixels, total bits = blocks x sum_c H_c of the hard symbols' histogram of channel c */
  bpp: number;
  /** dB over RGB against the input */
  psnr: number;
  /** [C] entropy of each channel's hard symbols, bits per symbol */
  channelBits: number[];
}

/** [C] the entropy in bits of each channel's symbols, from counts [C, L] row-major. */
export function channelEntropies(counts: Float32Array, channels: number, levels: number): number[] {
  const bits: number[] = [];
  for (let c = 0; c < channels; c++) bits.push(entropyBits(counts.subarray(c * levels, (c + 1) * levels)));
  return bits;
}

/** T at a step under annealing from `start` to `end` geometrically over `steps` steps (then `end`). */
export function annealedTemperature(start: number, end: number, steps: number, step: number): number {
  if (steps <= 0 || step >= steps) return end;
  return start * Math.pow(end / start, step / steps);
}

/** When a run stops, and why. */
export interface StopRule {
  maxSteps: number;
  /** stop when the loss has not improved on its best for this many steps */
  patience: number;
}

/**
 * Why a run stops. `message` says it in English; `step`, `loss` and `limit` (the step cap for
 * 'steps', the patience for 'plateau') let the page say it in its own language.
 */
export type StopReason =
  | { stop: false }
  | { stop: true; reason: 'steps' | 'nan' | 'plateau'; message: string; step: number; loss: number; limit: number };

/** Tracks the best loss and says when to stop. */
export function createStopper(rule: StopRule): (step: number, loss: number) => StopReason {
  let best = Infinity;
  let bestStep = 0;
  return (step, loss) => {
    if (!Number.isFinite(loss)) {
      return {
        stop: true,
        reason: 'nan',
        message: `the loss became ${loss} at step ${step}: lower the learning rate or λ`,
        step,
        loss,
        limit: rule.maxSteps,
      };
    }
    if (loss < best) {
      best = loss;
      bestStep = step;
    }
    if (step >= rule.maxSteps)
      return {
        stop: true,
        reason: 'steps',
        message: `reached the step cap (${rule.maxSteps})`,
        step,
        loss,
        limit: rule.maxSteps,
      };
    if (step - bestStep >= rule.patience) {
      return {
        stop: true,
        reason: 'plateau',
        message: `no improvement on the best loss for ${rule.patience} steps`,
        step,
        loss,
        limit: rule.patience,
      };
    }
    return { stop: false };
  };
}
