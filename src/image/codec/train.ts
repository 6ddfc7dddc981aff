/**
 * Training the codec's quantizer and entropy model by gradient descent on D + lambda R, through
 * the app's soft-to-hard quantizer and estimators (src/model):
 *
 *   centers    c_k = step (k + a_min(k,3)), per sample a window of 4 candidates k
 *   soft       p_j = softmax_j(-((|x| - c_j) / step)^2 / T),  w_soft = sum_j p_j c_j
 *   hard       w_hard = c[nearest], zero gradient (as the app's hard quantizer)
 *   value      w_bar = estimator(|x|, w_soft, w_hard)         (STE: w_soft + sg(w_hard - w_soft))
 *   D          sum_i weight_i cost_i (|x_i| - w_bar_i)^2 / (3 pixels)    (cost: distortionWeights.ts)
 *   R          sum_i weight_i sum_j p_bar_ij bits_ij / pixels             (bits per pixel)
 *              p_bar = estimator(p, p, one-hot(nearest)); bits_ij = -log2 Q(class(k_j) | context_i)
 *              + sign and Exp-Golomb bits; Q = softmax(theta[context]) is the learned entropy model
 *
 * Learned: log step per channel and subband, a_1..a_3 per channel and level, theta per context.
 * With the hard estimator (or the seed's round) no gradient reaches the steps or the centers:
 * the quantizer stays as it started. T is annealed geometrically from soft to hard.
 * Every tensor op of a step runs in one tidy; the variables have one owner (CodecTrainer).
 */

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { composeEstimator, type EstimatorName } from '../../model/estimators';
import { firstNearestIndex } from '../../model/quantizer';
import { stopGradient } from '../../model/stopGradient';
import { countBits, quantize, reconstruct, withPostFilterInParts, type Analysis, type CodecParams } from './codec';
import { CONTEXT_CLASSES } from './coefficients';
import { CONTAINER_BYTES } from './file';
import { headerBytes } from './codec';
import { CENTER_OFFSETS, dequantizePlanes, encodeSteps, FIXED_SCALE, OFFSET_LIMIT, stepValues } from './quantizer';
import { fitStepScaleInParts, runParts, scaleSteps, uniformParams } from './rateControl';
import { distortionWeights } from './distortionWeights';
import { NO_FILTER, postFilterPays } from './postFilter';
import {
  batchArrays,
  drawSample,
  fittedModelBpp,
  RATE_CLASSES,
  WINDOW,
  type BatchArrays,
  type Sample,
} from './trainingBatch';
import { psnr } from '../metrics';

/** Estimators whose gradient never reaches the quantizer's parameters. */
export const FROZEN_ESTIMATORS: readonly EstimatorName[] = ['hard', 'seedRound'];

