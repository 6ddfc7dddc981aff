/**
 * The learned convolutional codec, the paper's shape at toy size: three strided convolutions to a
 * C-channel latent map at 1/8 of the resolution, the app's soft-to-hard quantizer (model.ts's
 * `quantize`, shared with the block model), and three transposed convolutions back to RGB.
 *
 *   encoder  h1 = tanh(conv(x, E1) + e1)          x  [B, H, W, 3], values in [0, 1]
 *            h2 = tanh(conv(h1, E2) + e2)         h1 [B, H/2, W/2, F], h2 [B, H/4, W/4, F]
 *            z  = conv(h2, E3) + e3               z  [B, H/8, W/8, C]
 *   quantize zq = estimator(z)                    the app's centers, T, distance
 *   decoder  g1 = tanh(convT(zq, D1) + d1)        g1 [B, H/4, W/4, F]
 *            g2 = tanh(convT(g1, D2) + d2)        g2 [B, H/2, W/2, F]
 *            y  = convT(g2, D3) + d3              y  [B, H, W, 3]
 *
 * Every convolution has stride 2, 'same' padding and a k x k kernel. H and W are multiples of 8.
 * tanh (not ReLU), as in the block model, keeps the loss smooth so finite differences check its
 * gradient cleanly. The model owns its tf.Variables; call dispose() when done.
 *
 * Offered only on hardware WebGL (convAvailability.ts): elsewhere training it is too slow or
 * impossible.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Engine } from '../../model/choices';
import type { Distance } from '../../model/quantizer';
import { checkQuantizerConfig, checkSizes, modelFromParameters, seededParameters, type QuantizerModel } from './model';

/** Each convolution halves the resolution; three of them make the latent map 1/8 of the image. */
export const CONV_STRIDE = 2;
/** The image side per latent side: pixels per latent position = CONV_DOWNSAMPLING^2 = 64. */
export const CONV_DOWNSAMPLING = 8;

