/** The mantissas of a 1-2-5 scale: 1, 2, 5, 10, 20, 50, ... */
const MANTISSAS = [1, 2, 5, 10] as const;

/**
 * The 1-2-5 value nearest `value` on a log scale (1e-3, 2e-3, 5e-3, 0.01, ..., 1000), kept within
 * [min, max]: where a dragged log slider lands, so that a hand can aim it. Non-positive or
 * non-finite values come back as `min`.
 */
export function snapOneTwoFive(value: number, min: number, max: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return min;
  const decade = Math.floor(Math.log10(value));
  const power = 10 ** decade;
  let best = value;
  let bestDistance = Infinity;
  for (const mantissa of MANTISSAS) {
    // toPrecision: 0.1 * 2 must read 0.2, not 0.20000000000000004
    const candidate = Number((mantissa * power).toPrecision(1));
    const distance = Math.abs(Math.log10(candidate) - Math.log10(value));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return Math.min(max, Math.max(min, best));
}
