/**
 * Meeting a target rate: every step of a quantizer scaled by one factor, found by bisection on
 * the counted size (ideal adaptive code length plus the payload's header and the container's 14
 * bytes). Also the untrained baseline: steps equal in weighted distortion (step / sqrt(weight),
 * distortionWeights.ts), centers on the uniform grid.
 */

import { CONTAINER_BYTES } from './file';
import { countBits, headerBytes, quantize, type Analysis, type CodecParams } from './codec';
import { identityFilter } from './postFilter';
import { encodeSteps, stepValues } from './quantizer';
import { distortionWeights } from './distortionWeights';

/** The steps a quantizer gets from one global step: equal weighted distortion in every band. */
export function uniformParams(analysis: Analysis, globalStep: number): CodecParams {
  const weights = distortionWeights(analysis);
  const bands = analysis.bands.length;
  const values = weights.map((weight) => globalStep / Math.sqrt(weight));
  return {
    levels: analysis.levels,
    bandCount: bands,
    ...encodeSteps(values),
    offsets: new Int8Array(3 * analysis.levels * 3),
    colour: analysis.colour,
    filter: identityFilter(),
  };
}

/** The same quantizer with every step multiplied by `factor` (offsets kept). */
export function scaleSteps(params: CodecParams, factor: number): CodecParams {
  return { ...params, ...encodeSteps(stepValues(params).map((step) => step * factor)) };
}

/** Counted file size in bits per pixel for these params (no file written). */
export function countedBpp(analysis: Analysis, params: CodecParams): number {
  const indices = quantize(analysis, params);
  const { bits } = countBits(indices, analysis.width, analysis.levels, analysis.bands);
  const bytes =
    Math.ceil(bits / 8) +
    headerBytes(analysis.levels, analysis.bands.length, params.filter.length > 0) +
    CONTAINER_BYTES;
  return (8 * bytes) / (analysis.width * analysis.height);
}

/** The largest factor (and the smallest, its inverse) the rate fit tries on the steps. */
const MAX_FACTOR = 256;

/** Runs a computation given in parts (a generator that yields between them) to its end. */
export function runParts<T>(parts: Generator<void, T>): T {
  for (;;) {
    const next = parts.next();
    if (next.done) return next.value;
  }
}

/**
 * The factor on `params`' steps whose counted rate is closest to `targetBpp` from below: the rate
 * falls smoothly as the steps grow, so regula falsi (the Illinois variant) on log(bpp) against
 * log(factor) brackets and finds it in a handful of countings; the bracket [1/256, 256] is kept
 * (the weighted distortion's steps start far from the ends of the 0.05-2 bpp range on some images).
 */
export function fitStepScale(analysis: Analysis, params: CodecParams, targetBpp: number, iterations = 10): number {
  return runParts(fitStepScaleInParts(analysis, params, targetBpp, iterations));
}

/**
 * fitStepScale in parts: it yields after each counting of the whole image (the page may draw and
 * answer a key between them).
 */
export function* fitStepScaleInParts(
  analysis: Analysis,
  params: CodecParams,
  targetBpp: number,
  iterations = 10,
): Generator<void, number> {
  const logTarget = Math.log(targetBpp);
  const excess = (logFactor: number) =>
    Math.log(countedBpp(analysis, scaleSteps(params, Math.exp(logFactor)))) - logTarget;
  // excess > 0: too many bits, the factor must grow
  let low = 0;
  let lowExcess = excess(low);
  yield;
  let high = lowExcess > 0 ? 0.7 : -0.7;
  let highExcess = excess(high);
  // widen until the target lies between (at most to the bracket's ends)
  while (Math.sign(lowExcess) === Math.sign(highExcess) && Math.abs(high) < Math.log(MAX_FACTOR)) {
    yield;
    low = high;
    lowExcess = highExcess;
    high = Math.max(-Math.log(MAX_FACTOR), Math.min(Math.log(MAX_FACTOR), 2 * high));
    highExcess = excess(high);
  }
  if (Math.sign(lowExcess) === Math.sign(highExcess)) return Math.exp(highExcess > 0 ? high : low);
  // keep `above` (rate above the target) and `below` (at or under it)
  let above = lowExcess > 0 ? low : high;
  let aboveExcess = lowExcess > 0 ? lowExcess : highExcess;
  let below = lowExcess > 0 ? high : low;
  let belowExcess = lowExcess > 0 ? highExcess : lowExcess;
  let side = 0;
  for (let i = 0; i < iterations && Math.abs(belowExcess) > 0.002; i++) {
    yield;
    const next = (above * belowExcess - below * aboveExcess) / (belowExcess - aboveExcess);
    const nextExcess = excess(next);
    if (nextExcess > 0) {
      above = next;
      aboveExcess = nextExcess;
      if (side === 1) belowExcess /= 2;
      side = 1;
    } else {
      below = next;
      belowExcess = nextExcess;
      if (side === -1) aboveExcess /= 2;
      side = -1;
    }
  }
  return Math.exp(below);
}