export interface CodecTrainOptions {
  /** bits per pixel the file must meet (0.05..2) */
  targetBpp: number;
  estimator: EstimatorName;
  steps: number;
  /** detail coefficients a step sees */
  sampleSize: number;
  /** Adam's step on log steps and offsets */
  learningRate: number;
  /** Adam's step on the entropy model's logits */
  modelLearningRate: number;
  /** T at the first and the last step (distances in squared steps) */
  temperatureStart: number;
  temperatureEnd: number;
  /** steps between refreshes of the windows and contexts */
  refreshEvery: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<CodecTrainOptions, 'targetBpp'> = {
  estimator: 'ste',
  steps: 120,
  sampleSize: 6000,
  learningRate: 0.003,
  modelLearningRate: 0.05,
  temperatureStart: 0.3,
  temperatureEnd: 0.02,
  refreshEvery: 20,
  seed: 1,
};

/** The trainable variables, as tensors (a step's loss is a function of these). */
export interface CodecVariables {
  /** [3 * bands] natural log of each step */
  logStep: tf.Tensor1D;
  /** [3 * levels, 3] a_1, a_2, a_3 per channel and level */
  offsets: tf.Tensor2D;
  /** [contexts, RATE_CLASSES] the entropy model's logits */
  logits: tf.Tensor2D;
}

/** A batch's constants as tensors. */
export interface BatchTensors {
  magnitude: tf.Tensor1D;
  distortionWeight: tf.Tensor1D;
  rateWeight: tf.Tensor1D;
  stepSelect: tf.Tensor2D;
  offsetSelect: tf.Tensor2D;
  contextSelect: tf.Tensor2D;
  candidates: tf.Tensor2D;
  offsetOfCandidate: tf.Tensor3D;
  classOfCandidate: tf.Tensor3D;
  extraBits: tf.Tensor2D;
}

export function batchTensors(
  arrays: BatchArrays,
  stepCount: number,
  offsetGroups: number,
  contexts: number,
): BatchTensors {
  const n = arrays.magnitude.length;
  // built in JS: tfjs-wasm 4.22's oneHot gives zeros when asked for float32
  const oneHot = (indices: Int32Array, depth: number) => {
    const values = new Float32Array(n * depth);
    indices.forEach((index, i) => (values[i * depth + index] = 1));
    return tf.tensor2d(values, [n, depth]);
  };
  return {
    magnitude: tf.tensor1d(arrays.magnitude),
    distortionWeight: tf.tensor1d(arrays.distortionWeight),
    rateWeight: tf.tensor1d(arrays.rateWeight),
    stepSelect: oneHot(arrays.stepIndex, stepCount),
    offsetSelect: oneHot(arrays.offsetIndex, offsetGroups),
    contextSelect: oneHot(arrays.contextIndex, contexts),
    candidates: tf.tensor2d(arrays.candidates, [n, WINDOW]),
    offsetOfCandidate: tf.tensor3d(arrays.offsetOfCandidate, [n, WINDOW, CENTER_OFFSETS]),
    classOfCandidate: tf.tensor3d(arrays.classOfCandidate, [n, WINDOW, RATE_CLASSES]),
    extraBits: tf.tensor2d(arrays.extraBits, [n, WINDOW]),
  };
}

/** The loss and its parts for one batch (tensors of the caller's tidy). */
export function codecLoss(
  v: CodecVariables,
  b: BatchTensors,
  estimator: EstimatorName,
  temperature: number,
  lambda: number,
): { loss: tf.Scalar; distortion: tf.Scalar; rate: tf.Scalar } {
  const step = tf.exp(tf.matMul(b.stepSelect, tf.reshape(v.logStep, [-1, 1]))); // [N, 1]
  const sampleOffsets = tf.matMul(b.offsetSelect, v.offsets); // [N, 3]
  const candidateOffsets = tf.sum(tf.mul(b.offsetOfCandidate, tf.expandDims(sampleOffsets, 1)), 2); // [N, W]
  const centers = tf.mul(step, tf.add(b.candidates, candidateOffsets)); // [N, W]
  const magnitude = tf.expandDims(b.magnitude, 1);
  const distances = tf.square(tf.div(tf.sub(magnitude, centers), step)) as tf.Tensor2D;
  const p = tf.softmax(tf.mul(distances, -1 / temperature)); // [N, W]
  const nearest = firstNearestIndex(stopGradient(distances));
  const hardOneHot = stopGradient(tf.cast(tf.oneHot(tf.cast(tf.reshape(nearest, [-1]), 'int32'), WINDOW), 'float32'));
  const soft = tf.sum(tf.mul(p, centers), 1);
  const hard = stopGradient(tf.sum(tf.mul(hardOneHot, centers), 1));
  const value = composeEstimator(estimator, b.magnitude, soft, hard);
  const distortion = tf.sum(tf.mul(b.distortionWeight, tf.square(tf.sub(b.magnitude, value)))) as tf.Scalar;
  const logQ = tf.logSoftmax(tf.matMul(b.contextSelect, v.logits)); // [N, classes]
  const modelBits = tf.div(tf.neg(tf.sum(tf.mul(b.classOfCandidate, tf.expandDims(logQ, 1)), 2)), Math.LN2);
  const bits = tf.add(modelBits, b.extraBits); // [N, W]
  const assignment = composeEstimator(estimator, p, p, hardOneHot);
  const rate = tf.sum(tf.mul(b.rateWeight, tf.sum(tf.mul(assignment, bits), 1))) as tf.Scalar;
  return { loss: tf.add(distortion, tf.mul(rate, lambda)) as tf.Scalar, distortion, rate };
}

/** What one step reports. */
export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
  /** the training estimate of bits per pixel (entropy model on the sample) */
  estimatedBpp: number;
  /** bits per pixel and PSNR of the whole image's hard quantization, measured at the last refresh */
  bpp: number;
  psnr: number;
  temperature: number;
}

/**
 * D of the coefficients' hard reconstruction: their squared errors weighted by distortionWeights
 * (the synthesis gains alone would give the RGB mean squared error), per pixel and channel.
 */
