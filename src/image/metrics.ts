import { message, type Message } from '../i18n/message';
/**
 * Quality of a reconstruction against the original, both 8-bit RGBA [H, W, 4] (already rounded
 * and clipped: Uint8ClampedArray). Alpha is ignored.
 */
import { msssim as blazediffMsssim } from '@blazediff/ssim/msssim';

/** Mean squared error over the R, G and B values, in (8-bit units)^2. */
export function meanSquaredError(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length || a.length % 4 !== 0) {
    throw new RangeError(`both images must be RGBA of one size, got ${a.length} and ${b.length} bytes`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    const r = (a[i] as number) - (b[i] as number);
    const g = (a[i + 1] as number) - (b[i + 1] as number);
    const bl = (a[i + 2] as number) - (b[i + 2] as number);
    sum += r * r + g * g + bl * bl;
  }
  return sum / ((a.length / 4) * 3);
}

/** PSNR = 10 log10(255^2 / MSE) in dB over RGB; Infinity for identical images. */
export function psnr(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  const mse = meanSquaredError(a, b);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** MS-SSIM's 5 scales halve the image 4 times and still need an 11-pixel window: 11 x 16 = 176. */
export const MSSSIM_MIN_SIDE = 176;

/** MS-SSIM or the reason there is none. */
export interface MsssimResult {
  /** 0..1 (1 = identical), or null when it is not defined for this image */
  value: number | null;
  /** why value is null; null when there is a value */
  reason: Message | null;
}

/**
 * MS-SSIM (Wang, Simoncelli & Bovik 2003: 5 scales, the standard weights, product form) on the
 * luma Y = 0.299 R + 0.587 G + 0.114 B, via @blazediff/ssim (a port of the authors' MATLAB code).
 * Images with a side under 176 px get null with a reason rather than a number from fewer
 * scales: a 3-scale score is a different metric and would not be comparable with the codecs' or
 * the literature's. A non-finite score (negative contrast terms raised to fractional weights,
 * possible on tiny or adversarial images) also gives null.
 */
export function msssim(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, height: number): MsssimResult {
  if (a.length !== 4 * width * height || b.length !== a.length) {
    throw new RangeError(`both images must be RGBA ${width} x ${height}, got ${a.length} and ${b.length} bytes`);
  }
  if (Math.min(width, height) < MSSSIM_MIN_SIDE) {
    return {
      value: null,
      reason: message('lab:messages.msssimTooSmall', { min: MSSSIM_MIN_SIDE, width, height }),
    };
  }
  const value = blazediffMsssim(a, b, undefined, width, height);
  if (!Number.isFinite(value))
    return { value: null, reason: message('lab:messages.msssimNotFinite', { value: String(value) }) };
  return { value, reason: null };
}
