/** Pure helpers for the figures: Voronoi cells, arrow scale and geometry. No DOM. */

export interface VoronoiCell {
  /** the center's index (the lowest, where centers repeat) */
  index: number;
  center: number;
  /** the cell's extent in w, clipped to the domain */
  x0: number;
  x1: number;
}

/**
 * The hard assignment's cells in w: each center owns the inputs nearer to it than to any other
 * (L1 and squared distance give the same cells). Boundaries are midpoints between neighbouring
 * distinct centers; a point on a boundary goes to the lower index, which for ascending centers
 * is the left cell. Cells outside the domain are dropped.
 */
export function voronoiCells(centers: ArrayLike<number>, domain: readonly [number, number]): VoronoiCell[] {
  const byValue = new Map<number, number>();
  Array.from(centers).forEach((center, index) => {
    if (!byValue.has(center)) byValue.set(center, index);
  });
  const sorted = [...byValue.entries()].sort((a, b) => a[0] - b[0]);
  const cells: VoronoiCell[] = [];
  sorted.forEach(([center, index], k) => {
    const left = k === 0 ? Number.NEGATIVE_INFINITY : (center + (sorted[k - 1] as [number, number])[0]) / 2;
    const right =
      k === sorted.length - 1 ? Number.POSITIVE_INFINITY : (center + (sorted[k + 1] as [number, number])[0]) / 2;
    const x0 = Math.max(domain[0], left);
    const x1 = Math.min(domain[1], right);
    if (x0 < x1) cells.push({ index, center, x0, x1 });
  });
  return cells;
}

/**
 * A round step size k for the gradient arrows (1, 2 or 5 times a power of ten) such that the
 * longest arrow, k * maxMagnitude, is at most `fraction` of the axis width. One k for every
 * arrow on the figure, so their lengths compare.
 */
export function arrowStepSize(maxMagnitude: number, axisWidth: number, fraction = 0.2): number {
  if (!(maxMagnitude > 0) || !Number.isFinite(maxMagnitude) || !(axisWidth > 0)) return 1;
  const ideal = (fraction * axisWidth) / maxMagnitude;
  const power = 10 ** Math.floor(Math.log10(ideal));
  const mantissa = [5, 2, 1].find((m) => m * power <= ideal) ?? 1;
  return mantissa * power;
}

export type ArrowMark =
  | { kind: 'arrow'; from: number; to: number }
  /** the estimator passes no gradient back: d estimator / dw = 0 */
  | { kind: 'no-gradient'; at: number }
  /** the loss is already 0 here: the estimator's value equals the target */
  | { kind: 'at-target'; at: number };

/**
 * What to draw for one probe and one estimator: the update -k dl/dw as an arrow in w, or a mark
 * saying why there is none.
 */
export function arrowMark(w: number, estimatorGradient: number, lossGradient: number, stepSize: number): ArrowMark {
  if (estimatorGradient === 0) return { kind: 'no-gradient', at: w };
  if (lossGradient === 0) return { kind: 'at-target', at: w };
  return { kind: 'arrow', from: w, to: w - stepSize * lossGradient };
}