export function coefficientError(analysis: Analysis, params: CodecParams, indices: readonly Int32Array[]): number {
  const weights = distortionWeights(analysis);
  const back = dequantizePlanes(params, indices, analysis.width, analysis.bands);
  let sum = 0;
  for (let c = 0; c < 3; c++) {
    const original = analysis.coefficients[c] as Float64Array;
    const plane = back[c] as Float64Array;
    for (const band of analysis.bands) {
      let bandSum = 0;
      for (let y = 0; y < band.height; y++) {
        const row = (band.y0 + y) * analysis.width + band.x0;
        for (let x = 0; x < band.width; x++) {
          const e = (original[row + x] as number) - (plane[row + x] as number);
          bandSum += e * e;
        }
      }
      sum += bandSum * (weights[c * analysis.bands.length + band.index] as number);
    }
  }
  return sum / (3 * analysis.width * analysis.height);
}

/** Counted bits per pixel of a quantization (ideal adaptive length, headers included). */
function countedRate(analysis: Analysis, params: CodecParams, indices: readonly Int32Array[]): number {
  const { bits } = countBits(indices, analysis.width, analysis.levels, analysis.bands);
  const header = headerBytes(analysis.levels, analysis.bands.length, params.filter.length > 0);
  const bytes = Math.ceil(bits / 8) + header + CONTAINER_BYTES;
  return (8 * bytes) / (analysis.width * analysis.height);
}

/**
 * lambda from the untrained quantizer's rate-distortion slope at the start, -dD/dR between steps
 * 15% finer and 15% coarser, with R as the training's own entropy model measures it on the
 * sample: the start is then balanced along the direction that scales every step, and training
 * moves the steps against each other and the centers, not along the curve (the final fit to the
 * target rate does that).
 */
function* slopeAt(analysis: Analysis, params: CodecParams, sample: Sample): Generator<void, number> {
  const pixels = analysis.width * analysis.height;
  const finer = scaleSteps(params, 1 / 1.15);
  const coarser = scaleSteps(params, 1.15);
  const dD =
    coefficientError(analysis, coarser, quantize(analysis, coarser)) -
    coefficientError(analysis, finer, quantize(analysis, finer));
  yield;
  const finerBpp = fittedModelBpp(batchArrays(analysis, finer, sample), pixels);
  yield;
  const dR = finerBpp - fittedModelBpp(batchArrays(analysis, coarser, sample), pixels);
  return dR > 0 ? Math.max(dD / dR, 1e-3) : 1;
}

/** -dD/dR of the real thing (the whole image's weighted error, counted bits) between steps 15% finer and coarser. */
function* realSlopeAt(analysis: Analysis, params: CodecParams): Generator<void, number> {
  const finer = scaleSteps(params, 1 / 1.15);
  const coarser = scaleSteps(params, 1.15);
  const finerIndices = quantize(analysis, finer);
  const finerError = coefficientError(analysis, finer, finerIndices);
  const finerRate = countedRate(analysis, finer, finerIndices);
  yield;
  const coarserIndices = quantize(analysis, coarser);
  const dD = coefficientError(analysis, coarser, coarserIndices) - finerError;
  const dR = finerRate - countedRate(analysis, coarser, coarserIndices);
  return dR > 0 ? Math.max(dD / dR, 1e-3) : 1;
}

/** What training needs before its first step: the untrained start at the target, the sample, the lambdas. */
export interface TrainingSetup {
  start: CodecParams;
  sample: Sample;
  lambda: number;
  realLambda: number;
}

/**
 * The setup in parts (each yield is a point where a page may draw and answer a key press): each
 * counting of the rate fit, the model's slope in three, the real slope in two.
 */
export function* setUpTraining(
  analysis: Analysis,
  options: Pick<CodecTrainOptions, 'targetBpp' | 'sampleSize' | 'seed'>,
): Generator<void, TrainingSetup> {
  const filtered = postFilterPays(analysis.width * analysis.height, options.targetBpp);
  const base = { ...uniformParams(analysis, 16), ...(filtered ? {} : { filter: NO_FILTER }) };
  const start = scaleSteps(base, yield* fitStepScaleInParts(analysis, base, options.targetBpp));
  yield;
  const sample = drawSample(analysis, options.sampleSize, options.seed);
  const lambda = yield* slopeAt(analysis, start, sample);
  yield;
  const realLambda = yield* realSlopeAt(analysis, start);
  yield;
  return { start, sample, lambda, realLambda };
}

