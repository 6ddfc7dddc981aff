/**
 * The learned codecs' decoders in plain JavaScript float64, for the lab's file: a reader of the
 * file has only the dequantized weights and the symbols, and must get the same image on every
 * browser. tfjs's kernels (and Math.tanh, Math.exp) may differ in their last bits from one
 * engine to another; these use + - x and one division per tanh (all IEEE-754 correctly rounded),
 * in a fixed order, so every engine computes the same bytes.
 *
 *   block   y = tanh(zq W3 + b3) W4 + b4                   (model.ts's decode)
 *   conv    g1 = tanh(convT(zq, D1) + d1), g2 = tanh(convT(g1, D2) + d2), y = convT(g2, D3) + d3
 *           (conv.ts's decodeConv: stride 2, 'same' padding as tfjs's conv2dTranspose)
 */

const LN2_HIGH = 0.6931471803691238; // ln 2 split so that k * LN2_HIGH is exact for |k| < 2^20
const LN2_LOW = 1.9082149292705877e-10;
const LOG2_E = 1.4426950408889634;
/** 2^k for k = 0..64, by doubling (exact). */
const POWERS_OF_TWO = (() => {
  const table = new Float64Array(65);
  table[0] = 1;
  for (let k = 1; k <= 64; k++) table[k] = (table[k - 1] as number) * 2;
  return table;
})();
/** 1 / j! for the Taylor series of e^r, j = 0..13. */
const INVERSE_FACTORIALS = (() => {
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

/** The block model's decoder tensors (model.ts's w3, b3, w4, b4), as float64. */
export interface BlockDecoderWeights {
  /** [C, H] */
  w3: Float64Array;
  /** [H] */
  b3: Float64Array;
  /** [H, D] */
  w4: Float64Array;
  /** [D] */
  b4: Float64Array;
}

/**
 * y = tanh(zq W3 + b3) W4 + b4 for every block. Blocks with the same latent row decode to the
 * same values, so each distinct row is computed once (smooth regions repeat rows often).
 * @param latents [N, C] quantized latents (center values)
 * @returns [N, D] decoded block values, nominally in [0, 1]
 */
export function decodeBlocksPlain(weights: BlockDecoderWeights, channels: number, latents: Float64Array): Float64Array {
  const hidden = weights.b3.length;
  const values = weights.b4.length;
  const { w3, b3, w4, b4 } = weights;
  if (w3.length !== channels * hidden || w4.length !== hidden * values) {
    throw new RangeError(`decoder weights do not fit C = ${channels}, H = ${hidden}, D = ${values}`);
  }
  const blocks = latents.length / channels;
  const out = new Float64Array(blocks * values);
  const activation = new Float64Array(hidden);
  const sum = new Float64Array(values);
  const firstWithRow = new Map<string, number>();
  for (let n = 0; n < blocks; n++) {
    const row = latents.subarray(n * channels, (n + 1) * channels);
    const key = row.join(',');
    const seen = firstWithRow.get(key);
    if (seen !== undefined) {
      out.copyWithin(n * values, seen * values, (seen + 1) * values);
      continue;
    }
    firstWithRow.set(key, n);
    for (let h = 0; h < hidden; h++) {
      let u = b3[h] as number;
      for (let c = 0; c < channels; c++) u += (row[c] as number) * (w3[c * hidden + h] as number);
      activation[h] = plainTanh(u);
    }
    sum.set(b4);
    for (let h = 0; h < hidden; h++) {
      const a = activation[h] as number;
      const weightRow = h * values;
      for (let d = 0; d < values; d++) sum[d] = (sum[d] as number) + a * (w4[weightRow + d] as number);
    }
    out.set(sum, n * values);
  }
  return out;
}

/**
 * tfjs's conv2dTranspose(input, filter, [2h, 2w, out], 2, 'same') + bias, optionally through tanh.
 * 'same' pads the matching stride-2 convolution by k - 2 in all (k >= 2), floor((k - 2) / 2)
 * before, so input position i reaches outputs 2 i + t - before for kernel taps t = 0..k-1.
 * @param input [h, w, inMaps] @param filter [k, k, outMaps, inMaps] @returns [2h, 2w, outMaps]
 */
export function convTransposePlain(
  input: Float64Array,
  height: number,
  width: number,
  inMaps: number,
  filter: Float64Array,
  bias: Float64Array,
  kernelSize: number,
  activate: boolean,
): Float64Array {
  const outMaps = bias.length;
  if (filter.length !== kernelSize * kernelSize * outMaps * inMaps || input.length !== height * width * inMaps) {
    throw new RangeError(
      `convTranspose: filter or input does not fit ${kernelSize}x${kernelSize}, ${inMaps} -> ${outMaps}`,
    );
  }
  const outHeight = 2 * height;
  const outWidth = 2 * width;
  const before = Math.floor(Math.max(kernelSize - 2, 0) / 2);
  const out = new Float64Array(outHeight * outWidth * outMaps);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * inMaps;
      for (let ky = 0; ky < kernelSize; ky++) {
        const outY = 2 * y + ky - before;
        if (outY < 0 || outY >= outHeight) continue;
        for (let kx = 0; kx < kernelSize; kx++) {
          const outX = 2 * x + kx - before;
          if (outX < 0 || outX >= outWidth) continue;
          const to = (outY * outWidth + outX) * outMaps;
          const tap = (ky * kernelSize + kx) * outMaps * inMaps;
          for (let o = 0; o < outMaps; o++) {
            const weights = tap + o * inMaps;
            let sum = 0;
            for (let c = 0; c < inMaps; c++) sum += (input[from + c] as number) * (filter[weights + c] as number);
            out[to + o] = (out[to + o] as number) + sum;
          }
        }
      }
    }
  }
  for (let i = 0; i < out.length; i++) {
    const value = (out[i] as number) + (bias[i % outMaps] as number);
    out[i] = activate ? plainTanh(value) : value;
  }
  return out;
}

/** The conv model's decoder tensors (conv.ts's decoderFilter1..decoderBias3), as float64. */
export interface ConvDecoderWeights {
  /** [k, k, F, C] */
  filter1: Float64Array;
  bias1: Float64Array;
  /** [k, k, F, F] */
  filter2: Float64Array;
  bias2: Float64Array;
  /** [k, k, 3, F] */
  filter3: Float64Array;
  bias3: Float64Array;
}

/**
 * The conv model's decoder on a latent map.
 * @param latents [h, w, C] @returns [8h, 8w, 3] values, nominally in [0, 1]
 */
export function decodeConvPlain(
  weights: ConvDecoderWeights,
  kernelSize: number,
  channels: number,
  latentHeight: number,
  latentWidth: number,
  latents: Float64Array,
): Float64Array {
  const filters = weights.bias1.length;
  const g1 = convTransposePlain(
    latents,
    latentHeight,
    latentWidth,
    channels,
    weights.filter1,
    weights.bias1,
    kernelSize,
    true,
  );
  const g2 = convTransposePlain(
    g1,
    2 * latentHeight,
    2 * latentWidth,
    filters,
    weights.filter2,
    weights.bias2,
    kernelSize,
    true,
  );
  return convTransposePlain(
    g2,
    4 * latentHeight,
    4 * latentWidth,
    filters,
    weights.filter3,
    weights.bias3,
    kernelSize,
    false,
  );
}
