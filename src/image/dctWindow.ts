/**
 * The DCT mode's grid: a center at every whole multiple of the spacing s, unbounded, so no
 * coefficient is clipped. The soft assignment of an input w sees the L centers of that grid
 * nearest to w: a window that moves with w. Because d(w, c) depends only on w - c, the window's
 * soft assignment equals the app's quantizer on the residual r = w - m s against its own
 * centers makeCenters(L, s) = (j - (L - 1) / 2) s, where m s is the window's middle. So the lab
 * feeds r to the same fused kernels (or the reference graph) and adds m s back:
 *
 *   w_soft = m s + sum_j p_j (j - (L - 1) / 2) s,   q = first + j*,   w_hard = q s,
 *
 * first = the window's lowest multiple and j* its nearest center. q s is the multiple of s
 * nearest to w: at T -> 0 the quantizer is round(w / s) s, JPEG's quantizer when w is a DCT
 * coefficient divided by JPEG's table (times the step).
 *
 * Odd L: the window is centred on round(w / s) (m whole, |r| <= s / 2). Even L: on the midpoint
 * floor(w / s) + 1/2 of the two multiples around w (|r| <= s / 2 again), so every L sees its L
 * nearest centers.
 */

/** Residual inputs for the quantizer and where each window starts. */
export interface WindowedInputs {
  /** [N] r = w - m s, within [-s/2, s/2] */
  residuals: Float32Array;
  /** [N] the window's lowest multiple: center j of the window is (first + j) s */
  first: Int32Array;
  /** [N] m s, the window's middle */
  middles: Float64Array;
}

/** Splits inputs w [N] into window positions and residuals for L centers spaced s apart. */
export function windowInputs(inputs: ArrayLike<number>, centerCount: number, spacing: number): WindowedInputs {
  if (!Number.isInteger(centerCount) || centerCount < 1) {
    throw new RangeError(`the window needs a whole number of centers >= 1, got ${centerCount}`);
  }
  if (!Number.isFinite(spacing) || spacing <= 0)
    throw new RangeError(`center spacing must be a finite number > 0, got ${spacing}`);
  const n = inputs.length;
  const residuals = new Float32Array(n);
  const first = new Int32Array(n);
  const middles = new Float64Array(n);
  const odd = centerCount % 2 === 1;
  const below = Math.floor((centerCount - 1) / 2); // multiples below the middle's own (odd) or below the midpoint (even)
  for (let i = 0; i < n; i++) {
    const scaled = (inputs[i] as number) / spacing;
    const base = odd ? Math.floor(scaled + 0.5) : Math.floor(scaled);
    const middle = odd ? base : base + 0.5;
    first[i] = base - below;
    middles[i] = middle * spacing;
    residuals[i] = (inputs[i] as number) - middle * spacing;
  }
  return { residuals, first, middles };
}

/** q = first + j*: the hard symbol (a whole multiple of s) from the quantizer's window index j*. */
export function hardSymbols(windows: WindowedInputs, index: ArrayLike<number>): Int32Array {
  const out = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = (windows.first[i] as number) + (index[i] as number);
  return out;
}

/** w_soft = m s + (the quantizer's soft value of the residual), [N]. */
export function softValues(windows: WindowedInputs, softResiduals: ArrayLike<number>): Float32Array {
  const out = new Float32Array(softResiduals.length);
  for (let i = 0; i < out.length; i++) out[i] = (windows.middles[i] as number) + (softResiduals[i] as number);
  return out;
}