/** The architecture: everything that fixes the variables' shapes and the quantizer. */
export interface ConvModelConfig {
  /** C, latent channels per position */
  channels: number;
  /** F, feature maps of the two hidden layers on each side */
  filters: number;
  /** k, the side of every kernel: odd, 1..9 */
  kernelSize: number;
  /** the quantizer's centers, ascending */
  centers: readonly number[];
  distance: Distance;
  /** seed of the weights' initialisation */
  seed: number;
  /** the soft assignment's implementation (quantizer.ts Context; not in a weights file); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

/** Names of the variables, in the order they are drawn and stored. */
export const CONV_PARAMETER_NAMES = [
  'encoderFilter1',
  'encoderBias1',
  'encoderFilter2',
  'encoderBias2',
  'encoderFilter3',
  'encoderBias3',
  'decoderFilter1',
  'decoderBias1',
  'decoderFilter2',
  'decoderBias2',
  'decoderFilter3',
  'decoderBias3',
] as const;
export type ConvParameterName = (typeof CONV_PARAMETER_NAMES)[number];
/** The encoder's variables: with 'hard' or 'seedRound' their gradient is exactly zero. */
export const CONV_ENCODER_PARAMETERS: readonly ConvParameterName[] = CONV_PARAMETER_NAMES.slice(0, 6);

export interface ConvModel extends QuantizerModel {
  readonly config: ConvModelConfig;
  readonly variables: Record<ConvParameterName, tf.Variable>;
  dispose(): void;
}

/**
 * The parameters' shapes. Filters of conv2d are [k, k, in, out]; those of conv2dTranspose are
 * [k, k, out, in] (tfjs's convention), so decoderFilter1 is [k, k, F, C].
 */
export function convParameterShapes(config: ConvModelConfig): Record<ConvParameterName, number[]> {
  const { kernelSize: k, filters: f, channels: c } = config;
  return {
    encoderFilter1: [k, k, 3, f],
    encoderBias1: [f],
    encoderFilter2: [k, k, f, f],
    encoderBias2: [f],
    encoderFilter3: [k, k, f, c],
    encoderBias3: [c],
    decoderFilter1: [k, k, f, c],
    decoderBias1: [f],
    decoderFilter2: [k, k, f, f],
    decoderBias2: [f],
    decoderFilter3: [k, k, 3, f],
    decoderBias3: [3],
  };
}

/** Throws a RangeError naming the rule unless the config is usable. */
export function checkConvConfig(config: ConvModelConfig): void {
  checkSizes([
    ['channels', config.channels, 256],
    ['filters', config.filters, 256],
    ['kernelSize', config.kernelSize, 9],
  ]);
  if (config.kernelSize % 2 === 0) throw new RangeError(`kernelSize must be odd, got ${config.kernelSize}`);
  checkQuantizerConfig(config);
}

/**
 * Seeded Glorot-uniform filters (fan in = k^2 x input maps, fan out = k^2 x output maps, as Keras
 * counts them) and zero biases, drawn from one mulberry32 stream in CONV_PARAMETER_NAMES order.
 */
export function initialConvParameters(config: ConvModelConfig): Record<ConvParameterName, Float32Array> {
  checkConvConfig(config);
  return seededParameters(CONV_PARAMETER_NAMES, convParameterShapes(config), config.seed, (shape) => {
    if (shape.length !== 4) return null;
    const [k, , third, fourth] = shape as [number, number, number, number];
    return [k * k * third, k * k * fourth];
  });
}

/** A model with the given parameters (seeded ones when omitted). */
export function createConvModel(
  config: ConvModelConfig,
  parameters: Record<ConvParameterName, Float32Array> = initialConvParameters(config),
): ConvModel {
  checkConvConfig(config);
  return modelFromParameters(config, CONV_PARAMETER_NAMES, convParameterShapes(config), parameters);
}

/** The latent map's [height, width] for an image of height x width (multiples of 8). */
export function latentSize(height: number, width: number): [number, number] {
  for (const [name, side] of [
    ['height', height],
    ['width', width],
  ] as const) {
    if (!Number.isInteger(side) || side < CONV_DOWNSAMPLING || side % CONV_DOWNSAMPLING !== 0) {
      throw new RangeError(`the conv model's input ${name} must be a positive multiple of 8, got ${side}`);
    }
  }
  return [height / CONV_DOWNSAMPLING, width / CONV_DOWNSAMPLING];
}

function convolve(input: tf.Tensor4D, filter: tf.Variable, bias: tf.Variable): tf.Tensor4D {
  return tf.add(tf.conv2d(input, filter as tf.Tensor4D, CONV_STRIDE, 'same'), bias);
}

function convolveTransposed(input: tf.Tensor4D, filter: tf.Variable, bias: tf.Variable): tf.Tensor4D {
  const [batch, height, width] = input.shape;
  const outputMaps = filter.shape[2] as number;
  const shape: [number, number, number, number] = [batch, height * CONV_STRIDE, width * CONV_STRIDE, outputMaps];
  return tf.add(tf.conv2dTranspose(input, filter as tf.Tensor4D, shape, CONV_STRIDE, 'same'), bias);
}

/** Images [B, H, W, 3] in [0, 1] (H, W multiples of 8) to latents [B, H/8, W/8, C]. */
export function encodeConv(model: ConvModel, images: tf.Tensor4D): tf.Tensor4D {
  latentSize(images.shape[1], images.shape[2]);
  const v = model.variables;
  const h1 = tf.tanh(convolve(images, v.encoderFilter1, v.encoderBias1));
  const h2 = tf.tanh(convolve(h1, v.encoderFilter2, v.encoderBias2));
  return convolve(h2, v.encoderFilter3, v.encoderBias3);
}

/** Quantized latents [B, h, w, C] to images [B, 8h, 8w, 3], nominally in [0, 1]. */
export function decodeConv(model: ConvModel, latents: tf.Tensor4D): tf.Tensor4D {
  const v = model.variables;
  const g1 = tf.tanh(convolveTransposed(latents, v.decoderFilter1, v.decoderBias1));
  const g2 = tf.tanh(convolveTransposed(g1, v.decoderFilter2, v.decoderBias2));
  return convolveTransposed(g2, v.decoderFilter3, v.decoderBias3);
}
