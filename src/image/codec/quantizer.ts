/**
 * The codec's quantizer, one per subband and channel: a step and, for detail subbands, the
 * reconstruction centers in units of the step, c_0 = 0 and c_k = k + a_min(k,3) for k >= 1
 * (mirrored for negative k), with a_1, a_2, a_3 learned per channel and level. The encoder
 * assigns each coefficient to its nearest center (the soft-to-hard quantizer's hard side, ties to
 * the smaller magnitude); the decoder multiplies and adds. Steps and offsets are fixed-point
 * integers as the file stores them (steps in units of 2^shift / 256 with one shift per file,
 * offsets in 1/256), so both sides hold the same float64 values exactly.
 */

import type { Subband } from './subbands';

/** Fixed-point scale of steps and offsets in the file. */
export const FIXED_SCALE = 256;
const INVERSE_FIXED = 1 / FIXED_SCALE; // exact (a power of two)
/** Offsets a_k live in [-0.5, 0.5) so the centers stay ordered. */
export const OFFSET_LIMIT = 127;
export const CENTER_OFFSETS = 3;

export interface QuantizerParams {
  levels: number;
  bandCount: number;
  /** [3 * bandCount] steps in units of 2^stepShift / 256, 1..65535 (channel-major) */
  steps: Uint16Array;
  /** 0..MAX_STEP_SHIFT: the steps' unit is 2^stepShift / 256 */
  stepShift: number;
  /** [3 * levels * 3] a_1, a_2, a_3 per channel and detail level (level 1 first), in 1/256 */
  offsets: Int8Array;
}

/** The largest step shift: steps up to 65535 x 2^8 / 256 = 65535. */
export const MAX_STEP_SHIFT = 8;
/** 2^shift / 256 for each shift, by doubling (exact). */
const STEP_UNITS = Float64Array.from({ length: MAX_STEP_SHIFT + 1 }, () => INVERSE_FIXED);
for (let shift = 1; shift <= MAX_STEP_SHIFT; shift++) STEP_UNITS[shift] = (STEP_UNITS[shift - 1] as number) * 2;

export function stepUnit(shift: number): number {
  const unit = STEP_UNITS[shift];
  if (unit === undefined) throw new RangeError(`a step shift lies in 0..${MAX_STEP_SHIFT}, got ${shift}`);
  return unit;
}

export function stepOf(q: QuantizerParams, channel: number, band: number): number {
  return (q.steps[channel * q.bandCount + band] as number) * stepUnit(q.stepShift);
}

/** Every step as a number, [3 * bandCount]. */
export function stepValues(q: Pick<QuantizerParams, 'steps' | 'stepShift'>): Float64Array {
  const unit = stepUnit(q.stepShift);
  return Float64Array.from(q.steps, (code) => code * unit);
}

/** Steps (numbers > 0) as the file stores them: the smallest shift that fits the largest, codes rounded. */
export function encodeSteps(values: ArrayLike<number>): { steps: Uint16Array; stepShift: number } {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, values[i] as number);
  let stepShift = 0;
  while (stepShift < MAX_STEP_SHIFT && largest / stepUnit(stepShift) > 65535) stepShift++;
  const unit = stepUnit(stepShift);
  const steps = Uint16Array.from({ length: values.length }, (_, i) =>
    Math.min(65535, Math.max(1, Math.round((values[i] as number) / unit))),
  );
  return { steps, stepShift };
}

/** Start of the 3 offsets of (channel, level), level >= 1. */
export function offsetIndex(q: QuantizerParams, channel: number, level: number): number {
  return (channel * q.levels + level - 1) * CENTER_OFFSETS;
}

/** The center of index k >= 0 in a detail band, in coefficient units: step (k + a_min(k,3)). */
function detailCenter(step: number, offsets: Int8Array, at: number, k: number): number {
  if (k === 0) return 0;
  const a = (offsets[at + (k < 3 ? k - 1 : 2)] as number) * INVERSE_FIXED;
  return step * (k + a);
}

/** Reconstruction of index q in a band: the decoder's whole dequantizer. */
export function dequantizeValue(q: QuantizerParams, channel: number, band: Subband, index: number): number {
  const step = stepOf(q, channel, band.index);
  if (band.orientation === 'LL') return step * index;
  const center = detailCenter(step, q.offsets, offsetIndex(q, channel, band.level), index < 0 ? -index : index);
  return index < 0 ? -center : center;
}

/** The largest index magnitude the coder takes (2^24, far above any 8-bit image's). */
const MAX_INDEX = 1 << 24;

/** Index of the nearest center to x (ties to the smaller magnitude): the encoder's hard assignment. */
export function quantizeValue(q: QuantizerParams, channel: number, band: Subband, x: number): number {
  const step = stepOf(q, channel, band.index);
  const magnitude = x < 0 ? -x : x;
  let guess = Math.floor(magnitude / step + 0.5);
  if (guess > MAX_INDEX) guess = MAX_INDEX;
  let best = 0;
  let bestDistance = Infinity;
  const at = band.orientation === 'LL' ? -1 : offsetIndex(q, channel, band.level);
  for (let k = Math.max(0, guess - 2); k <= Math.min(MAX_INDEX, guess + 2); k++) {
    const center = at < 0 ? step * k : detailCenter(step, q.offsets, at, k);
    const distance = Math.abs(magnitude - center);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = k;
    }
  }
  return x < 0 ? -best : best;
}

/** Quantizes the three channels' wavelet planes (Mallat layout) band by band. */
export function quantizePlanes(
  q: QuantizerParams,
  coefficients: readonly Float64Array[],
  width: number,
  bands: readonly Subband[],
): Int32Array[] {
  return coefficients.map((plane, channel) => {
    const out = new Int32Array(plane.length);
    for (const band of bands) {
      for (let y = 0; y < band.height; y++) {
        const row = (band.y0 + y) * width + band.x0;
        for (let x = 0; x < band.width; x++) out[row + x] = quantizeValue(q, channel, band, plane[row + x] as number);
      }
    }
    return out;
  });
}

/** The decoder's dequantization of every band into float64 planes. */
export function dequantizePlanes(
  q: QuantizerParams,
  indices: readonly Int32Array[],
  width: number,
  bands: readonly Subband[],
): Float64Array[] {
  return indices.map((plane, channel) => {
    const out = new Float64Array(plane.length);
    for (const band of bands) {
      for (let y = 0; y < band.height; y++) {
        const row = (band.y0 + y) * width + band.x0;
        for (let x = 0; x < band.width; x++) out[row + x] = dequantizeValue(q, channel, band, plane[row + x] as number);
      }
    }
    return out;
  });
}
