/**
 * The learned codec's result in the lab's shape (labCompute.ts's LabResult), so the lab's views,
 * numbers, rate-distortion point and export read it as they read the pixels and DCT results.
 *
 *   hard     evaluate(): every block encoded, quantized hard, decoded (what a receiver gets)
 *   soft     the same with the soft quantizer at T (what the STE's backward pass sees)
 *   symbols  each block's hard indices of latent channels 0, 1, 2 as R, G, B grey levels
 *   entropy  each block's soft-assignment entropy, mean over its C channels
 *   histograms  one stream per latent channel: [C, L] counts of the hard symbols
 */
import * as tf from '@tensorflow/tfjs-core';
import { assignmentEntropyBits, histogramsByStream } from '../entropy';
import type { LabImage, LabResult } from '../labCompute';
import { psnr } from '../metrics';
import { entropyImage, errorTimesFour, symbolImage } from '../paintMaps';
import { blockGrid, blocksToImage, blockValueCount, imageToBlocks, type BlockGrid } from './blocks';
import { decodeConv, encodeConv, quantizeConv, CONV_DOWNSAMPLING, type ConvModel } from './conv';
import { evaluateConv, paddedImageValues, paddedToRgba } from './convTrain';
import { decode, encode, quantize, type BlockModel } from './model';
import { evaluate, type Evaluation } from './train';

/** Per-block values [blocks, K] spread over the pixels as planar [3, H, W], channel k from column min(k, K-1). */
function blocksToPlanes(values: Float32Array, columnsPerBlock: number, grid: BlockGrid): Float32Array {
  const { width, height, blockSize, columns } = grid;
  const n = width * height;
  const planes = new Float32Array(3 * n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const block = Math.floor(y / blockSize) * columns + Math.floor(x / blockSize);
      for (let k = 0; k < 3; k++) {
        planes[k * n + y * width + x] = values[block * columnsPerBlock + Math.min(k, columnsPerBlock - 1)] as number;
      }
    }
  }
  return planes;
}

/** Per latent (row of C): its hard index and the soft assignment's entropy, read back. */
interface LatentReadout {
  soft: Uint8ClampedArray;
  /** [rows * C] hard indices */
  indices: Float32Array;
  /** [rows * C] entropy of each latent's soft assignment, bits */
  bits: Float32Array;
}

/** The lab's result from a hard evaluation and a soft pass, latent rows laid out as `grid`'s blocks. */
function assembleResult(
  image: LabImage,
  channels: number,
  levels: number,
  grid: BlockGrid,
  hard: Evaluation,
  readout: LatentReadout,
): LabResult {
  const { width, height, rgba } = image;
  const { soft, indices, bits } = readout;
  const rows = indices.length / channels;
  const rowBits = new Float32Array(rows);
  for (let b = 0; b < rows; b++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += bits[b * channels + c] as number;
    rowBits[b] = sum / channels;
  }
  const streams = Uint16Array.from({ length: rows * channels }, (_, i) => i % channels);
  return {
    transform: 'learned',
    width,
    height,
    soft,
    hard: hard.decoded,
    error: errorTimesFour(rgba, hard.decoded),
    symbols: symbolImage(blocksToPlanes(indices, channels, grid), levels, width, height),
    entropyMap: entropyImage(blocksToPlanes(rowBits, 1, grid), levels, width, height),
    histograms: histogramsByStream(indices, streams, channels, levels),
    bpp: hard.bpp,
    psnr: hard.psnr,
    psnrSoft: psnr(rgba, soft),
    msssim: null,
    msssimSoft: null,
  };
}

/** The learned codec on the lab's image at temperature T (the soft view's); MS-SSIM is left to the caller. */
export function learnedLabResult(model: BlockModel, image: LabImage, temperature: number): LabResult {
  const { width, height, rgba } = image;
  const rgbaImage = { data: rgba, width, height };
  const hard = evaluate(model, rgbaImage);
  const { blocks, grid } = imageToBlocks(rgbaImage, model.config.blockSize);
  const d = blockValueCount(model.config.blockSize);
  const n = blocks.length / d;
  const levels = model.config.centers.length;
  const [softBlocks, indices, assignments] = tf.tidy(() => {
    const latents = encode(model, tf.tensor2d(blocks, [n, d]));
    const q = quantize(model, latents, 'soft', 1 / temperature);
    return [decode(model, q.values), tf.argMax(q.nearest, 1), q.assignments];
  });
  const readout = {
    soft: blocksToImage(softBlocks.dataSync(), grid),
    indices: Float32Array.from(indices.dataSync()),
    bits: assignmentEntropyBits(assignments.dataSync() as Float32Array, levels),
  };
  tf.dispose([softBlocks, indices, assignments]);
  return assembleResult(image, model.config.channels, levels, grid, hard, readout);
}

/**
 * The convolutional codec on the lab's image at temperature T: each latent position stands for
 * 8 x 8 pixels, so its symbols and entropy are drawn over those pixels, as the block model's.
 */
export function convLabResult(model: ConvModel, image: LabImage, temperature: number): LabResult {
  const { width, height, rgba } = image;
  const rgbaImage = { data: rgba, width, height };
  const hard = evaluateConv(model, rgbaImage);
  const { values, paddedWidth, paddedHeight } = paddedImageValues(rgbaImage);
  const levels = model.config.centers.length;
  const [softImage, indices, assignments] = tf.tidy(() => {
    const latents = encodeConv(model, tf.tensor4d(values, [1, paddedHeight, paddedWidth, 3]));
    const q = quantizeConv(model, latents, 'soft', 1 / temperature);
    return [decodeConv(model, q.values), tf.argMax(q.nearest, 1), q.assignments];
  });
  const readout = {
    soft: paddedToRgba(softImage.dataSync(), paddedWidth, width, height),
    indices: Float32Array.from(indices.dataSync()),
    bits: assignmentEntropyBits(assignments.dataSync() as Float32Array, levels),
  };
  tf.dispose([softImage, indices, assignments]);
  return assembleResult(
    image,
    model.config.channels,
    levels,
    blockGrid(width, height, CONV_DOWNSAMPLING),
    hard,
    readout,
  );
}
