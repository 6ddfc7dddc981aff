/**
 * The plain decoders' fast loops (grouped outputs, gathered sums) against the textbook loops they
 * replace, bit for bit: a lab file decodes to the same bytes on every engine only if the order
 * of + and x is the one documented, whatever the loops' grouping.
 */
import { describe, expect, it } from 'vitest';
import {
  convTransposePlain,
  decodeBlocksPlain,
  decodeConvPlain,
  decodeConvRows,
  latentRowsForImageRows,
  plainTanh,
  type BlockDecoderWeights,
} from '../src/image/learned/plainDecoder';
import { seededRandom } from '../src/model/random';

/** The transposed convolution as a scatter: input positions in raster order add into their outputs. */
function convTransposeScatter(
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
  const [outHeight, outWidth] = [2 * height, 2 * width];
  const before = Math.floor(Math.max(kernelSize - 2, 0) / 2);
  const out = new Float64Array(outHeight * outWidth * outMaps);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ky = 0; ky < kernelSize; ky++) {
        for (let kx = 0; kx < kernelSize; kx++) {
          const [outY, outX] = [2 * y + ky - before, 2 * x + kx - before];
          if (outY < 0 || outY >= outHeight || outX < 0 || outX >= outWidth) continue;
          for (let o = 0; o < outMaps; o++) {
            let sum = 0;
            for (let c = 0; c < inMaps; c++) {
              sum +=
                (input[(y * width + x) * inMaps + c] as number) *
                (filter[((ky * kernelSize + kx) * outMaps + o) * inMaps + c] as number);
            }
            const at = (outY * outWidth + outX) * outMaps + o;
            out[at] = (out[at] as number) + sum;
          }
        }
      }
    }
  }
  return out.map((v, i) =>
    activate ? plainTanh(v + (bias[i % outMaps] as number)) : v + (bias[i % outMaps] as number),
  );
}

/** y = tanh(z W3 + b3) W4 + b4, one block at a time, each sum from the bias in ascending order. */
function decodeBlocksOneByOne(weights: BlockDecoderWeights, channels: number, latents: Float64Array): Float64Array {
  const { w3, b3, w4, b4 } = weights;
  const [hidden, values] = [b3.length, b4.length];
  const blocks = latents.length / channels;
  const out = new Float64Array(blocks * values);
  for (let n = 0; n < blocks; n++) {
    const activation = Array.from({ length: hidden }, (_, h) => {
      let u = b3[h] as number;
      for (let c = 0; c < channels; c++) u += (latents[n * channels + c] as number) * (w3[c * hidden + h] as number);
      return plainTanh(u);
    });
    for (let d = 0; d < values; d++) {
      let sum = b4[d] as number;
      for (let h = 0; h < hidden; h++) sum += (activation[h] as number) * (w4[h * values + d] as number);
      out[n * values + d] = sum;
    }
  }
  return out;
}

const random = seededRandom(31);
const draw = (length: number, scale: number) => Float64Array.from({ length }, () => (random() - 0.5) * scale);
/** Equal bit for bit (Object.is tells -0 from 0); the first difference otherwise. */
function firstDifference(a: Float64Array, b: Float64Array): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `at ${i}: ${a[i]} and ${b[i]}`;
  return null;
}

