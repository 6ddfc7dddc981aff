/**
 * Meeting a target rate: every step of a quantizer scaled by one factor, found by bisection on
 * the counted size (ideal adaptive code length plus the payload's header and the container's 14
 * bytes). Also the untrained baseline: steps equal in distortion (step / sqrt(synthesis gain)),
 * centers on the uniform grid.
 */

import { CONTAINER_BYTES } from './file';
import { countBits, headerBytes, quantize, type Analysis, type CodecParams } from './codec';
import { FIXED_SCALE } from './quantizer';
import { synthesisGains } from './subbands';

/** The steps a quantizer gets from one global step: equal weighted distortion in every band. */
export function uniformParams(analysis: Analysis, globalStep: number): CodecParams {
  const gains = synthesisGains(analysis.levels);
  const steps = new Uint16Array(3 * analysis.bands.length);
  for (let c = 0; c < 3; c++) {
    analysis.bands.forEach((_band, b) => {
      steps[c * analysis.bands.length + b] = clampStep(
        Math.round((FIXED_SCALE * globalStep) / Math.sqrt(gains[b] as number)),
      );
    });
  }
  return {
    levels: analysis.levels,
    bandCount: analysis.bands.length,
    steps,
    offsets: new Int8Array(3 * analysis.levels * 3),
    colour: analysis.colour,
  };
}

const clampStep = (step: number): number => (step < 1 ? 1 : step > 65535 ? 65535 : step);

/** The same quantizer with every step multiplied by `factor` (offsets kept). */
export function scaleSteps(params: CodecParams, factor: number): CodecParams {
  return { ...params, steps: params.steps.map((step) => clampStep(Math.round(step * factor))) };
}

/** Counted file size in bits per pixel for these params (no file written). */
export function countedBpp(analysis: Analysis, params: CodecParams): number {
  const indices = quantize(analysis, params);
  const { bits } = countBits(indices, analysis.width, analysis.levels, analysis.bands);
  const bytes = Math.ceil(bits / 8) + headerBytes(analysis.levels, analysis.bands.length) + CONTAINER_BYTES;
  return (8 * bytes) / (analysis.width * analysis.height);
}

/**
 * The factor on `params`' steps whose counted rate is closest to `targetBpp` from below within
 * `iterations` bisections on log(factor) in [1/64, 64].
 */
export function fitStepScale(analysis: Analysis, params: CodecParams, targetBpp: number, iterations = 14): number {
  let low = Math.log(1 / 64); // small steps: high rate
  let high = Math.log(64);
  for (let i = 0; i < iterations; i++) {
    const middle = (low + high) / 2;
    if (countedBpp(analysis, scaleSteps(params, Math.exp(middle))) > targetBpp) low = middle;
    else high = middle;
  }
  return Math.exp(high);
}