/** Trains one image's quantizer; owns its tfjs variables and optimizer (dispose when done). */
export class CodecTrainer {
  readonly options: CodecTrainOptions;
  /** the untrained quantizer at the target rate (uniform centers, equal-distortion steps) */
  readonly start: CodecParams;
  readonly lambda: number;
  private readonly sample: Sample;
  private readonly variables: { logStep: tf.Variable; offsets: tf.Variable; logits: tf.Variable };
  private readonly optimizer: tf.Optimizer;
  private readonly modelOptimizer: tf.Optimizer;
  private batch: BatchTensors | null = null;
  private stepsDone = 0;
  /** the step count at the last refresh */
  private refreshedAt = 0;
  private measured = { bpp: 0, psnr: 0 };
  /** lambda of the real objective (weighted error + lambda x counted bpp), for choosing checkpoints */
  readonly realLambda: number;
  /** the checkpoint with the lowest real objective so far (the start included) */
  private best: { params: CodecParams; objective: number; step: number } | null = null;
  private readonly contexts: number;

  /** `setup` from setUpTraining (staged, so a page can draw between its parts), else made here. */
  constructor(
    readonly analysis: Analysis,
    private readonly rgba: Uint8ClampedArray,
    options: Partial<CodecTrainOptions> & { targetBpp: number },
    setup?: TrainingSetup,
  ) {
    this.options = { ...DEFAULT_TRAIN_OPTIONS, ...options };
    const ready = setup ?? runParts(setUpTraining(analysis, this.options));
    this.start = ready.start;
    this.sample = ready.sample;
    this.lambda = ready.lambda;
    this.realLambda = ready.realLambda;
    this.contexts = 3 * analysis.levels * 2 * CONTEXT_CLASSES;
    const arrays = batchArrays(analysis, this.start, this.sample);
    const logits = new Float32Array(this.contexts * RATE_CLASSES);
    for (let c = 0; c < this.contexts; c++) {
      let total = 0;
      for (let k = 0; k < RATE_CLASSES; k++) total += (arrays.classCounts[c * RATE_CLASSES + k] as number) + 1;
      for (let k = 0; k < RATE_CLASSES; k++) {
        logits[c * RATE_CLASSES + k] = Math.log(((arrays.classCounts[c * RATE_CLASSES + k] as number) + 1) / total);
      }
    }
    // tf.variable keeps its own reference to the data: the initial tensors are disposed here
    const variable = (initial: tf.Tensor) => {
      const v = tf.variable(initial);
      initial.dispose();
      return v;
    };
    this.variables = {
      logStep: variable(tf.tensor1d(Float32Array.from(stepValues(this.start), (s) => Math.log(s)))),
      offsets: variable(tf.zeros([3 * analysis.levels, CENTER_OFFSETS])),
      logits: variable(tf.tensor2d(logits, [this.contexts, RATE_CLASSES])),
    };

    this.optimizer = tf.train.adam(this.options.learningRate);
    this.modelOptimizer = tf.train.adam(this.options.modelLearningRate);
    this.useBatch(arrays, this.start);
  }

  private useBatch(arrays: BatchArrays, params: CodecParams): void {
    if (this.batch) Object.values(this.batch).forEach((t: tf.Tensor) => t.dispose());
    this.batch = batchTensors(arrays, 3 * this.analysis.bands.length, 3 * this.analysis.levels, this.contexts);
    this.measure(params);
  }

  /** Measures the whole image's hard quantization under params; keeps it if it is the best so far. */
  private measure(params: CodecParams): void {
    const indices = quantize(this.analysis, params);
    const decoded = reconstruct(params, indices, this.analysis.width, this.analysis.height);
    this.measured = { bpp: countedRate(this.analysis, params, indices), psnr: psnr(this.rgba, decoded) };
    const objective = coefficientError(this.analysis, params, indices) + this.realLambda * this.measured.bpp;
    if (this.best === null || objective < this.best.objective) this.best = { params, objective, step: this.stepsDone };
  }

  /** The step of the checkpoint finalParams uses (0: the untrained start was best). */
  get bestStep(): number {
    return this.best?.step ?? 0;
  }

  get done(): boolean {
    return this.stepsDone >= this.options.steps;
  }

  get step(): number {
    return this.stepsDone;
  }

  /** T at step i: geometric from temperatureStart to temperatureEnd. */
  temperatureAt(i: number): number {
    const { temperatureStart, temperatureEnd, steps } = this.options;
    return temperatureStart * (temperatureEnd / temperatureStart) ** (i / Math.max(1, steps - 1));
  }

