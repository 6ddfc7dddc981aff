/**
 * The `pixels` transform: 8-bit channel values onto the centers' span and back.
 * Layout used by the whole image lab: planar RGB, [3, H, W] channel-major (R plane, then G,
 * then B), so each channel is one contiguous stream. Alpha is dropped (the lab is opaque).
 */

/** RGBA [H, W, 4] bytes -> planar RGB [3, H, W] 8-bit values as float32 (0..255). */
export function rgbaToPlanes(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const n = width * height;
  if (rgba.length !== 4 * n) {
    throw new RangeError(`an RGBA image of ${width} x ${height} needs ${4 * n} bytes, got ${rgba.length}`);
  }
  const planes = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    planes[i] = rgba[4 * i] as number;
    planes[n + i] = rgba[4 * i + 1] as number;
    planes[2 * n + i] = rgba[4 * i + 2] as number;
  }
  return planes;
}

/** Whether this machine stores a 32-bit word's lowest byte first (every browser's does). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** x rounded half up and clipped to 0..255 (NaN to 0), as planesToRgba writes it. */
const toByte = (x: number) => (x >= 255 ? 255 : x > 0 ? (x + 0.5) | 0 : 0);

/**
 * Planar RGB [3, H, W] values in 0..255 (any float) -> RGBA bytes, each value rounded half up to
 * the nearest integer and clipped to 0..255, alpha 255. One 32-bit store per pixel.
 * @param out optional [H, W, 4] buffer to reuse
 */
export function planesToRgba(
  planes: Float32Array | Float64Array,
  width: number,
  height: number,
  out = new Uint8ClampedArray(4 * width * height),
): Uint8ClampedArray {
  const n = width * height;
  if (LITTLE_ENDIAN && out.byteOffset % 4 === 0) {
    const words = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const r = toByte(planes[i] as number);
      const g = toByte(planes[n + i] as number);
      const b = toByte(planes[2 * n + i] as number);
      words[i] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    out[4 * i] = toByte(planes[i] as number);
    out[4 * i + 1] = toByte(planes[n + i] as number);
    out[4 * i + 2] = toByte(planes[2 * n + i] as number);
    out[4 * i + 3] = 255;
  }
  return out;
}

/** The span [c_1, c_L] the pixels transform maps 0..255 onto: the first and last center. */
export function centerSpan(centers: ArrayLike<number>): { first: number; last: number } {
  if (centers.length < 1) throw new RangeError('the pixels transform needs at least 1 center, got 0');
  return { first: centers[0] as number, last: centers[centers.length - 1] as number };
}

/**
 * w = c_1 + (x / 255)(c_L - c_1) for every value x (8-bit, 0..255), in place into `out`.
 * @returns out, same length as values
 */
export function pixelsToInputs(
  values: Float32Array,
  centers: ArrayLike<number>,
  out = new Float32Array(values.length),
): Float32Array {
  const { first, last } = centerSpan(centers);
  const scale = (last - first) / 255;
  for (let i = 0; i < values.length; i++) out[i] = first + (values[i] as number) * scale;
  return out;
}

/**
 * The inverse map x = 255 (w - c_1) / (c_L - c_1), not yet rounded (planesToRgba rounds and
 * clips). With one center (c_L = c_1) there is no span to invert: every value becomes 127.5,
 * the middle of the 8-bit range, which rounds to 128.
 */
export function inputsToPixels(
  inputs: Float32Array,
  centers: ArrayLike<number>,
  out = new Float32Array(inputs.length),
): Float32Array {
  const { first, last } = centerSpan(centers);
  if (last === first) return out.fill(127.5);
  const scale = 255 / (last - first);
  for (let i = 0; i < inputs.length; i++) out[i] = ((inputs[i] as number) - first) * scale;
  return out;
}
