/**
 * The DCT mode's file payload: its settings, then every quantized coefficient q (a whole
 * multiple of the step, dctWindow.ts) through the range coder with adaptive binary models chosen
 * by context, as H.264's CABAC and JPEG's arithmetic mode do. One routine, `codeSymbols`, walks
 * the blocks for both directions (an encoder codes the given bit, a decoder returns the bit it
 * reads), so the two cannot drift apart.
 *
 * Per plane, per 8 x 8 block in raster order:
 * - DC: q minus its prediction from the left, upper and upper-left blocks' DC (the median
 *   predictor of LOCO-I), as a signed adaptive Exp-Golomb number; context: how much the
 *   neighbours differ (flat or edge).
 * - AC: one "any nonzero" flag (context: how many of the left and upper blocks had one), then in
 *   zigzag order a "nonzero" flag per coefficient (context: frequency band, the magnitude of the
 *   same frequency in the left and upper blocks, whether the previous one was nonzero); after a
 *   nonzero: "greater than 1" (same context), the rest as Exp-Golomb, a raw sign bit, and a
 *   "last" flag (context: band) that ends the block.
 * Each plane class (R, G, B or Y, Cb, Cr) has its own models; every model starts at 1/2 and
 * adapts as it codes, so nothing but the settings needs sending.
 *
 * Payload: u8 colour (0 rgb, 1 ycbcr, 2 ycbcr420), f64 step, f64 spacing (little-endian), then
 * the range coder's bytes to the end. The decoder uses integers and float64 + and x only.
 */
import { AdaptiveBit } from './coding/adaptiveModel';
import { ByteReader, ByteWriter, CodingError } from './coding/bytes';
import type { LabFileHeader } from './coding/container';
import { RangeDecoder, RangeEncoder } from './coding/rangeCoder';
import { BLOCK } from './dct';
import { coefficientsToRgba, DCT_COLOURS, dctLayout, tableEntries, type DctColour, type DctLayout } from './dctPlanes';

/** Zigzag scan: position 8 u + v of the i-th coefficient (JPEG's order, T.81 Figure A.6). */
export const ZIGZAG: readonly number[] = (() => {
  const order: number[] = [];
  for (let sum = 0; sum < 2 * BLOCK - 1; sum++) {
    const diagonal: number[] = [];
    for (let u = 0; u < BLOCK; u++) {
      const v = sum - u;
      if (v >= 0 && v < BLOCK) diagonal.push(u * BLOCK + v);
    }
    // even diagonals run up-right (u falling), odd ones down-left (u rising)
    order.push(...(sum % 2 === 0 ? diagonal.reverse() : diagonal));
  }
  return order;
})();

/** The band of zigzag position i (1..63): the lowest frequencies each alone, then wider bands. */
const BAND_OF: Uint8Array = (() => {
  const edges = [1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 31, 38, 46, 55, 64];
  const bands = new Uint8Array(64);
  for (let i = 1; i < 64; i++) bands[i] = edges.findIndex((edge, b) => i >= edge && i < (edges[b + 1] ?? 65));
  return bands;
})();
const BANDS = 16;
/** Exp-Golomb prefix lengths allowed: values below 2^24 (|q| is below 2^17 for any valid step). */
const MAX_PREFIX = 24;

/** Codes one bit: an encoder writes `bit` and returns it; a decoder reads one and returns it. */
interface BitCoder {
  bit(model: AdaptiveBit, bit: number): number;
  /** `bits` equiprobable bits of value (0..2^bits - 1), bits <= 16 */
  raw(value: number, bits: number): number;
}

class Writing implements BitCoder {
  constructor(readonly encoder: RangeEncoder) {}
  bit(model: AdaptiveBit, bit: number): number {
    model.encode(this.encoder, bit);
    return bit;
  }
  raw(value: number, bits: number): number {
    this.encoder.encodeBits(value, bits);
    return value;
  }
}

class Reading implements BitCoder {
  constructor(readonly decoder: RangeDecoder) {}
  bit(model: AdaptiveBit): number {
    return model.decode(this.decoder);
  }
  raw(_value: number, bits: number): number {
    return this.decoder.decodeBits(bits);
  }
}

const models = (count: number) => Array.from({ length: count }, () => new AdaptiveBit(5));

/** The adaptive models of one plane class. */
class PlaneModels {
  readonly dcZero = models(3);
  readonly dcSign = models(3);
  readonly dcPrefix = models(3 * MAX_PREFIX);
  readonly anyAc = models(3);
  /** [band, neighbour magnitude 0..2, previous nonzero 0..1] */
  readonly nonzero = models(BANDS * 3 * 2);
  /** [band, neighbour magnitude 0..2] */
  readonly greaterThanOne = models(BANDS * 3);
  readonly acPrefix = models(2 * MAX_PREFIX);
  readonly last = models(BANDS);
}