  /** One gradient step; refreshes windows and contexts every refreshEvery steps. */
  trainStep(): TrainProgress {
    const progress = this.gradientStep();
    if (!this.refreshDue) return progress;
    runParts(this.refreshInParts());
    return { ...progress, bpp: this.measured.bpp, psnr: this.measured.psnr };
  }

  /** Whether the windows and contexts are due a refresh before the next gradient step. */
  get refreshDue(): boolean {
    return this.stepsDone > this.refreshedAt && this.stepsDone % this.options.refreshEvery === 0 && !this.done;
  }

  /**
   * The refresh in two parts (the whole image's batch arrays, then its measurement under the
   * current quantizer), so a page may draw between them.
   */
  *refreshInParts(): Generator<void, void> {
    this.refreshedAt = this.stepsDone;
    const params = this.currentParams();
    const arrays = batchArrays(this.analysis, params, this.sample);
    yield;
    this.useBatch(arrays, params);
  }

  /** One gradient step, without the refresh (trainStep does both; a page runs them apart). */
  gradientStep(): TrainProgress {
    const temperature = this.temperatureAt(this.stepsDone);
    const batch = this.batch as BatchTensors;
    const { estimator } = this.options;
    const { logStep, offsets, logits } = this.variables;
    const parts = tf.tidy(() => {
      let reported: tf.Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        const terms = codecLoss(
          this.variables as unknown as CodecVariables,
          batch,
          estimator,
          temperature,
          this.lambda,
        );
        reported = tf.keep(tf.stack([terms.loss, terms.distortion, terms.rate]));
        return terms.loss;
      }, [logStep, offsets, logits]);
      this.optimizer.applyGradients({
        [logStep.name]: grads[logStep.name] as tf.Tensor,
        [offsets.name]: grads[offsets.name] as tf.Tensor,
      });
      this.modelOptimizer.applyGradients({ [logits.name]: grads[logits.name] as tf.Tensor });
      return reported as unknown as tf.Tensor;
    });
    const [loss, , rate] = parts.dataSync();
    parts.dispose();
    this.stepsDone += 1;
    return {
      step: this.stepsDone,
      steps: this.options.steps,
      loss: loss as number,
      estimatedBpp: rate as number,
      bpp: this.measured.bpp,
      psnr: this.measured.psnr,
      temperature,
    };
  }

  /** The quantizer as the file holds it now (steps and offsets rounded to 1/256, offsets clipped). */
  currentParams(): CodecParams {
    const logStep = this.variables.logStep.dataSync();
    const offsets = this.variables.offsets.dataSync();
    const startSteps = stepValues(this.start);
    return {
      ...this.start,
      ...encodeSteps(
        Float64Array.from(logStep, (s, i) =>
          this.analysis.bands[i % this.analysis.bands.length]?.orientation === 'LL'
            ? (startSteps[i] as number)
            : Math.exp(s),
        ),
      ),
      offsets: Int8Array.from(offsets, (a) =>
        Math.max(-OFFSET_LIMIT, Math.min(OFFSET_LIMIT, Math.round(FIXED_SCALE * a))),
      ),
    };
  }

  /** The entropy model's logits now, [contexts, RATE_CLASSES] (for tests and the page). */
  logits(): Float32Array {
    return this.variables.logits.dataSync() as Float32Array;
  }

  /**
   * The best checkpoint (by the real objective, measured on the whole image at every refresh and
   * at the end) with all its steps scaled to meet the target rate, and the post-filter fitted to it.
   */
  finalParams(): CodecParams {
    return runParts(this.finalParamsInParts());
  }

  /** finalParams in parts: the last measurement, each counting of the rate fit, then the post-filter's fit. */
  *finalParamsInParts(): Generator<void, CodecParams> {
    this.measure(this.currentParams());
    yield;
    const chosen = (this.best as { params: CodecParams }).params;
    const fitted = scaleSteps(chosen, yield* fitStepScaleInParts(this.analysis, chosen, this.options.targetBpp));
    yield;
    return yield* withPostFilterInParts(this.analysis, fitted);
  }

  dispose(): void {
    if (this.batch) Object.values(this.batch).forEach((t: tf.Tensor) => t.dispose());
    this.batch = null;
    this.variables.logStep.dispose();
    this.variables.offsets.dispose();
    this.variables.logits.dispose();
    this.optimizer.dispose();
    this.modelOptimizer.dispose();
  }
}
