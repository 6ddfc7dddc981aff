/**
 * The DCT mode's planes: RGB, or YCbCr (JPEG's JFIF matrix) with chroma at full size (4:4:4) or
 * at half width and height (4:2:0), each plane padded to whole 8 x 8 blocks and transformed
 * (dct.ts). Forward: RGBA -> coefficients. Back: coefficients -> RGBA, in float64 with + and x
 * only and a fixed order, so that a decoder on any machine gives the same bytes as the lab's
 * hard view (both call `coefficientsToRgba`).
 *
 * Coefficient layout: the planes one after another (`DctPlane.offset`), each [Hp, Wp] as in dct.ts.
 */
import {
  forwardDct,
  frequencyIndex,
  inverseDct,
  JPEG_CHROMINANCE_TABLE,
  JPEG_LUMINANCE_TABLE,
  paddedSize,
} from './dct';
import { planesToRgba, rgbaToPlanes } from './pixels';

import { DCT_COLOURS, type DctColour } from './choices';

export { DCT_COLOURS, type DctColour };

export interface DctPlane {
  /** the plane's own size (a 4:2:0 chroma plane: ceil(W / 2) x ceil(H / 2)) */
  width: number;
  height: number;
  /** padded to whole 8 x 8 blocks */
  paddedWidth: number;
  paddedHeight: number;
  /** where its coefficients start in the concatenated array */
  offset: number;
  /** JPEG's divisor per frequency 8 u + v: the luminance table, or the chrominance one for Cb, Cr */
  table: readonly number[];
}

export interface DctLayout {
  width: number;
  height: number;
  colour: DctColour;
  /** [3] R, G, B or Y, Cb, Cr */
  planes: readonly DctPlane[];
  /** every plane's padded size, summed: the number of coefficients */
  size: number;
}

