/**
 * The convolutional codec (conv.ts) as a LearnedCodec: a batch of S x S crops is its input as it
 * is ([B, S, S, 3], S a multiple of 8), an image is padded to multiples of 8 by repeating its
 * last row and column, and each latent position (8 x 8 pixels) is one latent row of C values.
 *
 *   loss = D + lambda R
 *   D = mean over the batch's pixels and colours of (y - x)^2, x and y in [0, 1]
 *   R = bits per pixel = sum_c H_c / 64, H_c the entropy of channel c's soft symbol histogram
 *       over the batch's latent positions
 */
import * as tf from '@tensorflow/tfjs-core';
import { message } from '../../i18n/message';
import { blockGrid, checkImage, paddedToRgba, type RgbaImage } from './blocks';
import { learnedCodec, type LearnedCodec } from './codec';
import {
  CONV_DOWNSAMPLING,
  CONV_ENCODER_PARAMETERS,
  CONV_PARAMETER_NAMES,
  convParameterShapes,
  createConvModel,
  decodeConv,
  encodeConv,
  latentSize,
  type ConvModel,
  type ConvModelConfig,
  type ConvParameterName,
} from './conv';
import { CONV_DEFAULTS, convArchitecture } from './plan';
import type { ConvWeightsFile } from './weights';

/** Pixels per latent position: 8 x 8. */
export const PIXELS_PER_LATENT = CONV_DOWNSAMPLING * CONV_DOWNSAMPLING;

/** The conv model's decoder variables, in the lab file's order. */
const DECODER_PARAMETERS: readonly ConvParameterName[] = CONV_PARAMETER_NAMES.slice(6);

/** The codec of a conv model (it takes over the model: the codec's dispose() disposes it). */
export function convCodec(model: ConvModel): LearnedCodec {
  const { channels, filters, kernelSize } = model.config;
  const weightsFields: Pick<ConvWeightsFile, 'model' | 'architecture' | 'channels' | 'filters' | 'kernelSize'> = {
    model: 'conv',
    architecture: 'strided-conv',
    channels,
    filters,
    kernelSize,
  };
  return learnedCodec({
    kind: 'conv',
    model,
    disposeModel: () => model.dispose(),
    names: CONV_PARAMETER_NAMES,
    encoderNames: CONV_ENCODER_PARAMETERS,
    decoderNames: DECODER_PARAMETERS,
    shapes: convParameterShapes(model.config),
    pixelsPerLatent: PIXELS_PER_LATENT,
    latentRows(count, side) {
      const [latentSide] = latentSize(side, side);
      return count * latentSide * latentSide;
    },
    samplesInput: (samples) => samples,
    forward(images) {
      const latents = encodeConv(model, images as tf.Tensor4D);
      return {
        latents: tf.reshape(latents, [-1, channels]) as tf.Tensor2D,
        decode: (values) => decodeConv(model, tf.reshape(values, latents.shape) as tf.Tensor4D),
      };
    },
    layout(image) {
      const { values, paddedWidth, paddedHeight } = paddedImageValues(image);
      const { width, height } = image;
      return {
        values,
        shape: [1, paddedHeight, paddedWidth, 3],
        toRgba: (decoded) => paddedToRgba(decoded, paddedWidth, width, height),
        grid: blockGrid(width, height, CONV_DOWNSAMPLING),
      };
    },
    fileModel: { kind: 'conv', kernelSize, filters, channels },
    weightsFields,
    architecture: convArchitecture(channels, filters, kernelSize),
    labMismatch() {
      if (filters === CONV_DEFAULTS.filters && kernelSize === CONV_DEFAULTS.kernelSize) return null;
      return message('lab:messages.convArchitecture', {
        filters: CONV_DEFAULTS.filters,
        size: CONV_DEFAULTS.kernelSize,
        fileFilters: filters,
        fileSize: kernelSize,
      });
    },
  });
}

/** A conv codec with the given parameters (seeded ones when omitted). */
export function createConvCodec(
  config: ConvModelConfig,
  parameters?: Record<ConvParameterName, Float32Array>,
): LearnedCodec {
  return convCodec(createConvModel(config, parameters));
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
