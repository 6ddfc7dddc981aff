/** The largest number of quantization centers the app accepts (sliders, URL, explicit lists). */
export const MAX_CENTERS = 64;

/**
 * Evenly spaced centers, symmetric about 0: c_j = (j - (L - 1) / 2) * spacing, j = 0..L-1.
 * L = 5, spacing = 1 gives the seed's [-2, -1, 0, 1, 2]; L = 4 gives [-1.5, -0.5, 0.5, 1.5].
 * @returns [L] ascending float32 values
 */
export function makeCenters(count: number, spacing: number): Float32Array {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CENTERS) {
    throw new RangeError(`center count must be an integer in 1..${MAX_CENTERS}, got ${count}`);
  }
  if (!Number.isFinite(spacing) || spacing <= 0) {
    throw new RangeError(`center spacing must be a finite number > 0, got ${spacing}`);
  }
  const centers = new Float32Array(count);
  const middle = (count - 1) / 2;
  for (let j = 0; j < count; j++) centers[j] = (j - middle) * spacing;
  return centers;
}

/**
 * The seed's hard value `argmin + min(centers)`, in float32 as TF adds it. It equals
 * centers[argmin] only when the centers are consecutive integers; the app shows it beside the
 * gather to make that visible.
 */
export function seedShortcut(nearestIndex: number, centers: ArrayLike<number>): number {
  return Math.fround(nearestIndex + Math.min(...Array.from(centers)));
}

/**
 * Checks an explicit list of centers (the training demo learns them) and returns it as
 * float32. Order is kept: ties in the hard assignment go to the lower index of this list.
 */
export function checkCenters(centers: ArrayLike<number>): Float32Array {
  if (centers.length < 1 || centers.length > MAX_CENTERS) {
    throw new RangeError(`a center list must hold 1..${MAX_CENTERS} values, got ${centers.length}`);
  }
  const checked = Float32Array.from(centers);
  checked.forEach((value, j) => {
    if (!Number.isFinite(value)) throw new RangeError(`center ${j} must be finite, got ${centers[j]}`);
  });
  return checked;
}
