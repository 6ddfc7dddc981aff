/**
 * The learned codec's result in the lab's shape (labCompute.ts's LabResult), so the lab's views,
 * numbers, rate-distortion point and export read it as they read the pixels and DCT results.
 *
 *   hard     the lab file's image: the hard symbols and the decoder's quantized weights coded
 *            (coding/learnedPayload.ts), then decoded in plain float64 (plainDecoder.ts), exactly
 *            what a reader of the file gets
 *   soft     the same with the soft quantizer at T (what the STE's backward pass sees)
 *   symbols  each block's hard indices of latent channels 0, 1, 2 as R, G, B grey levels
 *   entropy  each block's soft-assignment entropy, mean over its C channels
 *   histograms  one stream per latent channel: [C, L] counts of the hard symbols
 */
import { decodeLabFile, type DecodeResult } from '../coding/container';
import { encodeLabFileRequest, type LabFileRequest } from '../coding/labFileRequest';
import { bitsPerPixel, histogramsByStream } from '../entropy';
import type { LabImage, LabResult } from '../labCompute';
import { psnr } from '../metrics';
import { entropyImage, errorTimesFour, symbolImage } from '../paintMaps';
import type { BlockGrid } from './blocks';

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
  readout: LatentReadout,
  file: Uint8Array,
  decoded: DecodeResult,
): LabResult {
  const { width, height, rgba } = image;
  const { soft, indices, bits } = readout;
  // the file was written a moment ago: a failure here is a bug in the coder, not bad input
  if (!decoded.ok) throw new Error(`the learned codec's own file does not decode: ${decoded.detail}`);
  const rows = indices.length / channels;
  const rowBits = new Float32Array(rows);
  for (let b = 0; b < rows; b++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += bits[b * channels + c] as number;
    rowBits[b] = sum / channels;
  }
  const streams = Uint16Array.from({ length: rows * channels }, (_, i) => i % channels);
  const histograms = histogramsByStream(indices, streams, channels, levels);
  return {
    transform: 'learned',
    width,
    height,
    soft,
    hard: decoded.rgba,
    error: errorTimesFour(rgba, decoded.rgba),
    symbols: symbolImage(blocksToPlanes(indices, channels, grid), levels, width, height),
    entropyMap: entropyImage(blocksToPlanes(rowBits, 1, grid), levels, width, height),
    histograms,
    // the entropy estimate (rows x sum of the channels' entropies / pixels), as evaluate() counts it
    bpp: bitsPerPixel(histograms, width * height),
    file,
    psnr: psnr(rgba, decoded.rgba),
    psnrSoft: psnr(rgba, soft),
    msssim: null,
    msssimSoft: null,
  };
}

/**
 * A learned press up to its file: the tfjs passes' readout, and the request the lab file is made
 * from (the decoder's weights are copied out of the model, so training may go on meanwhile).
 * learnedPressResult finishes it once the file is made and decoded, here or in the lab's worker.
 */
export interface LearnedPress {
  image: LabImage;
  channels: number;
  levels: number;
  grid: BlockGrid;
  readout: LatentReadout;
  fileRequest: Extract<LabFileRequest, { transform: 'learned' }>;
}

/** The lab's result of a press from its file and that file decoded (the hard view is the decoded image). */
export function learnedPressResult(press: LearnedPress, file: Uint8Array, decoded: DecodeResult): LabResult {
  const { image, channels, levels, grid, readout } = press;
  return assembleResult(image, channels, levels, grid, readout, file, decoded);
}

/** A press finished on this thread: its file made and decoded here, at once. */
export function finishPress(press: LearnedPress): LabResult {
  const file = encodeLabFileRequest(press.fileRequest);
  return learnedPressResult(press, file, decodeLabFile(file));
}
