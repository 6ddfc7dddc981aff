/**
 * The soft assignment's forward pass as plain loops over float32 arrays: the cpu and wasm
 * kernels run these on their own memory (the cpu backend's arrays, the wasm heap).
 * Per input, one pass over the centers for the row maximum and one for the sums: no [N, L]
 * temporaries, which is where the unfused graph spends its time.
 */

/**
 * p [N, L] row-major, p_ij = softmax_j(-sigma d(w_i, c_j)), and soft [N], w_soft_i =
 * sum_j p_ij c_j. d = |w - c| (l1) or (w - c)^2 (l2). The softmax subtracts the row maximum, so
 * no exponent overflows for any T in [1e-3, 1e3] and |w| <= 1e6.
 */
export function softAssignLoop(
  w: ArrayLike<number>,
  centers: ArrayLike<number>,
  sigma: number,
  squared: boolean,
  p: Float32Array,
  soft: Float32Array,
): void {
  const n = w.length;
  const l = centers.length;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    let best = -Infinity;
    for (let j = 0; j < l; j++) {
      const diff = wi - (centers[j] as number);
      const s = -sigma * (squared ? diff * diff : Math.abs(diff));
      if (s > best) best = s;
    }
    let total = 0;
    let weighted = 0;
    const row = i * l;
    for (let j = 0; j < l; j++) {
      const c = centers[j] as number;
      const diff = wi - c;
      const e = Math.exp(-sigma * (squared ? diff * diff : Math.abs(diff)) - best);
      p[row + j] = e;
      total += e;
      weighted += e * c;
    }
    const inverse = 1 / total;
    for (let j = 0; j < l; j++) p[row + j] = (p[row + j] as number) * inverse;
    soft[i] = weighted * inverse;
  }
}

/**
 * out [N]: the first j with the smallest d(w_i, c_j), as a float (ties to the lower index, as
 * TF's argmin and the reference graph's exact-arithmetic rule). d is compared in float32, as
 * the reference graph computes it.
 */
export function nearestIndexLoop(
  w: ArrayLike<number>,
  centers: ArrayLike<number>,
  squared: boolean,
  out: Float32Array,
): void {
  const n = w.length;
  const l = centers.length;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    let best = Infinity;
    let index = 0;
    for (let j = 0; j < l; j++) {
      const diff = Math.fround(wi - (centers[j] as number));
      const d = squared ? Math.fround(diff * diff) : Math.abs(diff);
      if (d < best) {
        best = d;
        index = j;
      }
    }
    out[i] = index;
  }
}
