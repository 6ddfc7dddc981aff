/**
 * The CDF 9/7 wavelet (the JPEG 2000 irreversible filter) by lifting, in plain float64 JS, on
 * one plane [H, W] row-major, any size. The forward transform is the encoder's; the inverse is
 * the decoder's and uses only float64 additions and multiplications by the literal constants
 * below, so every machine reconstructs the same numbers bit for bit.
 *
 * Layout (Mallat): after a level on a region of w x h, the region holds [LL HL; LH HH], the low
 * half ceil(w / 2) (or ceil(h / 2)) first; the next level works on LL. Edges are extended
 * symmetrically about the first and last sample (whole-sample symmetry), so odd lengths work.
 */

// Lifting steps (Daubechies & Sweldens 1998, the JPEG 2000 9/7).
const ALPHA = -1.586134342059924;
const BETA = -0.052980118572961;
const GAMMA = 0.882911075530934;
const DELTA = 0.443506852043971;
// Scales that make the transform nearly orthonormal: sqrt(2) / K on the low band, K / sqrt(2) on
// the high band (K = 1.230174104914001), and their exchange in the inverse, written as literals
// so that no division or square root is evaluated on the decoder's side.
const LOW_SCALE = 1.1496043988602411;
const HIGH_SCALE = 0.8698644516247813;

/** One level's region: its size and the size of its low halves. */
export interface LevelRegion {
  width: number;
  height: number;
  lowWidth: number;
  lowHeight: number;
}

/** The regions of each level, finest first: level 0 is the whole plane. */
export function levelRegions(width: number, height: number, levels: number): LevelRegion[] {
  const regions: LevelRegion[] = [];
  let w = width;
  let h = height;
  for (let level = 0; level < levels; level++) {
    regions.push({ width: w, height: h, lowWidth: (w + 1) >> 1, lowHeight: (h + 1) >> 1 });
    w = (w + 1) >> 1;
    h = (h + 1) >> 1;
  }
  return regions;
}

/** How many levels a plane of this size gets: up to `wanted`, while both sides stay >= 8 after. */
export function levelCount(width: number, height: number, wanted: number): number {
  let levels = 0;
  let w = width;
  let h = height;
  while (levels < wanted && (w + 1) >> 1 >= 8 && (h + 1) >> 1 >= 8) {
    w = (w + 1) >> 1;
    h = (h + 1) >> 1;
    levels += 1;
  }
  return levels;
}

/**
 * Forward lifting on a line of n samples held in `line` (interleaved), result written to `out`
 * as [lows (ceil(n / 2)), highs (floor(n / 2))].
 */
function forwardLine(line: Float64Array, n: number, out: Float64Array): void {
  if (n < 2) {
    out[0] = line[0] as number;
    return;
  }
  const lows = (n + 1) >> 1;
  const highs = n >> 1;
  const s = out;
  const d = scratchHigh(highs);
  for (let i = 0; i < lows; i++) s[i] = line[2 * i] as number;
  for (let i = 0; i < highs; i++) d[i] = line[2 * i + 1] as number;
  liftHigh(s, d, lows, highs, ALPHA);
  liftLow(s, d, lows, highs, BETA);
  liftHigh(s, d, lows, highs, GAMMA);
  liftLow(s, d, lows, highs, DELTA);
  for (let i = 0; i < lows; i++) s[i] = (s[i] as number) * LOW_SCALE;
  for (let i = 0; i < highs; i++) out[lows + i] = (d[i] as number) * HIGH_SCALE;
}

/** The inverse of forwardLine: `coefficients` [lows, highs] -> interleaved samples in `out`. */
function inverseLine(coefficients: Float64Array, n: number, out: Float64Array): void {
  if (n < 2) {
    out[0] = coefficients[0] as number;
    return;
  }
  const lows = (n + 1) >> 1;
  const highs = n >> 1;
  const s = scratchLow(lows);
  const d = scratchHigh(highs);
  for (let i = 0; i < lows; i++) s[i] = (coefficients[i] as number) * HIGH_SCALE;
  for (let i = 0; i < highs; i++) d[i] = (coefficients[lows + i] as number) * LOW_SCALE;
  liftLow(s, d, lows, highs, -DELTA);
  liftHigh(s, d, lows, highs, -GAMMA);
  liftLow(s, d, lows, highs, -BETA);
  liftHigh(s, d, lows, highs, -ALPHA);
  for (let i = 0; i < lows; i++) out[2 * i] = s[i] as number;
  for (let i = 0; i < highs; i++) out[2 * i + 1] = d[i] as number;
}