/** value >= 0 as Exp-Golomb (order 0): the prefix's bits adaptive by position, the suffix raw. */
function codeUnsigned(coder: BitCoder, prefix: AdaptiveBit[], offset: number, value: number): number {
  let length = 0;
  const target = value + 1;
  while (coder.bit(prefix[offset + length] as AdaptiveBit, target >= 2 ** (length + 1) ? 1 : 0) === 1) {
    length++;
    if (length >= MAX_PREFIX) throw new CodingError(`an Exp-Golomb prefix longer than ${MAX_PREFIX} bits`);
  }
  // the suffix: `length` bits below the leading 1, in chunks of at most 16
  let suffix = 0;
  for (let done = 0; done < length;) {
    const bits = Math.min(16, length - done);
    const shift = length - done - bits;
    const chunk = Math.floor((target - 2 ** length) / 2 ** shift) % 2 ** bits;
    suffix = suffix * 2 ** bits + coder.raw(chunk, bits);
    done += bits;
  }
  return 2 ** length + suffix - 1;
}

/** The median predictor of LOCO-I from the left (a), upper (b) and upper-left (c) values. */
function medianPrediction(a: number, b: number, c: number): number {
  if (c >= Math.max(a, b)) return Math.min(a, b);
  if (c <= Math.min(a, b)) return Math.max(a, b);
  return a + b - c;
}

const magnitudeContext = (n: number) => (n === 0 ? 0 : n <= 2 ? 1 : 2);

/**
 * Codes every symbol of the layout in place: an encoder reads `symbols`, a decoder fills them.
 * @param symbols [layout.size] the quantized coefficients q in coefficient layout (dctPlanes.ts)
 */
function codeSymbols(coder: BitCoder, layout: DctLayout, symbols: Int32Array): void {
  layout.planes.forEach((plane) => {
    const m = new PlaneModels();
    const { paddedWidth: width, paddedHeight: height, offset } = plane;
    const blocksAcross = width / BLOCK;
    const hasAc = new Uint8Array(blocksAcross * (height / BLOCK));
    for (let by = 0; by < height / BLOCK; by++) {
      for (let bx = 0; bx < blocksAcross; bx++) {
        const base = offset + by * BLOCK * width + bx * BLOCK;
        const left = bx > 0 ? base - BLOCK : -1;
        const up = by > 0 ? base - BLOCK * width : -1;
        // DC
        const a = left >= 0 ? (symbols[left] as number) : up >= 0 ? (symbols[up] as number) : 0;
        const b = up >= 0 ? (symbols[up] as number) : a;
        const c = left >= 0 && up >= 0 ? (symbols[up - BLOCK] as number) : a;
        const prediction = medianPrediction(a, b, c);
        const activity = Math.abs(a - c) + Math.abs(b - c);
        const dcContext = activity === 0 ? 0 : activity <= 2 ? 1 : 2;
        const difference = (symbols[base] as number) - prediction;
        let decoded = 0;
        if (coder.bit(m.dcZero[dcContext] as AdaptiveBit, difference !== 0 ? 1 : 0) === 1) {
          const negative = coder.bit(m.dcSign[dcContext] as AdaptiveBit, difference < 0 ? 1 : 0);
          const magnitude = codeUnsigned(coder, m.dcPrefix, dcContext * MAX_PREFIX, Math.abs(difference) - 1) + 1;
          decoded = negative === 1 ? -magnitude : magnitude;
        }
        symbols[base] = prediction + decoded;
        // AC
        const block = by * blocksAcross + bx;
        let anyAc = 0;
        for (let i = 1; i < 64 && anyAc === 0; i++) {
          const pos = ZIGZAG[i] as number;
          if (symbols[base + (pos >> 3) * width + (pos & 7)] !== 0) anyAc = 1;
        }
        const neighbours =
          (bx > 0 ? (hasAc[block - 1] as number) : 0) + (by > 0 ? (hasAc[block - blocksAcross] as number) : 0);
        anyAc = coder.bit(m.anyAc[neighbours] as AdaptiveBit, anyAc);
        hasAc[block] = anyAc;
        // every AC of a decoded block starts at 0; an encoded block's trailing zeros are 0 already
        let lastNonzero = 0;
        if (anyAc === 1) {
          for (let i = 63; i >= 1; i--) {
            const pos = ZIGZAG[i] as number;
            if (symbols[base + (pos >> 3) * width + (pos & 7)] !== 0) {
              lastNonzero = i;
              break;
            }
          }
        }
        let previous = 0;
        let seen = false;
        for (let i = 1; i < 64 && anyAc === 1; i++) {
          const pos = ZIGZAG[i] as number;
          const at = base + (pos >> 3) * width + (pos & 7);
          const value = symbols[at] as number;
          const around =
            (left >= 0 ? Math.abs(symbols[at - BLOCK] as number) : 0) +
            (up >= 0 ? Math.abs(symbols[at - BLOCK * width] as number) : 0);
          const near = magnitudeContext(around);
          const band = BAND_OF[i] as number;
          // the last position of a block with some AC must be the nonzero one when none came before
          const nonzero =
            i === 63 && !seen
              ? 1
              : coder.bit(m.nonzero[(band * 3 + near) * 2 + previous] as AdaptiveBit, value !== 0 ? 1 : 0);
          previous = nonzero;
          if (nonzero === 0) {
            symbols[at] = 0;
            continue;
          }
          seen = true;
          let magnitude = 1;
          if (coder.bit(m.greaterThanOne[band * 3 + near] as AdaptiveBit, Math.abs(value) > 1 ? 1 : 0) === 1) {
            magnitude = codeUnsigned(coder, m.acPrefix, (near === 2 ? 1 : 0) * MAX_PREFIX, Math.abs(value) - 2) + 2;
          }
          const negative = coder.raw(value < 0 ? 1 : 0, 1);
          symbols[at] = negative === 1 ? -magnitude : magnitude;
          const last = i === 63 ? 1 : coder.bit(m.last[band] as AdaptiveBit, i === lastNonzero ? 1 : 0);
          if (last === 1) {
            for (let rest = i + 1; rest < 64; rest++) {
              const p = ZIGZAG[rest] as number;
              symbols[base + (p >> 3) * width + (p & 7)] = 0;
            }
            break;
          }
        }
        if (anyAc === 0) {
          for (let i = 1; i < 64; i++) {
            const p = ZIGZAG[i] as number;
            symbols[base + (p >> 3) * width + (p & 7)] = 0;
          }
        }
      }
    }
  });
}

