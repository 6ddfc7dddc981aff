/**
 * The plain-JS side of training: which coefficients a step sees and the constants each needs.
 * A step sees a fixed random sample of detail coefficients (stratified by subband, each weighted
 * by how many it stands for), each with a window of 4 candidate centers around its current hard
 * index and its context class under the current hard quantization. Both are refreshed every few
 * steps as the quantizer moves.
 */

import { seededRandom } from '../../model/random';
import type { Analysis, CodecParams } from './codec';
import { quantize } from './codec';
import { CONTEXT_CLASSES, contextGroup, detailContext } from './coefficients';
import { CENTER_OFFSETS } from './quantizer';
import { distortionWeights } from './distortionWeights';
import type { Subband } from './subbands';

/** Candidate centers per sample: indices base .. base + 3. */
export const WINDOW = 4;
/** The entropy model's symbol classes: magnitude 0, 1, 2, 3 or more. */
export const RATE_CLASSES = 4;

/** Which coefficients are sampled (fixed for a training run). */
export interface Sample {
  count: number;
  channel: Int32Array;
  band: Int32Array;
  /** position in the plane (Mallat layout) */
  position: Int32Array;
  /** x, y within the band (for the context) */
  x: Int32Array;
  y: Int32Array;
  /** coefficients this sample stands for */
  weight: Float64Array;
}

/** A stratified sample of about `size` detail coefficients over every channel and detail band. */
export function drawSample(analysis: Analysis, size: number, seed: number): Sample {
  const random = seededRandom(seed);
  const details = analysis.bands.filter((band) => band.orientation !== 'LL');
  const total = 3 * details.reduce((sum, band) => sum + band.width * band.height, 0);
  const rows: [number, number, number, number, number, number][] = [];
  for (let channel = 0; channel < 3; channel++) {
    for (const band of details) {
      const area = band.width * band.height;
      const take = Math.min(area, Math.max(64, Math.round((size * area) / total)));
      for (let i = 0; i < take; i++) {
        // every coefficient once when the band is sampled whole, else uniform draws
        const at = take === area ? i : Math.floor(random() * area);
        const x = at % band.width;
        const y = (at - x) / band.width;
        rows.push([channel, band.index, (band.y0 + y) * analysis.width + band.x0 + x, x, y, area / take]);
      }
    }
  }
  const column = (k: number) => Int32Array.from(rows, (row) => row[k] as number);
  return {
    count: rows.length,
    channel: column(0),
    band: column(1),
    position: column(2),
    x: column(3),
    y: column(4),
    weight: Float64Array.from(rows, (row) => row[5]),
  };
}

/** Plain arrays for one stretch of steps (turned into tensors by train.ts). */
export interface BatchArrays {
  /** [N] |coefficient| */
  magnitude: Float32Array;
  /** [N] weight x distortion weight / (3 pixels): the sample's share of the weighted squared error (distortionWeights.ts) */
  distortionWeight: Float32Array;
  /** [N] weight / pixels: the sample's share of bits per pixel */
  rateWeight: Float32Array;
  /** [N] which step (channel x band) */
  stepIndex: Int32Array;
  /** [N] which offsets (channel x level) */
  offsetIndex: Int32Array;
  /** [N] which entropy-model context (group x class) */
  contextIndex: Int32Array;
  /** [N, WINDOW] candidate magnitudes */
  candidates: Float32Array;
  /** [N, WINDOW, CENTER_OFFSETS] one-hot: which offset a candidate's center carries (none for 0) */
  offsetOfCandidate: Float32Array;
  /** [N, WINDOW, RATE_CLASSES] one-hot: a candidate's symbol class */
  classOfCandidate: Float32Array;
  /** [N, WINDOW] bits outside the model: sign (1 for nonzero) and the Exp-Golomb rest beyond 3 */
  extraBits: Float32Array;
  /** [contexts, RATE_CLASSES] how often each class occurs per context under the hard quantization */
  classCounts: Float64Array;
  /** sign and Exp-Golomb bits of the hard symbols, per pixel */
  hardExtraBpp: number;
}

/**
 * The rate the training's entropy model gives the hard symbols when fitted to them: the
 * conditional entropy of the classes given the contexts, plus the sign and Exp-Golomb bits, per
 * pixel. (A closed form: the logits' optimum is the log of the class frequencies.)
 */