describe('the plain decoders keep their order of operations', () => {
  it('convTransposePlain equals the scatter loop bit for bit (kernels 1-5, odd sizes, 1-9 output maps)', () => {
    const cases = [
      [1, 3, 4, 2, 5],
      [2, 2, 2, 3, 3],
      [3, 5, 3, 4, 1],
      [5, 4, 7, 5, 3],
      [5, 3, 3, 8, 9],
      [4, 1, 6, 2, 4],
      [5, 1, 1, 3, 2],
    ] as const;
    for (const [kernelSize, height, width, inMaps, outMaps] of cases) {
      const input = draw(height * width * inMaps, 4);
      const filter = draw(kernelSize * kernelSize * outMaps * inMaps, 1);
      const bias = draw(outMaps, 0.5);
      for (const activate of [true, false]) {
        const fast = convTransposePlain(input, height, width, inMaps, filter, bias, kernelSize, activate);
        const plain = convTransposeScatter(input, height, width, inMaps, filter, bias, kernelSize, activate);
        expect(firstDifference(fast, plain), `k ${kernelSize}, ${height} x ${width}, ${inMaps} -> ${outMaps}`).toBe(
          null,
        );
      }
    }
  });

  it('decodeBlocksPlain equals the one-block-at-a-time loop bit for bit, repeated rows included', () => {
    for (const [channels, hidden, values] of [
      [3, 8, 12],
      [5, 7, 13],
      [16, 64, 192],
      [1, 1, 3],
    ] as const) {
      const weights = {
        w3: draw(channels * hidden, 2),
        b3: draw(hidden, 0.5),
        w4: draw(hidden * values, 0.5),
        b4: draw(values, 0.5),
      };
      // 40 rows drawn from 3 centers, so some repeat
      const latents = Float64Array.from({ length: 40 * channels }, () => Math.floor(random() * 3) - 1);
      const fast = decodeBlocksPlain(weights, channels, latents);
      expect(firstDifference(fast, decodeBlocksOneByOne(weights, channels, latents)), `C ${channels}`).toBe(null);
    }
  });

  it('decodeConvRows: bands of odd heights, each from only the latent rows it needs, stack to decodeConvPlain bit for bit', () => {
    const cases = [
      [5, 3, 4, 5, 2],
      [3, 4, 1, 2, 3],
      [1, 5, 3, 2, 2],
      [7, 3, 2, 3, 4],
      [5, 1, 3, 4, 2],
    ] as const;
    for (const [kernelSize, height, width, channels, filters] of cases) {
      const weights = {
        filter1: draw(kernelSize * kernelSize * filters * channels, 1),
        bias1: draw(filters, 0.5),
        filter2: draw(kernelSize * kernelSize * filters * filters, 1),
        bias2: draw(filters, 0.5),
        filter3: draw(kernelSize * kernelSize * 3 * filters, 1),
        bias3: draw(3, 0.5),
      };
      const latents = draw(height * width * channels, 2);
      const whole = decodeConvPlain(weights, kernelSize, channels, height, width, latents);
      const latentMap = { height, width, channels, kernelSize };
      const imageRows = 8 * height;
      const rowValues = 8 * width * 3;
      // band edges at every row for the small maps, else uneven bands of 1, 2, 3, ... rows
      for (const bandRows of [1, 3, 7, Math.ceil(imageRows / 2)]) {
        const stacked = new Float64Array(whole.length);
        for (let from = 0; from < imageRows; from += bandRows) {
          const to = Math.min(from + bandRows, imageRows);
          const needed = latentRowsForImageRows(latentMap, from, to);
          const span = latents.slice(needed.from * width * channels, needed.to * width * channels);
          const band = decodeConvRows(weights, latentMap, { values: span, row0: needed.from }, from, to);
          expect(band.length).toBe((to - from) * rowValues);
          stacked.set(band, from * rowValues);
        }
        expect(firstDifference(stacked, whole), `k ${kernelSize}, ${height} x ${width}, bands of ${bandRows}`).toBe(
          null,
        );
      }
    }
  });

  it('decodeConvRows refuses latents that miss rows its band needs', () => {
    const weights = {
      filter1: draw(25 * 2 * 2, 1),
      bias1: draw(2, 0.5),
      filter2: draw(25 * 2 * 2, 1),
      bias2: draw(2, 0.5),
      filter3: draw(25 * 3 * 2, 1),
      bias3: draw(3, 0.5),
    };
    const latentMap = { height: 4, width: 3, channels: 2, kernelSize: 5 };
    const needed = latentRowsForImageRows(latentMap, 8, 16);
    const short = draw((needed.to - needed.from - 1) * 3 * 2, 1);
    expect(() => decodeConvRows(weights, latentMap, { values: short, row0: needed.from + 1 }, 8, 16)).toThrow(
      /need input rows/,
    );
  });
});