/** What a DCT file holds besides its symbols; the image size is the container's. */
export interface DctSettings {
  colour: DctColour;
  /** the multiplier of JPEG's table (> 0) */
  step: number;
  /** the grid's spacing s (> 0): q's reconstruction is q s table step */
  spacing: number;
}

/**
 * Each coefficient's reconstruction level, table x (step x spacing), [layout.size] float64: the
 * one place the decoder and the lab's hard view compute it.
 */
export function reconstructionLevels(layout: DctLayout, step: number, spacing: number): Float64Array {
  const levels = tableEntries(layout);
  const unit = step * spacing;
  for (let i = 0; i < levels.length; i++) levels[i] = (levels[i] as number) * unit;
  return levels;
}

/** Quantized symbols q [layout.size] -> RGBA [H, W, 4]: q x level, inverse DCT, colour; float64 + and x only. */
export function symbolsToRgba(
  symbols: Int32Array,
  layout: DctLayout,
  step: number,
  spacing: number,
): Uint8ClampedArray {
  const levels = reconstructionLevels(layout, step, spacing);
  const coefficients = new Float64Array(layout.size);
  for (let i = 0; i < coefficients.length; i++) coefficients[i] = (symbols[i] as number) * (levels[i] as number);
  return coefficientsToRgba(coefficients, layout);
}

/** The DCT payload for the container: settings, then the coded symbols [layout.size]. */
export function encodeDctPayload(symbols: Int32Array, layout: DctLayout, settings: DctSettings): Uint8Array {
  if (symbols.length !== layout.size)
    throw new RangeError(`a DCT payload needs ${layout.size} symbols, got ${symbols.length}`);
  const writer = new ByteWriter();
  writer.u8(DCT_COLOURS.indexOf(settings.colour));
  writer.f64(settings.step);
  writer.f64(settings.spacing);
  const encoder = new RangeEncoder();
  codeSymbols(new Writing(encoder), layout, symbols.slice());
  writer.bytes(encoder.finish());
  return writer.finish();
}

/** The settings and symbols of a DCT payload; throws CodingError on bytes that cannot be one. */
export function decodeDctSymbols(
  payload: Uint8Array,
  width: number,
  height: number,
): { settings: DctSettings; layout: DctLayout; symbols: Int32Array } {
  const reader = new ByteReader(payload);
  const colour = DCT_COLOURS[reader.u8()];
  if (colour === undefined) throw new CodingError(`DCT colour id must be 0..${DCT_COLOURS.length - 1}`);
  const step = reader.f64();
  const spacing = reader.f64();
  if (!(Number.isFinite(step) && step > 0 && Number.isFinite(spacing) && spacing > 0)) {
    throw new CodingError(`DCT step and spacing must be finite and > 0, got ${step} and ${spacing}`);
  }
  const layout = dctLayout(width, height, colour);
  const decoder = new RangeDecoder(reader.rest());
  const symbols = new Int32Array(layout.size);
  codeSymbols(new Reading(decoder), layout, symbols);
  if (decoder.failed) throw new CodingError('the DCT symbols run past the end of the file');
  return { settings: { colour, step, spacing }, layout, symbols };
}

/** The container's decoder for DCT files (coding/payloads.ts). */
export function decodeDctPayload(payload: Uint8Array, header: LabFileHeader): Uint8ClampedArray {
  const { settings, layout, symbols } = decodeDctSymbols(payload, header.width, header.height);
  return symbolsToRgba(symbols, layout, settings.step, settings.spacing);
}
