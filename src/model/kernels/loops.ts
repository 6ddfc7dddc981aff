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

/** Below this exponent e^t is under float32's smallest value (1.4e-45): its terms cannot show. */
const NEGLIGIBLE_EXPONENT = -104;

/**
 * The image lab's forward pass, per input, without p [N, L]: out [4 N] holds w_soft (row 0),
 * w_hard (row 1), the first nearest index (row 2, as nearestIndexLoop) and the soft assignment's
 * entropy in bits (row 3), H_i = -sum_j p_ij log2 p_ij = (log Z_i - sum_j e_ij t_ij / Z_i) / ln 2
 * with t_ij = -sigma d_ij - max_k(-sigma d_ik), e_ij = exp(t_ij), Z_i = sum_j e_ij: one log per
 * input instead of L. For l1 over ascending centers, e along each side of w is a product of the
 * gaps' factors exp(-sigma (c_j+1 - c_j)), computed once: one exp per input instead of L (this
 * machine spends 25 ns on each). Terms under float32's range (t < -104) are skipped.
 */
export function summaryLoop(
  w: ArrayLike<number>,
  centers: ArrayLike<number>,
  sigma: number,
  squared: boolean,
  out: Float32Array,
): void {
  const n = w.length;
  const l = centers.length;
  let ascending = true;
  for (let j = 1; j < l; j++) if (!((centers[j] as number) > (centers[j - 1] as number))) ascending = false;
  if (!squared && ascending) {
    chainedSummary(w, centers, sigma, out);
    return;
  }
  directSummary(w, centers, sigma, squared, out);
  // the index row: the same float32 comparison as nearestIndexLoop and the reference graph
  const index = out.subarray(2 * n, 3 * n);
  nearestIndexLoop(w, centers, squared, index);
  for (let i = 0; i < n; i++) out[n + i] = centers[index[i] as number] as number;
}

function directSummary(
  w: ArrayLike<number>,
  centers: ArrayLike<number>,
  sigma: number,
  squared: boolean,
  out: Float32Array,
) {
  const n = w.length;
  const l = centers.length;
  const t = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    let best = -Infinity;
    for (let j = 0; j < l; j++) {
      const diff = wi - (centers[j] as number);
      const s = -sigma * (squared ? diff * diff : Math.abs(diff));
      t[j] = s;
      if (s > best) best = s;
    }
    let total = 0;
    let weighted = 0;
    let tilted = 0;
    for (let j = 0; j < l; j++) {
      const tj = (t[j] as number) - best;
      if (tj < NEGLIGIBLE_EXPONENT) continue;
      const e = Math.exp(tj);
      total += e;
      weighted += e * (centers[j] as number);
      tilted += e * tj;
    }
    out[i] = weighted / total;
    out[3 * n + i] = (Math.log(total) - tilted / total) / Math.LN2;
  }
}

function chainedSummary(w: ArrayLike<number>, centers: ArrayLike<number>, sigma: number, out: Float32Array) {
  const n = w.length;
  const l = centers.length;
  const c = Float64Array.from(centers);
  // gap[j] = exp(-sigma (c_j+1 - c_j)): e one center further from w, on either side
  const gap = new Float64Array(Math.max(0, l - 1));
  for (let j = 0; j + 1 < l; j++) gap[j] = Math.exp(-sigma * ((c[j + 1] as number) - (c[j] as number)));
  const last = c[l - 1] as number;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    // a: the last center <= w (-1 if none); the nearest is a or b = a + 1
    let a = l - 1;
    if (wi < last) {
      let lo = 0;
      let hi = l - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((c[mid] as number) <= wi) lo = mid + 1;
        else hi = mid;
      }
      a = lo - 1;
    }
    const b = a + 1;
    const dLeft = a >= 0 ? wi - (c[a] as number) : Infinity;
    const dRight = b < l ? (c[b] as number) - wi : Infinity;
    // the hard index as nearestIndexLoop finds it: float32 distances, ties to the lower index
    // (far from the centers float32 can round several distances to one value: walk left)
    const fLeft = Math.fround(dLeft);
    let index = fLeft <= Math.fround(dRight) ? a : b;
    if (index === a) while (index > 0 && Math.fround(wi - (c[index - 1] as number)) === fLeft) index--;
    out[2 * n + i] = index;
    out[n + i] = c[index] as number;
    const best = -sigma * Math.min(dLeft, dRight);
    let total = 0;
    let weighted = 0;
    let tilted = 0;
    if (a >= 0) {
      const t0 = -sigma * dLeft - best;
      let e = t0 < NEGLIGIBLE_EXPONENT ? 0 : t0 === 0 ? 1 : Math.exp(t0);
      for (let j = a; e > 0; j--) {
        const cj = c[j] as number;
        total += e;
        weighted += e * cj;
        tilted += e * (-sigma * (wi - cj) - best);
        e = j > 0 ? e * (gap[j - 1] as number) : 0;
        if (e < 1e-300) e = 0; // no subnormal arithmetic: it is far below float32 already
      }
    }
    if (b < l) {
      const t0 = -sigma * dRight - best;
      let e = t0 < NEGLIGIBLE_EXPONENT ? 0 : t0 === 0 ? 1 : Math.exp(t0);
      for (let j = b; e > 0; j++) {
        const cj = c[j] as number;
        total += e;
        weighted += e * cj;
        tilted += e * (-sigma * (cj - wi) - best);
        e = j + 1 < l ? e * (gap[j] as number) : 0;
        if (e < 1e-300) e = 0;
      }
    }
    out[i] = weighted / total;
    out[3 * n + i] = total === 1 ? 0 : (Math.log(total) - tilted / total) / Math.LN2;
  }
}
