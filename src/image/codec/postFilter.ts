/**
 * The codec's post-filter: per colour-transform channel a point-symmetric 5 x 5 filter (13 taps:
 * the center and one of each pair of opposite neighbours) applied to the decoded planes before
 * the inverse colour transform. The encoder fits it per image by least squares against the
 * original planes (the Wiener filter of the coding noise); the file holds its taps as int16 in
 * 1/4096; the decoder applies it with float64 additions and multiplications only, each sum in
 * one fixed order, so every decoder gets the same bits. Edges repeat the border pixel.
 */

/** The filter reaches this many pixels each way. */
export const FILTER_RADIUS = 2;
/** (dx, dy) of each tap: the center first, then one of each point-symmetric pair. */
const TAP_OFFSETS: readonly (readonly [number, number])[] = (() => {
  const offsets: [number, number][] = [];
  for (let dy = 0; dy <= FILTER_RADIUS; dy++) {
    for (let dx = -FILTER_RADIUS; dx <= FILTER_RADIUS; dx++) if (dy > 0 || dx >= 0) offsets.push([dx, dy]);
  }
  return offsets;
})();
/** Taps per channel (13 for radius 2). */
export const FILTER_TAPS = TAP_OFFSETS.length;
/** Fixed-point scale of the taps in the file. */
export const FILTER_SCALE = 4096;
const INVERSE_SCALE = 1 / FILTER_SCALE; // exact (a power of two)
/** The least-squares fit's ridge toward the identity, relative to the mean input energy. */
const RIDGE = 1e-4;

/** Bytes the taps take in the file (a flag byte says whether they are there). */
export const FILTER_BYTES = 3 * FILTER_TAPS * 2;
/** The share of the target's bytes the taps may take; on smaller images the file goes without. */
const FILTER_SHARE = 0.05;

/**
 * Whether the post-filter's taps are worth their bytes at this size and target: at most 5% of
 * the file (about what its 0.3 dB would save in rate). 512 x 345 at 0.15 bpp: 2.4%, yes;
 * 128 x 128 at 0.1 bpp: 38%, no (the target could not be met).
 */
export function postFilterPays(pixels: number, targetBpp: number): boolean {
  return 8 * FILTER_BYTES <= FILTER_SHARE * targetBpp * pixels;
}

/** No post-filter (the file holds no taps). */
export const NO_FILTER = new Int16Array(0);

/** The filter that changes nothing, [3 * FILTER_TAPS]: center 1, every other tap 0. */
export function identityFilter(): Int16Array {
  const taps = new Int16Array(3 * FILTER_TAPS);
  for (let c = 0; c < 3; c++) taps[c * FILTER_TAPS] = FILTER_SCALE;
  return taps;
}

/** Whether channel c's taps are the identity's (then the plane is passed on untouched). */
function isIdentity(taps: Int16Array, c: number): boolean {
  for (let k = 0; k < FILTER_TAPS; k++) {
    if ((taps[c * FILTER_TAPS + k] as number) !== (k === 0 ? FILTER_SCALE : 0)) return false;
  }
  return true;
}

/**
 * The 13 inputs of pixel (x, y): the pixel, then for each pair the sum of the two opposite
 * neighbours (edges clamped), into `out`. Inside the border the same values come from fixed
 * offsets (`steps`: dx + dy width per tap), without the clamping.
 */
function gather(
  plane: Float64Array,
  width: number,
  height: number,
  x: number,
  y: number,
  steps: Int32Array,
  out: Float64Array,
): void {
  const at = y * width + x;
  if (x >= FILTER_RADIUS && x < width - FILTER_RADIUS && y >= FILTER_RADIUS && y < height - FILTER_RADIUS) {
    out[0] = plane[at] as number;
    for (let k = 1; k < FILTER_TAPS; k++) {
      const step = steps[k] as number;
      out[k] = (plane[at + step] as number) + (plane[at - step] as number);
    }
    return;
  }
  const clamped = (xx: number, yy: number) =>
    plane[
      (yy < 0 ? 0 : yy >= height ? height - 1 : yy) * width + (xx < 0 ? 0 : xx >= width ? width - 1 : xx)
    ] as number;
  for (let k = 0; k < FILTER_TAPS; k++) {
    const [dx, dy] = TAP_OFFSETS[k] as readonly [number, number];
    out[k] = k === 0 ? clamped(x, y) : clamped(x + dx, y + dy) + clamped(x - dx, y - dy);
  }
}

/** dx + dy width of each tap, for gather's inner pixels. */
const tapSteps = (width: number) => Int32Array.from(TAP_OFFSETS, ([dx, dy]) => dx + dy * width);

/**
 * The decoder's post-filter: three planes [H, W] and taps [3 * FILTER_TAPS] (int16 in 1/4096)
 * -> three filtered planes (a channel with the identity's taps, or no taps, is returned as it is).
 */
