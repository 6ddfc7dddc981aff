/** The largest grid the figures ask for. */
export const MAX_SAMPLES = 4096;

/**
 * `samples` evenly spaced inputs from min to max, both included.
 * @returns [samples] float32
 */
export function makeGrid(min: number, max: number, samples: number): Float32Array {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new RangeError(`a grid needs finite min < max, got [${min}, ${max}]`);
  }
  if (!Number.isInteger(samples) || samples < 2 || samples > MAX_SAMPLES) {
    throw new RangeError(`grid samples must be an integer in 2..${MAX_SAMPLES}, got ${samples}`);
  }
  const grid = new Float32Array(samples);
  const step = (max - min) / (samples - 1);
  for (let i = 0; i < samples; i++) grid[i] = min + i * step;
  grid[samples - 1] = max;
  return grid;
}
