/**
 * The lab's derived images, RGBA [H, W, 4] bytes from planar [3, H, W] data (see pixels.ts).
 */
import { VIRIDIS_RGB } from './viridis';

/** |hard - original| x 4 per channel, clipped to 255 (black = exact), alpha 255. */
export function errorTimesFour(original: Uint8ClampedArray, reconstruction: Uint8ClampedArray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(original.length);
  for (let i = 0; i < original.length; i += 4) {
    out[i] = 4 * Math.abs((original[i] as number) - (reconstruction[i] as number));
    out[i + 1] = 4 * Math.abs((original[i + 1] as number) - (reconstruction[i + 1] as number));
    out[i + 2] = 4 * Math.abs((original[i + 2] as number) - (reconstruction[i + 2] as number));
    out[i + 3] = 255;
  }
  return out;
}

/**
 * Hard indices as grey levels per channel: index j of L shows as 255 j / (L - 1) in that
 * channel (a posterised picture of the symbols; 0 everywhere when L = 1).
 * @param indices planar [3, H, W]
 */
export function symbolImage(
  indices: Float32Array,
  centerCount: number,
  width: number,
  height: number,
): Uint8ClampedArray {
  const n = width * height;
  const scale = centerCount > 1 ? 255 / (centerCount - 1) : 0;
  const out = new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    out[4 * i] = Math.round((indices[i] as number) * scale);
    out[4 * i + 1] = Math.round((indices[n + i] as number) * scale);
    out[4 * i + 2] = Math.round((indices[2 * n + i] as number) * scale);
    out[4 * i + 3] = 255;
  }
  return out;
}

/**
 * The mean over the three channels of the soft assignment's entropy, in bits, coloured with
 * viridis from 0 (dark) to log2 L (yellow).
 * @param bits planar [3, H, W] per-element entropy in bits
 */
export function entropyImage(
  bits: Float32Array,
  centerCount: number,
  width: number,
  height: number,
): Uint8ClampedArray {
  const n = width * height;
  const scale = 255 / (3 * Math.log2(Math.max(centerCount, 2)));
  const out = new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    const level = ((bits[i] as number) + (bits[n + i] as number) + (bits[2 * n + i] as number)) * scale;
    // the colour of round(level), clipped to 0..255 (NaN as 0)
    const k = 3 * (level >= 255 ? 255 : level > 0 ? (level + 0.5) | 0 : 0);
    out[4 * i] = VIRIDIS_RGB[k] as number;
    out[4 * i + 1] = VIRIDIS_RGB[k + 1] as number;
    out[4 * i + 2] = VIRIDIS_RGB[k + 2] as number;
    out[4 * i + 3] = 255;
  }
  return out;
}