export function applyPostFilter(
  planes: readonly Float64Array[],
  taps: Int16Array,
  width: number,
  height: number,
): Float64Array[] {
  const inputs = new Float64Array(FILTER_TAPS);
  const steps = tapSteps(width);
  const weights = Float64Array.from(taps, (t) => t * INVERSE_SCALE);
  return planes.map((plane, c) => {
    if (taps.length === 0 || isIdentity(taps, c)) return plane;
    const out = new Float64Array(plane.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        gather(plane, width, height, x, y, steps, inputs);
        let sum = 0;
        for (let k = 0; k < FILTER_TAPS; k++) sum += (weights[c * FILTER_TAPS + k] as number) * (inputs[k] as number);
        out[y * width + x] = sum;
      }
    }
    return out;
  });
}

/** Solves the symmetric system a x = b ([n, n] row-major) by elimination with partial pivoting; null if singular. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let pivot = i;
    for (let r = i + 1; r < n; r++)
      if (Math.abs(m[r * n + i] as number) > Math.abs(m[pivot * n + i] as number)) pivot = r;
    if (Math.abs(m[pivot * n + i] as number) < 1e-9 * Math.abs((m[0] as number) || 1)) return null;
    for (let k = 0; k < n; k++) {
      const t = m[i * n + k] as number;
      m[i * n + k] = m[pivot * n + k] as number;
      m[pivot * n + k] = t;
    }
    const t = x[i] as number;
    x[i] = x[pivot] as number;
    x[pivot] = t;
    for (let r = 0; r < n; r++) {
      if (r === i) continue;
      const f = (m[r * n + i] as number) / (m[i * n + i] as number);
      if (f === 0) continue;
      for (let k = i; k < n; k++) m[r * n + k] = (m[r * n + k] as number) - f * (m[i * n + k] as number);
      x[r] = (x[r] as number) - f * (x[i] as number);
    }
  }
  return x.map((v, i) => v / (m[i * n + i] as number));
}

/**
 * The encoder's fit: per channel the taps that minimise the squared error between the filtered
 * `decoded` planes and the `original` ones (normal equations with a small ridge), rounded to
 * 1/4096; the identity for a channel whose system is singular or whose rounded taps do not help.
 * It yields after each channel's fit (a page may draw between them).
 */
export function* fitPostFilterInParts(
  decoded: readonly Float64Array[],
  original: readonly Float64Array[],
  width: number,
  height: number,
): Generator<void, Int16Array> {
  const taps = identityFilter();
  const inputs = new Float64Array(FILTER_TAPS);
  const steps = tapSteps(width);
  for (let c = 0; c < decoded.length; c++) {
    if (c > 0) yield;
    const plane = decoded[c] as Float64Array;
    const target = original[c] as Float64Array;
    const gram = new Float64Array(FILTER_TAPS * FILTER_TAPS);
    const moment = new Float64Array(FILTER_TAPS);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        gather(plane, width, height, x, y, steps, inputs);
        const wanted = target[y * width + x] as number;
        for (let i = 0; i < FILTER_TAPS; i++) {
          const v = inputs[i] as number;
          moment[i] = (moment[i] as number) + v * wanted;
          for (let j = i; j < FILTER_TAPS; j++) {
            gram[i * FILTER_TAPS + j] = (gram[i * FILTER_TAPS + j] as number) + v * (inputs[j] as number);
          }
        }
      }
    }
    let trace = 0;
    for (let i = 0; i < FILTER_TAPS; i++) {
      for (let j = 0; j < i; j++) gram[i * FILTER_TAPS + j] = gram[j * FILTER_TAPS + i] as number;
      trace += gram[i * FILTER_TAPS + i] as number;
    }
    // a smooth plane (a colour channel at a low rate) makes the inputs nearly collinear: a small
    // ridge toward the identity keeps the taps small instead of large and cancelling
    const ridge = RIDGE * (trace / FILTER_TAPS);
    for (let i = 0; i < FILTER_TAPS; i++) gram[i * FILTER_TAPS + i] = (gram[i * FILTER_TAPS + i] as number) + ridge;
    moment[0] = (moment[0] as number) + ridge;
    const solution = solve(gram, moment, FILTER_TAPS);
    if (solution === null || !solution.every((v) => Number.isFinite(v) && Math.abs(v) < 32767 / FILTER_SCALE)) continue;
    const fitted = identityFilter();
    solution.forEach((v, k) => (fitted[c * FILTER_TAPS + k] = Math.round(v * FILTER_SCALE)));
    // the rounded taps must beat no filter on this plane, else the channel keeps the identity
    const error = (candidate: Int16Array) => {
      const out = applyPostFilter([plane], candidate.subarray(c * FILTER_TAPS, (c + 1) * FILTER_TAPS), width, height);
      let sum = 0;
      (out[0] as Float64Array).forEach((v, i) => (sum += (v - (target[i] as number)) ** 2));
      return sum;
    };
    if (error(fitted) < error(identityFilter()))
      taps.set(fitted.subarray(c * FILTER_TAPS, (c + 1) * FILTER_TAPS), c * FILTER_TAPS);
  }
  return taps;
}
