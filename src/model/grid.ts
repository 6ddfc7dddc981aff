/** The largest grid a link may ask for. */
export const MAX_SAMPLES = 1_048_576;

/** The most grid elements (samples x centers) one update computes; larger grids are capped. */
export const GRID_ELEMENT_BUDGET = 524_288;
/** The most columns the heatmap paints (a canvas is at most 32,767 pixels wide). */
export const MAX_GRID_COLUMNS = 16_384;

/**
 * How many grid samples to compute for a request: all of them, or fewer when the work or the
 * canvas would be too large.
 */
export function cappedSamples(requested: number, centerCount: number): number {
  return Math.max(2, Math.min(requested, MAX_GRID_COLUMNS, Math.floor(GRID_ELEMENT_BUDGET / centerCount)));
}

/** The spacing between neighbouring float32 values near x. */
export function float32Spacing(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}

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
