/**
 * One interface for the learned codecs: what the lab's loop, its views and the weights file need
 * of a model, whichever architecture it is. blockCodec.ts (an MLP per 8 x 8 block) and
 * convCodec.ts (strided convolutions) supply only their tensors' layout and their
 * encoder/decoder; the loss, the optimizer step, the evaluation, the lab's press and the weights
 * file are written once, here and in the modules this one calls (train.ts, labView.ts,
 * weights.ts). codecs.ts holds the registry LEARNED_CODECS by kind.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Message } from '../../i18n/message';
import type { Engine } from '../../model/choices';
import type { Distance } from '../../model/quantizer';
import type { LearnedFileModel } from '../coding/learnedPayload';
import { assignmentEntropyBits } from '../entropy';
import type { LabImage, LabResult } from '../labCompute';
import { psnr } from '../metrics';
import type { BlockGrid, RgbaImage } from './blocks';
import { finishPress, type LearnedPress } from './labView';
import { quantize, readVariables, type QuantizerModel } from './model';
import {
  channelEntropies,
  checkTemperature,
  noiseSamples,
  optimizerStep,
  rateDistortionTerms,
  type Evaluation,
  type LossTerms,
  type StepResult,
  type Trainer,
  type TrainSetting,
} from './train';
import { weightsToJson, type LearnedModelKind, type TrainingRecord } from './weights';

/** What every learned model's config holds: the quantizer, the latent channels and the seed. */
export interface CodecConfig {
  /** C, latent channels per block or latent position */
  readonly channels: number;
  /** the quantizer's centers, ascending */
  readonly centers: readonly number[];
  readonly distance: Distance;
  /** seed of the weights' initialisation */
  readonly seed: number;
  /** the soft assignment's implementation (not in a weights file); DEFAULT_ENGINE when absent */
  readonly engine?: Engine;
}

/** A learned codec: a model that owns its tf.Variables (dispose() frees them) and what it does. */
export interface LearnedCodec {
  readonly kind: LearnedModelKind;
  readonly config: CodecConfig;
  /** every variable, in the weights file's order */
  readonly variables: readonly tf.Variable[];
  /** the encoder's variables: with 'hard' or 'seedRound' their gradient is exactly zero */
  readonly encoderVariables: readonly tf.Variable[];
  /** the layer widths in words, e.g. "192-64-16-64-192" or "3-32-32-16-32-32-3, 5×5, stride 2" */
  readonly architecture: string;
  /**
   * The loss of square samples [count, S, S, 3] in [0, 1], all tensors of the caller's tidy;
   * noise [rows, C] (rows = blocks or latent positions) only for the 'noise' estimator in training.
   */
  lossTerms(samples: tf.Tensor4D, setting: TrainSetting, noise?: tf.Tensor2D): LossTerms;
  /**
   * One optimizer step on `count` square samples of side S, [count, S, S, 3] row-major in [0, 1],
   * as createBlockSampler(source, S, seed).next(count) gives them.
   */
  trainStep(trainer: Trainer, batch: Float32Array, side: number, setting: TrainSetting): StepResult;
  /** Encodes the whole image, quantizes hard, decodes; rate from the hard symbols' entropy. */
  evaluate(image: RgbaImage): Evaluation;
  /** The lab's press at temperature T up to its file (labView.ts finishes it). */
  press(image: LabImage, temperature: number): LearnedPress;
  /** The press finished on this thread: the lab's result (MS-SSIM left to the caller). */
  labResult(image: LabImage, temperature: number): LabResult;
  /** Every parameter's current values by name, copied out. */
  readParameters(): Record<string, Float32Array>;
  /** The weights file (weights.ts's format) of the model and its training record. */
  weightsJson(record: TrainingRecord): string;
  /** Why the lab cannot go on training this model (its architecture is not the lab's), or null. */
  labMismatch(): Message | null;
  dispose(): void;
}

/** An image in a kind's input layout, and the way back from that layout to RGBA. */
export interface ImageLayout {
  /** the input tensor's values and shape */
  values: Float32Array;
  shape: number[];
  /** decoded values in the input's layout to [height, width, 4] RGBA bytes */
  toRgba(decoded: ArrayLike<number>): Uint8ClampedArray;
  /** where each latent row's pixels are: row r covers grid block r */
  grid: BlockGrid;
}

/** What an architecture supplies to become a LearnedCodec (learnedCodec below does the rest). */
export interface CodecParts<Name extends string> {
  kind: LearnedModelKind;
  model: QuantizerModel & { readonly config: CodecConfig; readonly variables: Record<Name, tf.Variable> };
  disposeModel(): void;
  /** the variables in the weights file's order; the encoder's; the decoder's (the lab file's) */
  names: readonly Name[];
  encoderNames: readonly Name[];
  decoderNames: readonly Name[];
  shapes: Record<Name, number[]>;
  /** the pixels one latent row stands for */
  pixelsPerLatent: number;
  /** the latent rows of `count` samples of side S; throws a RangeError naming a side it cannot take */
  latentRows(count: number, side: number): number;
  /** samples [count, S, S, 3] in the input layout */
  samplesInput(samples: tf.Tensor4D): tf.Tensor;
  /** the input's latents as rows [N, C], and the decoder from quantized rows to the input's layout */
  forward(input: tf.Tensor): { latents: tf.Tensor2D; decode(values: tf.Tensor2D): tf.Tensor };
  layout(image: RgbaImage): ImageLayout;
  /** the lab file's description of the model */
  fileModel: LearnedFileModel;
  /** the weights file's architecture fields (model, architecture, sizes), in the file's order */
  weightsFields: Record<string, string | number>;
  architecture: string;
  labMismatch(): Message | null;
}

