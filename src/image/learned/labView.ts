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
import { blocksToImage, blockValueCount, imageToBlocks, type BlockGrid } from './blocks';
import { decode, encode, quantize, type BlockModel } from './model';
import { evaluate } from './train';

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

/** The learned codec on the lab's image at temperature T (the soft view's); MS-SSIM is left to the caller. */
export function learnedLabResult(model: BlockModel, image: LabImage, temperature: number): LabResult {
  const { width, height, rgba } = image;
  const rgbaImage = { data: rgba, width, height };
  const hard = evaluate(model, rgbaImage);
  const { blocks, grid } = imageToBlocks(rgbaImage, model.config.blockSize);
  const d = blockValueCount(model.config.blockSize);
  const n = blocks.length / d;
  const { channels } = model.config;
  const levels = model.config.centers.length;
  const [softBlocks, indices, assignments] = tf.tidy(() => {
    const latents = encode(model, tf.tensor2d(blocks, [n, d]));
    const q = quantize(model, latents, 'soft', 1 / temperature);
    return [decode(model, q.values), tf.argMax(q.nearest, 1), q.assignments];
  });
  const softValues = softBlocks.dataSync();
  const indexValues = Float32Array.from(indices.dataSync());
  const bits = assignmentEntropyBits(assignments.dataSync() as Float32Array, levels);
  tf.dispose([softBlocks, indices, assignments]);
  const blockBits = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += bits[b * channels + c] as number;
    blockBits[b] = sum / channels;
  }
  const streams = Uint16Array.from({ length: n * channels }, (_, i) => i % channels);
  const soft = blocksToImage(softValues, grid);
  return {
    transform: 'learned',
    width,
    height,
    soft,
    hard: hard.decoded,
    error: errorTimesFour(rgba, hard.decoded),
    symbols: symbolImage(blocksToPlanes(indexValues, channels, grid), levels, width, height),
    entropyMap: entropyImage(blocksToPlanes(blockBits, 1, grid), levels, width, height),
    histograms: histogramsByStream(indexValues, streams, channels, levels),
    bpp: hard.bpp,
    psnr: hard.psnr,
    psnrSoft: psnr(rgba, soft),
    msssim: null,
    msssimSoft: null,
  };
}
