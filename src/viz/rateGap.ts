/** A codec's point: rate in bits per pixel, quality in dB. */
export interface RatePsnr {
  bpp: number;
  psnr: number;
}

/**
 * A codec's PSNR at `bpp`, read off its curve by linear interpolation between the two points that
 * bracket the rate (the curve's points in any order; non-finite ones are skipped). Null outside the
 * curve's range of rates, where the codec was not measured.
 */
export function psnrAtRate(curve: readonly RatePsnr[], bpp: number): number | null {
  const points = curve
    .filter((p) => Number.isFinite(p.bpp) && Number.isFinite(p.psnr))
    .slice()
    .sort((a, b) => a.bpp - b.bpp);
  if (!Number.isFinite(bpp) || points.length === 0) return null;
  for (let k = 0; k < points.length; k++) {
    const right = points[k] as RatePsnr;
    if (right.bpp === bpp) return right.psnr;
    if (right.bpp > bpp) {
      const left = points[k - 1];
      if (!left) return null;
      const share = (bpp - left.bpp) / (right.bpp - left.bpp);
      return left.psnr + share * (right.psnr - left.psnr);
    }
  }
  return null;
}

/** How many dB `point` lies above (positive) or below `curve` at the same rate; null where the curve has no value there. */
export function gapToCurve(point: RatePsnr, curve: readonly RatePsnr[]): number | null {
  const reference = psnrAtRate(curve, point.bpp);
  return reference === null || !Number.isFinite(point.psnr) ? null : point.psnr - reference;
}