/** The LearnedCodec of an architecture's parts. */
export function learnedCodec<Name extends string>(parts: CodecParts<Name>): LearnedCodec {
  const { model, names } = parts;
  const variables = names.map((name) => model.variables[name]);
  const encoderVariables = parts.encoderNames.map((name) => model.variables[name]);

  const termsOf = (input: tf.Tensor, setting: TrainSetting, noise?: tf.Tensor2D): LossTerms => {
    const { latents, decode } = parts.forward(input);
    return rateDistortionTerms(model, latents, decode, input, parts.pixelsPerLatent, setting, noise);
  };

  const readParameters = () => readVariables(names, model.variables);

  const codec: LearnedCodec = {
    kind: parts.kind,
    config: model.config,
    variables,
    encoderVariables,
    architecture: parts.architecture,
    lossTerms: (samples, setting, noise) => termsOf(parts.samplesInput(samples), setting, noise),
    trainStep(trainer, batch, side, setting) {
      const perSample = side * side * 3;
      if (!Number.isInteger(side) || side < 1 || batch.length === 0 || batch.length % perSample !== 0) {
        throw new RangeError(
          `a batch of ${side} x ${side} samples holds a multiple of ${perSample} values, got ${batch.length}`,
        );
      }
      checkTemperature(setting.temperature);
      const count = batch.length / perSample;
      const channels = model.config.channels;
      const rows = parts.latentRows(count, side);
      const noise = noiseSamples(trainer, setting.estimator, rows * channels);
      return optimizerStep(trainer, variables, encoderVariables, () => {
        const input = parts.samplesInput(tf.tensor4d(batch, [count, side, side, 3]));
        const noiseTensor = noise === undefined ? undefined : tf.tensor2d(noise, [rows, channels]);
        return termsOf(input, setting, noiseTensor);
      });
    },
    evaluate(image) {
      const layout = parts.layout(image);
      const { channels, centers } = model.config;
      const levels = centers.length;
      const [decodedTensor, counts] = tf.tidy(() => {
        const { latents, decode } = parts.forward(tf.tensor(layout.values, layout.shape));
        const q = quantize(model, latents, 'hard', 1);
        // per channel counts of each symbol [C, L]
        const perChannel = tf.sum(tf.reshape(q.nearest, [-1, channels, levels]), 0);
        return [decode(q.values), perChannel];
      });
      const decodedValues = decodedTensor.dataSync();
      const countValues = counts.dataSync() as Float32Array;
      tf.dispose([decodedTensor, counts]);
      const channelBits = channelEntropies(countValues, channels, levels);
      const rows = layout.grid.rows * layout.grid.columns;
      const totalBits = rows * channelBits.reduce((a, b) => a + b, 0);
      const decoded = layout.toRgba(decodedValues);
      return { decoded, bpp: totalBits / (image.width * image.height), psnr: psnr(image.data, decoded), channelBits };
    },
    press(image, temperature) {
      const { width, height, rgba } = image;
      const layout = parts.layout({ data: rgba, width, height });
      const levels = model.config.centers.length;
      const [softValues, indices, assignments] = tf.tidy(() => {
        const { latents, decode } = parts.forward(tf.tensor(layout.values, layout.shape));
        const q = quantize(model, latents, 'soft', 1 / temperature);
        return [decode(q.values), tf.argMax(q.nearest, 1), q.assignments];
      });
      const readout = {
        soft: layout.toRgba(softValues.dataSync()),
        indices: Float32Array.from(indices.dataSync()),
        bits: assignmentEntropyBits(assignments.dataSync() as Float32Array, levels),
      };
      tf.dispose([softValues, indices, assignments]);
      const parameters = readParameters();
      const fileRequest = {
        transform: 'learned' as const,
        width,
        height,
        model: parts.fileModel,
        centers: Float32Array.from(model.config.centers),
        decoder: parts.decoderNames.map((name) => Float32Array.from(parameters[name])),
        indices: readout.indices,
      };
      return { image, channels: model.config.channels, levels, grid: layout.grid, readout, fileRequest };
    },
    labResult: (image, temperature) => finishPress(codec.press(image, temperature)),
    readParameters,
    weightsJson: (record) => weightsToJson(model.config, parts.weightsFields, parts.shapes, readParameters(), record),
    labMismatch: parts.labMismatch,
    dispose: parts.disposeModel,
  };
  return codec;
}
