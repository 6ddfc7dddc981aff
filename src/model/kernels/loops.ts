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
 * gaps' factors exp(-sigma (c_j+1 - c_j)), computed once: one exp per input instead of L, and
 * that one a polynomial (expNegative; Math.exp costs 20-25 ns here). Terms under float32's range
 * (t < -104) are skipped.
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

/** 2^-k for k = 0..159: e^x's scale for x down to NEGLIGIBLE_EXPONENT. */
const POWERS_OF_HALF = Float64Array.from({ length: 160 }, (_, k) => 2 ** -k);

/**
 * e^x for NEGLIGIBLE_EXPONENT <= x <= 0, to about 1e-10 relative (float32's own step is 6e-8):
 * x = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series to r^9 / 9!. About a fifth of
 * Math.exp's time here, and k stays a small integer (no -0 from Math.round).
 */
export function expNegative(x: number): number {
  const k = (x * Math.LOG2E - 0.5) | 0;
  const r = x - k * 0.6931471803691238 - k * 1.9082149292705877e-10; // ln 2 in two parts
  const p =
    1 +
    r *
      (1 +
        r *
          (1 / 2 +
            r *
              (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040 + r * (1 / 40320 + r / 362880))))))));
  return p * (POWERS_OF_HALF[-k] as number);
}

/**
 * For each center k, the sums over the centers from k outward (step = -1: k, k-1, ..., 0; +1:
 * k, k+1, ..., L-1) of e_j, e_j c_j and e_j t_j, where t_k = 0, e_k = 1 and each center further
 * lowers t by sigma times the gap (terms below NEGLIGIBLE_EXPONENT are left out).
 * @returns [total, weighted, tilted], each [L]
 */
function sideSums(c: Float64Array, sigma: number, step: -1 | 1): [Float64Array, Float64Array, Float64Array] {
  const l = c.length;
  const sums: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(l),
    new Float64Array(l),
    new Float64Array(l),
  ];
  for (let k = 0; k < l; k++) {
    let e = 1;
    let t = 0;
    let total = 0;
    let weighted = 0;
    let tilted = 0;
    for (let j = k; j >= 0 && j < l; j += step) {
      if (j !== k) {
        const gap = sigma * Math.abs((c[j] as number) - (c[j - step] as number));
        t -= gap;
        if (t < NEGLIGIBLE_EXPONENT) break;
        e *= Math.exp(-gap);
      }
      total += e;
      weighted += e * (c[j] as number);
      tilted += e * t;
    }
    sums[0][k] = total;
    sums[1][k] = weighted;
    sums[2][k] = tilted;
  }
  return sums;
}

function chainedSummary(w: ArrayLike<number>, centers: ArrayLike<number>, sigma: number, out: Float32Array) {
  const n = w.length;
  const l = centers.length;
  const c = Float64Array.from(centers);
  // One center further from w on either side, the exponent drops by sigma (c_j+1 - c_j) and e is
  // multiplied by exp(-sigma (c_j+1 - c_j)). So the terms on the left of w, from center a down,
  // are e_a times fixed factors: their sums, relative to e_a = 1 and t_a = 0, are known per a
  // (leftTotal, leftWeighted, leftTilted), and likewise on the right from center b = a + 1 up.
  // A value then costs one exp, for the far one of its two neighbours, and no loop over centers.
  const [leftTotal, leftWeighted, leftTilted] = sideSums(c, sigma, -1);
  const [rightTotal, rightWeighted, rightTilted] = sideSums(c, sigma, 1);
  const first = c[0] as number;
  const last = c[l - 1] as number;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    // a: the last center <= w (-1 if none); the nearest is a or a + 1
    let a = l - 1;
    if (wi < first) a = -1;
    else if (wi < last) {
      a = 0;
      while ((c[a + 1] as number) <= wi) a++;
    }
    let index = 0;
    let total: number;
    let weighted: number;
    let tilted: number;
    if (a < 0) {
      // w below every center: the nearest is c_1, every term is on its right
      total = rightTotal[0] as number;
      weighted = rightWeighted[0] as number;
      tilted = rightTilted[0] as number;
    } else if (a === l - 1) {
      // w at or above the last center: every term is on its left
      index = a;
      total = leftTotal[a] as number;
      weighted = leftWeighted[a] as number;
      tilted = leftTilted[a] as number;
    } else {
      const b = a + 1;
      const dLeft = wi - (c[a] as number);
      const dRight = (c[b] as number) - wi;
      // the hard index as nearestIndexLoop finds it: float32 distances, ties to the lower index
      index = Math.fround(dLeft) > Math.fround(dRight) ? b : a;
      // the nearer side's first term is e = 1, t = 0; the farther side's is e^t, t = -sigma |dLeft - dRight|
      const t = -sigma * Math.abs(dLeft - dRight);
      const e = t < NEGLIGIBLE_EXPONENT ? 0 : t === 0 ? 1 : expNegative(t);
      const eLeft = dLeft <= dRight ? 1 : e;
      const tLeft = dLeft <= dRight ? 0 : t;
      const eRight = dLeft <= dRight ? e : 1;
      const tRight = dLeft <= dRight ? t : 0;
      // a side's terms: e_j = e_side f_j, t_j = t_side + s_j, so sum e_j t_j = e_side (t_side F + S)
      total = eLeft * (leftTotal[a] as number) + eRight * (rightTotal[b] as number);
      weighted = eLeft * (leftWeighted[a] as number) + eRight * (rightWeighted[b] as number);
      tilted =
        eLeft * (tLeft * (leftTotal[a] as number) + (leftTilted[a] as number)) +
        eRight * (tRight * (rightTotal[b] as number) + (rightTilted[b] as number));
    }
    if (index === a && a > 0) {
      // far from the centers float32 can round several distances to one value: walk left
      const fLeft = Math.fround(wi - (c[a] as number));
      while (index > 0 && Math.fround(wi - (c[index - 1] as number)) === fLeft) index--;
    }
    out[i] = weighted / total;
    out[n + i] = c[index] as number;
    out[2 * n + i] = index;
    out[3 * n + i] = total === 1 ? 0 : (Math.log(total) - tilted / total) / Math.LN2;
  }
}
