/**
 * The `dct` transform: an orthonormal 8 x 8 DCT-II per block of (x - 128), per plane. Planes are
 * [P, H, W] plane-major (see pixels.ts; dctPlanes.ts picks RGB or YCbCr and the chroma size);
 * the image edge is padded by replicating the last row and column up to a multiple of 8, and
 * the inverse crops back. Float64 inside each block, in a fixed order, from a cosine table
 * written in the source: the inverse gives the same bits on every machine (a decoder runs it).
 *
 * Coefficient layout: in place, like the pixels they come from. Entry (y, x) of a padded plane
 * [Hp, Wp] holds coefficient (u, v) = (y mod 8, x mod 8) of block (floor(y / 8), floor(x / 8)),
 * so its frequency index is 8 u + v (0 = DC).
 */

export const BLOCK = 8;

/**
 * The JPEG luminance quantization table (ITU-T T.81, Annex K, Table K.1), [64] row-major by
 * frequency 8 u + v (u vertical, v horizontal).
 */
export const JPEG_LUMINANCE_TABLE: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

/** The JPEG chrominance quantization table (ITU-T T.81, Annex K, Table K.2), [64] as above. */
export const JPEG_CHROMINANCE_TABLE: readonly number[] = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99,
];

/**
 * cos(m pi / 16) for m = 0..8, written out as the float64 nearest each exact value (a literal is
 * read the same by every JavaScript engine) so that the transform, and with it a decoder, never calls Math.cos,
 * whose last bit the standard leaves to each engine.
 */
const COSINES_SIXTEENTHS: readonly number[] = [
  1, 0.9807852804032304, 0.9238795325112867, 0.8314696123025452, 0.7071067811865476, 0.5555702330196022,
  0.3826834323650898, 0.19509032201612828, 0,
];
/** sqrt(1/8), the DC row's scale a(0). */
const DC_SCALE = 0.3535533905932738;

/** cos(m pi / 16) for any whole m >= 0, from the table by symmetry (exact: only sign changes). */
function cosineSixteenths(m: number): number {
  const turn = m % 32;
  const folded = turn > 16 ? 32 - turn : turn; // cos(2 pi - x) = cos x
  return folded > 8
    ? -(COSINES_SIXTEENTHS[16 - folded] as number) // cos(pi - x) = -cos x
    : (COSINES_SIXTEENTHS[folded] as number);
}

/**
 * D[k][n] = a(k) cos(pi (2n + 1) k / 16), a(0) = sqrt(1/8), a(k > 0) = sqrt(2/8) = 1/2; [8, 8]
 * row-major. Built from the constants above with one float64 multiply each: the same bits on
 * every machine.
 */
export const DCT_MATRIX: Float64Array = (() => {
  const matrix = new Float64Array(BLOCK * BLOCK);
  for (let k = 0; k < BLOCK; k++) {
    const scale = k === 0 ? DC_SCALE : 0.5;
    for (let n = 0; n < BLOCK; n++) matrix[k * BLOCK + n] = scale * cosineSixteenths((2 * n + 1) * k);
  }
  return matrix;
})();

/** The size of a plane padded up to whole 8 x 8 blocks. */
export function paddedSize(width: number, height: number): { width: number; height: number } {
  return { width: Math.ceil(width / BLOCK) * BLOCK, height: Math.ceil(height / BLOCK) * BLOCK };
}

/** D^T, so the inverse runs the same loops as the forward transform. */
const DCT_MATRIX_T: Float64Array = (() => {
  const transposed = new Float64Array(BLOCK * BLOCK);
  for (let k = 0; k < BLOCK; k++)
    for (let n = 0; n < BLOCK; n++) transposed[n * BLOCK + k] = DCT_MATRIX[k * BLOCK + n] as number;
  return transposed;
})();

// One block's scratch: the separable transform reads a block into it, so it can run in place.
const scratch = new Float64Array(BLOCK * BLOCK);
const rows = new Float64Array(BLOCK * BLOCK);

