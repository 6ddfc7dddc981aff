/**
 * The per-image colour transform: the Karhunen-Loeve transform of the image's RGB values (the
 * eigenvectors of their covariance, strongest first). The encoder finds it; the file carries
 * its 9 matrix entries and 3 means as float32; the decoder inverts it by the transpose (the
 * matrix is orthonormal up to float32 rounding), float64 additions and multiplications only.
 */

/** Rows are the output channels: y_k = sum_c matrix[3k + c] (x_c - mean_c). */
export interface ColourTransform {
  /** [3, 3] row-major, each entry a float32 value */
  matrix: Float64Array;
  /** [3] per-channel means of R, G, B, each a float32 value */
  mean: Float64Array;
}

/** The identity transform with zero means (used for images of one colour). */
export function identityColour(): ColourTransform {
  return { matrix: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), mean: new Float64Array(3) };
}

/**
 * Eigenvectors of a symmetric 3 x 3 matrix by cyclic Jacobi rotations.
 * @returns the eigenvectors as rows, by decreasing eigenvalue, and the eigenvalues
 */
export function symmetricEigen(a: ArrayLike<number>): { vectors: Float64Array; values: Float64Array } {
  const m = Float64Array.from(a);
  const v = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = m[1]! * m[1]! + m[2]! * m[2]! + m[5]! * m[5]!;
    if (off < 1e-24 * (m[0]! * m[0]! + m[4]! * m[4]! + m[8]! * m[8]! + 1e-300)) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = m[3 * p + q]!;
      if (apq === 0) continue;
      const theta = (m[3 * q + q]! - m[3 * p + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      // m <- J^T m J, v <- v J (columns of v are the eigenvectors)
      for (let k = 0; k < 3; k++) {
        const mkp = m[3 * k + p]!;
        const mkq = m[3 * k + q]!;
        m[3 * k + p] = c * mkp - s * mkq;
        m[3 * k + q] = s * mkp + c * mkq;
      }
      for (let k = 0; k < 3; k++) {
        const mpk = m[3 * p + k]!;
        const mqk = m[3 * q + k]!;
        m[3 * p + k] = c * mpk - s * mqk;
        m[3 * q + k] = s * mpk + c * mqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[3 * k + p]!;
        const vkq = v[3 * k + q]!;
        v[3 * k + p] = c * vkp - s * vkq;
        v[3 * k + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => m[4 * j]! - m[4 * i]!);
  const vectors = new Float64Array(9);
  order.forEach((column, row) => {
    // sign: the largest entry positive, so the first channel reads as brightness
    let sign = 1;
    let largest = 0;
    for (let k = 0; k < 3; k++) {
      if (Math.abs(v[3 * k + column]!) > Math.abs(largest)) largest = v[3 * k + column]!;
    }
    if (largest < 0) sign = -1;
    for (let k = 0; k < 3; k++) vectors[3 * row + k] = sign * v[3 * k + column]!;
  });
  return { vectors, values: Float64Array.from(order, (i) => m[4 * i]!) };
}

/** The KLT of planar RGB [3, H, W] (0..255), entries rounded to float32 as the file holds them. */
export function fitColourTransform(planes: ArrayLike<number>, pixelCount: number): ColourTransform {
  const mean = new Float64Array(3);
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = 0; i < pixelCount; i++) sum += planes[c * pixelCount + i] as number;
    mean[c] = sum / pixelCount;
  }
  const covariance = new Float64Array(9);
  for (let i = 0; i < pixelCount; i++) {
    const r = (planes[i] as number) - mean[0]!;
    const g = (planes[pixelCount + i] as number) - mean[1]!;
    const b = (planes[2 * pixelCount + i] as number) - mean[2]!;
    covariance[0]! += r * r;
    covariance[1]! += r * g;
    covariance[2]! += r * b;
    covariance[4]! += g * g;
    covariance[5]! += g * b;
    covariance[8]! += b * b;
  }
  covariance[3] = covariance[1]!;
  covariance[6] = covariance[2]!;
  covariance[7] = covariance[5]!;
  const { vectors } = symmetricEigen(covariance);
  return { matrix: vectors.map(Math.fround), mean: mean.map(Math.fround) };
}

/** y = M (x - mean): planar RGB [3, N] -> three decorrelated planes [3, N] (the encoder's side). */
export function forwardColour(planes: ArrayLike<number>, pixelCount: number, t: ColourTransform): Float64Array[] {
  const out = [0, 1, 2].map(() => new Float64Array(pixelCount));
  const m = t.matrix;
  for (let i = 0; i < pixelCount; i++) {
    const r = (planes[i] as number) - t.mean[0]!;
    const g = (planes[pixelCount + i] as number) - t.mean[1]!;
    const b = (planes[2 * pixelCount + i] as number) - t.mean[2]!;
    for (let k = 0; k < 3; k++) out[k]![i] = m[3 * k]! * r + m[3 * k + 1]! * g + m[3 * k + 2]! * b;
  }
  return out;
}

/**
 * x = M^T y + mean, rounded half up and clipped to 8 bits, into RGBA [H, W, 4] (alpha 255): the
 * decoder's side, float64 additions and multiplications, then integer rounding.
 */
export function inverseColourToRgba(channels: readonly Float64Array[], t: ColourTransform): Uint8ClampedArray {
  const [y0, y1, y2] = channels as [Float64Array, Float64Array, Float64Array];
  const n = y0.length;
  const m = t.matrix;
  const rgba = new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    const a = y0[i]!;
    const b = y1[i]!;
    const c = y2[i]!;
    for (let k = 0; k < 3; k++) {
      const x = m[k]! * a + m[3 + k]! * b + m[6 + k]! * c + t.mean[k]!;
      rgba[4 * i + k] = x >= 255 ? 255 : x > 0 ? Math.floor(x + 0.5) : 0;
    }
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}