/** The planes, sizes and tables for an image of width x height in a colour mode. */
export function dctLayout(width: number, height: number, colour: DctColour): DctLayout {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be whole pixels >= 1, got ${width} x ${height}`);
  }
  if (!DCT_COLOURS.includes(colour))
    throw new RangeError(`DCT colour must be one of ${DCT_COLOURS.join(', ')}, got ${colour}`);
  const planes: DctPlane[] = [];
  let offset = 0;
  for (let p = 0; p < 3; p++) {
    const half = colour === 'ycbcr420' && p > 0;
    const w = half ? Math.ceil(width / 2) : width;
    const h = half ? Math.ceil(height / 2) : height;
    const padded = paddedSize(w, h);
    const chroma = colour !== 'rgb' && p > 0;
    planes.push({
      width: w,
      height: h,
      paddedWidth: padded.width,
      paddedHeight: padded.height,
      offset,
      table: chroma ? JPEG_CHROMINANCE_TABLE : JPEG_LUMINANCE_TABLE,
    });
    offset += padded.width * padded.height;
  }
  return { width, height, colour, planes, size: offset };
}

// JFIF (ITU-T T.871): Y = 0.299 R + 0.587 G + 0.114 B; Cb, Cr centred on 128.
const toYcbcr = (r: number, g: number, b: number, out: Float64Array, i: number, n: number) => {
  out[i] = 0.299 * r + 0.587 * g + 0.114 * b;
  out[n + i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
  out[2 * n + i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
};

/** [H, W] -> [ceil(H/2), ceil(W/2)]: the mean of each 2 x 2 (edge samples replicated). */
function halve(plane: Float64Array, width: number, height: number): Float64Array {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = 2 * y;
    const y1 = Math.min(2 * y + 1, height - 1);
    for (let x = 0; x < w; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(2 * x + 1, width - 1);
      out[y * w + x] =
        ((plane[y0 * width + x0] as number) +
          (plane[y0 * width + x1] as number) +
          (plane[y1 * width + x0] as number) +
          (plane[y1 * width + x1] as number)) *
        0.25;
    }
  }
  return out;
}

/**
 * [h, w] -> [H, W] with h = ceil(H/2), w = ceil(W/2): the triangle filter of libjpeg's "fancy"
 * upsampling, each output 9/16 of its own sample, 3/16 of each of the two nearest neighbours and
 * 1/16 of the diagonal one (edges replicated).
 */
function double(plane: Float64Array, width: number, height: number, out: Float64Array, outOffset: number) {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const clampX = (x: number) => (x < 0 ? 0 : x >= w ? w - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y >= h ? h - 1 : y);
  for (let y = 0; y < height; y++) {
    const sy = y >> 1;
    const ny = clampY(y % 2 === 0 ? sy - 1 : sy + 1);
    for (let x = 0; x < width; x++) {
      const sx = x >> 1;
      const nx = clampX(x % 2 === 0 ? sx - 1 : sx + 1);
      out[outOffset + y * width + x] =
        (9 * (plane[sy * w + sx] as number) +
          3 * (plane[sy * w + nx] as number) +
          3 * (plane[ny * w + sx] as number) +
          (plane[ny * w + nx] as number)) *
        0.0625;
    }
  }
}

/** [h, w] -> [Hp, Wp] (dct.ts paddedSize) with the last row and column replicated into the padding. */
function padPlane(plane: Float64Array, p: DctPlane): Float64Array {
  const out = new Float64Array(p.paddedWidth * p.paddedHeight);
  for (let y = 0; y < p.paddedHeight; y++) {
    const from = Math.min(y, p.height - 1) * p.width;
    for (let x = 0; x < p.paddedWidth; x++) {
      out[y * p.paddedWidth + x] = plane[from + Math.min(x, p.width - 1)] as number;
    }
  }
  return out;
}

/**
 * RGBA [H, W, 4] -> DCT coefficients of (plane - 128), [layout.size] float32 in the layout above.
 */
export function forwardDctPlanes(rgba: Uint8ClampedArray, layout: DctLayout): Float32Array {
  const { width, height } = layout;
  const n = width * height;
  const rgb = rgbaToPlanes(rgba, width, height);
  const planes = new Float64Array(3 * n);
  if (layout.colour === 'rgb') planes.set(rgb);
  else {
    for (let i = 0; i < n; i++) toYcbcr(rgb[i] as number, rgb[n + i] as number, rgb[2 * n + i] as number, planes, i, n);
  }
  const out = new Float32Array(layout.size);
  layout.planes.forEach((p, index) => {
    const full = planes.subarray(index * n, (index + 1) * n);
    const plane = p.width === width ? full : halve(full, width, height);
    const coefficients = forwardDct(
      padPlane(plane, p),
      p.paddedWidth,
      p.paddedHeight,
      new Float64Array(p.paddedWidth * p.paddedHeight),
    );
    out.set(coefficients, p.offset);
  });
  return out;
}

/**
 * DCT coefficients in the layout above -> RGBA [H, W, 4], rounded half up and clipped. Float64,
 * + and x only in a fixed order: a decoder and the lab's hard view give the same bytes.
 */
export function coefficientsToRgba(coefficients: Float64Array, layout: DctLayout): Uint8ClampedArray {
  const { width, height } = layout;
  const n = width * height;
  const planes = new Float64Array(3 * n);
  layout.planes.forEach((p, index) => {
    const padded = inverseDct(
      coefficients.subarray(p.offset, p.offset + p.paddedWidth * p.paddedHeight),
      p.paddedWidth,
      p.paddedHeight,
      new Float64Array(p.paddedWidth * p.paddedHeight),
    );
    const cropped = new Float64Array(p.width * p.height);
    for (let y = 0; y < p.height; y++)
      cropped.set(padded.subarray(y * p.paddedWidth, y * p.paddedWidth + p.width), y * p.width);
    if (p.width === width) planes.set(cropped, index * n);
    else double(cropped, width, height, planes, index * n);
  });
  if (layout.colour !== 'rgb') {
    for (let i = 0; i < n; i++) {
      const y = planes[i] as number;
      const cb = (planes[n + i] as number) - 128;
      const cr = (planes[2 * n + i] as number) - 128;
      planes[i] = y + 1.402 * cr;
      planes[n + i] = y - 0.344136 * cb - 0.714136 * cr;
      planes[2 * n + i] = y + 1.772 * cb;
    }
  }
  return planesToRgba(planes, width, height);
}

/** JPEG's table entry for each coefficient of the layout, [layout.size]. */
export function tableEntries(layout: DctLayout): Float64Array {
  const out = new Float64Array(layout.size);
  for (const p of layout.planes) {
    const frequency = frequencyIndex(p.paddedWidth, p.paddedHeight);
    for (let i = 0; i < frequency.length; i++) out[p.offset + i] = p.table[frequency[i] as number] as number;
  }
  return out;
}

/**
 * Coefficient-layout values (one per coefficient) -> image layout [3, H, W]: each plane cropped,
 * a half-size plane repeated 2 x 2. For the maps the lab paints (symbols, entropy).
 */
export function coefficientMapToImage(values: ArrayLike<number>, layout: DctLayout): Float32Array {
  const { width, height } = layout;
  const n = width * height;
  const out = new Float32Array(3 * n);
  layout.planes.forEach((p, index) => {
    const shift = p.width === width ? 0 : 1;
    for (let y = 0; y < height; y++) {
      const row = p.offset + (y >> shift) * p.paddedWidth;
      for (let x = 0; x < width; x++) out[index * n + y * width + x] = values[row + (x >> shift)] as number;
    }
  });
  return out;
}
