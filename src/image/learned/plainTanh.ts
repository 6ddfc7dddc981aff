/**
 * tanh in plain JavaScript float64 for the learned decoders (plainDecoder.ts): + - x, one division
 * and Math.floor only (all IEEE-754 correctly rounded or exact), in a fixed order, so every engine
 * gets the same bits, which Math.tanh and Math.exp do not promise. convGatherWasm.ts's tanh runs
 * the same sequence on these constants.
 */

export const LN2_HIGH = 0.6931471803691238; // ln 2 split so that k * LN2_HIGH is exact for |k| < 2^20
export const LN2_LOW = 1.9082149292705877e-10;
export const LOG2_E = 1.4426950408889634;
/** 2^k for k = 0..64, by doubling (exact). */
const POWERS_OF_TWO = (() => {
  const table = new Float64Array(65);
  table[0] = 1;
  for (let k = 1; k <= 64; k++) table[k] = (table[k - 1] as number) * 2;
  return table;
})();
/** 1 / j! for the Taylor series of e^r, j = 0..13. */
export const INVERSE_FACTORIALS = (() => {
  const table = new Float64Array(14);
  table[0] = 1;
  for (let j = 1; j < 14; j++) table[j] = (table[j - 1] as number) / j;
  return table;
})();

/** e^y for y in [0, 44]: y = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series to r^13. */
function expNonNegative(y: number): number {
  const k = Math.floor(y * LOG2_E + 0.5);
  const r = y - k * LN2_HIGH - k * LN2_LOW;
  let sum = INVERSE_FACTORIALS[13] as number;
  for (let j = 12; j >= 0; j--) sum = sum * r + (INVERSE_FACTORIALS[j] as number);
  return sum * (POWERS_OF_TWO[k] as number);
}

/** tanh x = sign(x) (1 - 2 / (e^{2|x|} + 1)), within about 1e-15 of the true value; NaN stays NaN. */
export function plainTanh(x: number): number {
  const magnitude = x < 0 ? -x : x;
  if (!(magnitude < 22)) return x !== x ? x : x < 0 ? -1 : 1;
  const t = 1 - 2 / (expNonNegative(2 * magnitude) + 1);
  return x < 0 ? -t : t;
}