/**
 * Y = D X D^T (forward, inverse = false) or X = D^T Y D (inverse) on every 8 x 8 block of
 * [planeCount, Hp, Wp] (Hp, Wp multiples of 8), with `offset` subtracted before the forward
 * transform and added after the inverse. Float64 inside each block; no allocation.
 */
function transformBlocks<T extends Float32Array | Float64Array>(
  data: Float32Array | Float64Array,
  paddedWidth: number,
  paddedHeight: number,
  inverse: boolean,
  offset: number,
  out: T,
): T {
  if (paddedWidth % BLOCK !== 0 || paddedHeight % BLOCK !== 0) {
    throw new RangeError(`DCT planes must be multiples of 8, got ${paddedWidth} x ${paddedHeight}`);
  }
  const planeSize = paddedWidth * paddedHeight;
  const planeCount = data.length / planeSize;
  // forward: R = X D^T, then D R; inverse: R = Y D, then D^T R. Both read m[k][n] below.
  const m = inverse ? DCT_MATRIX_T : DCT_MATRIX;
  const before = inverse ? 0 : offset;
  const after = inverse ? offset : 0;
  for (let c = 0; c < planeCount; c++) {
    for (let by = 0; by < paddedHeight; by += BLOCK) {
      for (let bx = 0; bx < paddedWidth; bx += BLOCK) {
        const base = c * planeSize + by * paddedWidth + bx;
        for (let y = 0; y < BLOCK; y++) {
          for (let x = 0; x < BLOCK; x++) {
            scratch[y * BLOCK + x] = (data[base + y * paddedWidth + x] as number) - before;
          }
        }
        // rows: R = X D^T (forward) or R = Y D (inverse), one block row at a time
        for (let y = 0; y < BLOCK; y++) {
          for (let k = 0; k < BLOCK; k++) {
            let sum = 0;
            for (let n = 0; n < BLOCK; n++) sum += (scratch[y * BLOCK + n] as number) * (m[k * BLOCK + n] as number);
            rows[y * BLOCK + k] = sum;
          }
        }
        // columns: D R (forward) or D^T R (inverse)
        for (let k = 0; k < BLOCK; k++) {
          for (let x = 0; x < BLOCK; x++) {
            let sum = 0;
            for (let n = 0; n < BLOCK; n++) sum += (m[k * BLOCK + n] as number) * (rows[n * BLOCK + x] as number);
            out[base + k * paddedWidth + x] = sum + after;
          }
        }
      }
    }
  }
  return out;
}

/** Forward DCT of (x - 128) per block: padded planes [3, Hp, Wp] of 0..255 -> coefficients, same shape. */
export function forwardDct<T extends Float32Array | Float64Array = Float32Array>(
  padded: Float32Array | Float64Array,
  paddedWidth: number,
  paddedHeight: number,
  out: T = new Float32Array(padded.length) as T,
): T {
  return transformBlocks(padded, paddedWidth, paddedHeight, false, 128, out);
}

/** Inverse DCT per block, plus 128: coefficients [3, Hp, Wp] -> padded planes (not rounded). */
export function inverseDct<T extends Float32Array | Float64Array = Float32Array>(
  coefficients: Float32Array | Float64Array,
  paddedWidth: number,
  paddedHeight: number,
  out: T = new Float32Array(coefficients.length) as T,
): T {
  return transformBlocks(coefficients, paddedWidth, paddedHeight, true, 128, out);
}

/** 8 u + v for each entry of one padded plane [Hp, Wp] (see the layout above); Uint8Array. */
export function frequencyIndex(paddedWidth: number, paddedHeight: number): Uint8Array {
  const index = new Uint8Array(paddedWidth * paddedHeight);
  for (let y = 0; y < paddedHeight; y++) {
    for (let x = 0; x < paddedWidth; x++) index[y * paddedWidth + x] = (y % BLOCK) * BLOCK + (x % BLOCK);
  }
  return index;
}
