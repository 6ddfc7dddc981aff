/**
 * Training and evaluation of the convolutional codec (conv.ts), with the block model's loss
 * (train.ts's rateDistortionTerms, optimizerStep and Evaluation):
 *
 *   loss = D + lambda R
 *   D = mean over the batch's pixels and colours of (y - x)^2, x and y in [0, 1]
 *   R = bits per pixel = sum_c H_c / 64, H_c the entropy of channel c's soft symbol histogram
 *       over the batch's latent positions (each stands for 8 x 8 pixels)
 *
 * Training takes square crops [B, S, S, 3], S a multiple of 8: blocks.ts's sampler with block
 * size S gives exactly that layout.
 */
import * as tf from '@tensorflow/tfjs-core';
import { psnr } from '../metrics';
import { checkImage, type RgbaImage } from './blocks';
import {
  CONV_DOWNSAMPLING,
  CONV_ENCODER_PARAMETERS,
  CONV_PARAMETER_NAMES,
  decodeConv,
  encodeConv,
  latentSize,
  quantizeConv,
  type ConvModel,
} from './conv';
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

/** Pixels per latent position: 8 x 8. */
export const PIXELS_PER_LATENT = CONV_DOWNSAMPLING * CONV_DOWNSAMPLING;

/** The loss of a batch of images [B, H, W, 3]; noise [B * H/8 * W/8, C] only for 'noise' in training. */
export function convLossTerms(
  model: ConvModel,
  images: tf.Tensor4D,
  setting: TrainSetting,
  noise?: tf.Tensor2D,
): LossTerms {
  const latents = encodeConv(model, images);
  const rows = tf.reshape(latents, [-1, model.config.channels]) as tf.Tensor2D;
  const decode = (values: tf.Tensor2D) => decodeConv(model, tf.reshape(values, latents.shape) as tf.Tensor4D);
  return rateDistortionTerms(model, rows, decode, images, PIXELS_PER_LATENT, setting, noise);
}

/**
 * One optimizer step on a batch of square crops [B, S, S, 3] row-major in [0, 1] (S a multiple
 * of 8), as createBlockSampler(source, S, seed).next(B) gives them.
 */
export function trainConvStep(
  model: ConvModel,
  trainer: Trainer,
  batch: Float32Array,
  cropSize: number,
  setting: TrainSetting,
): StepResult {
  const [latentSide] = latentSize(cropSize, cropSize);
  const perCrop = cropSize * cropSize * 3;
  if (batch.length === 0 || batch.length % perCrop !== 0) {
    throw new RangeError(
      `a batch of ${cropSize} x ${cropSize} crops holds a multiple of ${perCrop} values, got ${batch.length}`,
    );
  }
  checkTemperature(setting.temperature);
  const crops = batch.length / perCrop;
  const c = model.config.channels;
  const positions = crops * latentSide * latentSide;
  const noise = noiseSamples(trainer, setting.estimator, positions * c);
  return optimizerStep(
    trainer,
    CONV_PARAMETER_NAMES.map((name) => model.variables[name]),
    CONV_ENCODER_PARAMETERS.map((name) => model.variables[name]),
    () => {
      const images = tf.tensor4d(batch, [crops, cropSize, cropSize, 3]);
      const noiseTensor = noise === undefined ? undefined : tf.tensor2d(noise, [positions, c]);
      return convLossTerms(model, images, setting, noiseTensor);
    },
  );
}

/**
 * The image's RGB values in [0, 1], padded to multiples of 8 by repeating the last row and column.
 * @returns values [paddedHeight, paddedWidth, 3] row-major, and the padded size
 */
export function paddedImageValues(image: RgbaImage): {
  values: Float32Array;
  paddedWidth: number;
  paddedHeight: number;
} {
  checkImage(image);
  const { data, width, height } = image;
  const paddedWidth = Math.ceil(width / CONV_DOWNSAMPLING) * CONV_DOWNSAMPLING;
  const paddedHeight = Math.ceil(height / CONV_DOWNSAMPLING) * CONV_DOWNSAMPLING;
  const values = new Float32Array(paddedWidth * paddedHeight * 3);
  let at = 0;
  for (let y = 0; y < paddedHeight; y++) {
    const row = Math.min(y, height - 1) * width;
    for (let x = 0; x < paddedWidth; x++) {
      const pixel = (row + Math.min(x, width - 1)) * 4;
      for (let channel = 0; channel < 3; channel++) values[at++] = (data[pixel + channel] as number) / 255;
    }
  }
  return { values, paddedWidth, paddedHeight };
}

/**
 * Encodes the whole image (padded to multiples of 8), quantizes hard, decodes, and crops back.
 * bpp = latent positions x sum_c H_c / (width x height), H_c the entropy of channel c's hard
 * symbols over the positions, as the block model's evaluate counts it.
 */
export function evaluateConv(model: ConvModel, image: RgbaImage): Evaluation {
  const { values, paddedWidth, paddedHeight } = paddedImageValues(image);
  const { channels } = model.config;
  const levels = model.config.centers.length;
  const [decodedTensor, counts] = tf.tidy(() => {
    const latents = encodeConv(model, tf.tensor4d(values, [1, paddedHeight, paddedWidth, 3]));
    const q = quantizeConv(model, latents, 'hard', 1);
    // per channel counts of each symbol [C, L]
    const perChannel = tf.sum(tf.reshape(q.nearest, [-1, channels, levels]), 0);
    return [decodeConv(model, q.values), perChannel];
  });
  const decodedValues = decodedTensor.dataSync();
  const countValues = counts.dataSync() as Float32Array;
  decodedTensor.dispose();
  counts.dispose();
  const channelBits = channelEntropies(countValues, channels, levels);
  const [latentHeight, latentWidth] = latentSize(paddedHeight, paddedWidth);
  const totalBits = latentHeight * latentWidth * channelBits.reduce((a, b) => a + b, 0);
  const { width, height } = image;
  const decoded = paddedToRgba(decodedValues, paddedWidth, width, height);
  return { decoded, bpp: totalBits / (width * height), psnr: psnr(image.data, decoded), channelBits };
}

/**
 * Decoded values [paddedHeight, paddedWidth, 3] in [0, 1] cropped to width x height as RGBA bytes
 * (Uint8ClampedArray clamps to 0..255 and rounds half to even, as blocksToImage does).
 */
export function paddedToRgba(
  values: ArrayLike<number>,
  paddedWidth: number,
  width: number,
  height: number,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * paddedWidth + x) * 3;
      const to = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++) out[to + channel] = (values[from + channel] as number) * 255;
      out[to + 3] = 255;
    }
  }
  return out;
}