export function fittedModelBpp(arrays: BatchArrays, pixels: number): number {
  let bits = 0;
  const contexts = arrays.classCounts.length / RATE_CLASSES;
  for (let c = 0; c < contexts; c++) {
    let total = 0;
    for (let k = 0; k < RATE_CLASSES; k++) total += arrays.classCounts[c * RATE_CLASSES + k] as number;
    for (let k = 0; k < RATE_CLASSES; k++) {
      const count = arrays.classCounts[c * RATE_CLASSES + k] as number;
      if (count > 0) bits -= count * Math.log2(count / total);
    }
  }
  return bits / pixels + arrays.hardExtraBpp;
}

/** Exp-Golomb length of v >= 0: 2 floor(log2(v + 1)) + 1. */
function expGolombBits(v: number): number {
  let length = 0;
  while ((v + 1) >> (length + 1) > 0) length++;
  return 2 * length + 1;
}

/** The batch constants under `params` (their hard quantization gives windows and contexts). */
export function batchArrays(analysis: Analysis, params: CodecParams, sample: Sample): BatchArrays {
  const { width, height, levels, bands } = analysis;
  const pixels = width * height;
  const weights = distortionWeights(analysis);
  const indices = quantize(analysis, params);
  const n = sample.count;
  const contexts = 3 * levels * 2 * CONTEXT_CLASSES;
  const out: BatchArrays = {
    magnitude: new Float32Array(n),
    distortionWeight: new Float32Array(n),
    rateWeight: new Float32Array(n),
    stepIndex: new Int32Array(n),
    offsetIndex: new Int32Array(n),
    contextIndex: new Int32Array(n),
    candidates: new Float32Array(n * WINDOW),
    offsetOfCandidate: new Float32Array(n * WINDOW * CENTER_OFFSETS),
    classOfCandidate: new Float32Array(n * WINDOW * RATE_CLASSES),
    extraBits: new Float32Array(n * WINDOW),
    classCounts: new Float64Array(contexts * RATE_CLASSES),
    hardExtraBpp: 0,
  };
  for (let i = 0; i < n; i++) {
    const channel = sample.channel[i] as number;
    const band = bands[sample.band[i] as number] as Subband;
    const parent = band.parent >= 0 ? (bands[band.parent] as Subband) : null;
    const position = sample.position[i] as number;
    const plane = indices[channel] as Int32Array;
    const guide = channel === 0 ? null : (indices[0] as Int32Array);
    const value = (analysis.coefficients[channel] as Float64Array)[position] as number;
    out.magnitude[i] = Math.abs(value);
    out.distortionWeight[i] =
      ((sample.weight[i] as number) * (weights[channel * bands.length + band.index] as number)) / (3 * pixels);
    out.rateWeight[i] = (sample.weight[i] as number) / pixels;
    out.stepIndex[i] = channel * bands.length + band.index;
    out.offsetIndex[i] = channel * levels + band.level - 1;
    const context =
      contextGroup(levels, channel, band) * CONTEXT_CLASSES +
      detailContext(plane, guide, width, band, parent, sample.x[i] as number, sample.y[i] as number);
    out.contextIndex[i] = context;
    const hard = Math.abs(plane[position] as number);
    const countAt = context * RATE_CLASSES + Math.min(hard, 3);
    out.classCounts[countAt] = (out.classCounts[countAt] as number) + (sample.weight[i] as number);
    if (hard > 0)
      out.hardExtraBpp += ((sample.weight[i] as number) * (1 + (hard >= 3 ? expGolombBits(hard - 3) : 0))) / pixels;
    const base = Math.max(0, hard - 1);
    for (let j = 0; j < WINDOW; j++) {
      const k = base + j;
      out.candidates[i * WINDOW + j] = k;
      if (k > 0) out.offsetOfCandidate[(i * WINDOW + j) * CENTER_OFFSETS + Math.min(k, 3) - 1] = 1;
      out.classOfCandidate[(i * WINDOW + j) * RATE_CLASSES + Math.min(k, 3)] = 1;
      out.extraBits[i * WINDOW + j] = k === 0 ? 0 : 1 + (k >= 3 ? expGolombBits(k - 3) : 0);
    }
  }
  return out;
}