/** d_i += c (s_i + s_{i+1}); past the end, s_{i+1} mirrors to s_i (x[n] = x[n - 2]). */
function liftHigh(s: Float64Array, d: Float64Array, lows: number, highs: number, c: number): void {
  for (let i = 0; i < highs; i++) {
    const right = i + 1 < lows ? (s[i + 1] as number) : (s[i] as number);
    d[i] = (d[i] as number) + c * ((s[i] as number) + right);
  }
}

/** s_i += c (d_{i-1} + d_i); d_{-1} mirrors to d_0, and past the end d_i mirrors to d_{i-1}. */
function liftLow(s: Float64Array, d: Float64Array, lows: number, highs: number, c: number): void {
  for (let i = 0; i < lows; i++) {
    const left = i > 0 ? (d[i - 1] as number) : (d[0] as number);
    const right = i < highs ? (d[i] as number) : (d[i - 1] as number);
    s[i] = (s[i] as number) + c * (left + right);
  }
}

let highBuffer = new Float64Array(0);
let lowBuffer = new Float64Array(0);
// Scratch lines reused across calls (single-threaded code; never held across calls).
function scratchHigh(n: number): Float64Array {
  if (highBuffer.length < n) highBuffer = new Float64Array(n);
  return highBuffer;
}
function scratchLow(n: number): Float64Array {
  if (lowBuffer.length < n) lowBuffer = new Float64Array(n);
  return lowBuffer;
}

/** One level on the top-left w x h region of a plane whose rows are `stride` long, in place. */
function forwardLevel(plane: Float64Array, stride: number, w: number, h: number): void {
  const line = new Float64Array(Math.max(w, h));
  const out = new Float64Array(Math.max(w, h));
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) line[x] = plane[row + x] as number;
    forwardLine(line, w, out);
    for (let x = 0; x < w; x++) plane[row + x] = out[x] as number;
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) line[y] = plane[y * stride + x] as number;
    forwardLine(line, h, out);
    for (let y = 0; y < h; y++) plane[y * stride + x] = out[y] as number;
  }
}

function inverseLevel(plane: Float64Array, stride: number, w: number, h: number): void {
  const line = new Float64Array(Math.max(w, h));
  const out = new Float64Array(Math.max(w, h));
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) line[y] = plane[y * stride + x] as number;
    inverseLine(line, h, out);
    for (let y = 0; y < h; y++) plane[y * stride + x] = out[y] as number;
  }
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) line[x] = plane[row + x] as number;
    inverseLine(line, w, out);
    for (let x = 0; x < w; x++) plane[row + x] = out[x] as number;
  }
}

/** The forward transform of a plane [H, W], `levels` levels, in place (Mallat layout). */
export function forwardWavelet(plane: Float64Array, width: number, height: number, levels: number): Float64Array {
  if (plane.length !== width * height) {
    throw new RangeError(`a ${width} x ${height} plane needs ${width * height} values, got ${plane.length}`);
  }
  for (const region of levelRegions(width, height, levels)) forwardLevel(plane, width, region.width, region.height);
  return plane;
}

/** The inverse of forwardWavelet, in place: float64 additions and multiplications only. */
export function inverseWavelet(plane: Float64Array, width: number, height: number, levels: number): Float64Array {
  if (plane.length !== width * height) {
    throw new RangeError(`a ${width} x ${height} plane needs ${width * height} values, got ${plane.length}`);
  }
  const regions = levelRegions(width, height, levels);
  for (let level = levels - 1; level >= 0; level--) {
    const region = regions[level] as LevelRegion;
    inverseLevel(plane, width, region.width, region.height);
  }
  return plane;
}
