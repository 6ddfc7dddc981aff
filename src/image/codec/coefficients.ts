/**
 * How the quantized coefficients become binary decisions, and the contexts that choose each
 * decision's adaptive model. One traversal serves the counter, the writer and the reader
 * (BitCoder): when decoding, the values passed in are ignored and the planes are filled.
 *
 * Detail subbands, in raster order: a zero flag whose context is the neighbours' and parent's
 * magnitudes (2|W| + 2|N| + |NW| + |NE| + 2|parent|, plus the first channel's magnitude at the
 * same place for the other two), then "above 1" and "above 2" flags, then the rest as an
 * Exp-Golomb code with adaptive prefix bits, then the sign (equiprobable). The LL band is coded
 * as the residual of the LOCO-I median predictor from its coded neighbours, the same way.
 */

import type { BitCoder } from './bitModels';
import type { Subband } from './subbands';

/** Neighbourhood magnitude -> context class 0..7. */
const MAGNITUDE_CLASS = Uint8Array.from({ length: 64 }, (_, m) =>
  m === 0 ? 0 : m === 1 ? 1 : m === 2 ? 2 : m <= 4 ? 3 : m <= 7 ? 4 : m <= 12 ? 5 : m <= 20 ? 6 : 7,
);
const CLASSES = 8;
/** Exp-Golomb prefixes longer than this have no own model (they share the last one). */
const PREFIX_MODELS = 18;
/** The longest prefix a stream may hold: values below 2^24 (a longer one is a damaged stream). */
const MAX_PREFIX = 24;

const classOf = (m: number): number => MAGNITUDE_CLASS[m > 63 ? 63 : m] as number;

/** Where each kind of model starts in one BitModels array, for `levels` levels. */
export class ModelLayout {
  readonly zero: number;
  readonly above1: number;
  readonly above2: number;
  readonly prefix: number;
  readonly lowZero: number;
  readonly lowPrefix: number;
  readonly count: number;

  constructor(readonly levels: number) {
    const detail = 3 * levels * 2 * CLASSES;
    this.zero = 0;
    this.above1 = this.zero + detail;
    this.above2 = this.above1 + detail;
    this.prefix = this.above2 + 3 * levels * 4;
    this.lowZero = this.prefix + 3 * levels * PREFIX_MODELS;
    this.lowPrefix = this.lowZero + 3 * CLASSES;
    this.count = this.lowPrefix + 3 * PREFIX_MODELS;
  }
}

/**
 * Exp-Golomb (order 0) of value >= 0: the prefix's unary bits through models prefixBase + i,
 * the suffix bypassed. Returns the value (read back when decoding).
 */
function codeExpGolomb(coder: BitCoder, prefixBase: number, value: number): number {
  const plus = value + 1;
  let length = 0;
  if (!coder.decoding) while (plus >> (length + 1) > 0) length++;
  let prefix = 0;
  while (coder.bit(prefixBase + (prefix < PREFIX_MODELS - 1 ? prefix : PREFIX_MODELS - 1), prefix < length ? 1 : 0)) {
    prefix++;
    if (prefix > MAX_PREFIX)
      throw new RangeError(`an Exp-Golomb prefix longer than ${MAX_PREFIX} bits: a damaged stream`);
  }
  let result = 1;
  for (let i = prefix - 1; i >= 0; i--) result = 2 * result + coder.bypass((plus >> i) & 1);
  return result - 1;
}

/**
 * A signed value through zero flag (model zeroModel), above-1 and above-2 flags (models above1,
 * above2; -1 for none: those values go to the Exp-Golomb code), Exp-Golomb rest and sign.
 */
function codeSigned(
  coder: BitCoder,
  value: number,
  zeroModel: number,
  above1: number,
  above2: number,
  prefixBase: number,
): number {
  const magnitude = value < 0 ? -value : value;
  if (!coder.bit(zeroModel, magnitude === 0 ? 0 : 1)) return 0;
  let result: number;
  if (above1 < 0) {
    result = 1 + codeExpGolomb(coder, prefixBase, magnitude - 1);
  } else if (!coder.bit(above1, magnitude > 1 ? 1 : 0)) {
    result = 1;
  } else if (!coder.bit(above2, magnitude > 2 ? 1 : 0)) {
    result = 2;
  } else {
    result = 3 + codeExpGolomb(coder, prefixBase, magnitude - 3);
  }
  return coder.bypass(value < 0 ? 1 : 0) ? -result : result;
}

/** The LL band of one channel: median prediction, residual coded. */
function codeLowBand(
  coder: BitCoder,
  layout: ModelLayout,
  plane: Int32Array,
  stride: number,
  band: Subband,
  channel: number,
) {
  for (let y = 0; y < band.height; y++) {
    for (let x = 0; x < band.width; x++) {
      const at = y * stride + x;
      const west = x > 0 ? (plane[at - 1] as number) : y > 0 ? (plane[at - stride] as number) : 0;
      const north = y > 0 ? (plane[at - stride] as number) : west;
      const northWest = x > 0 && y > 0 ? (plane[at - stride - 1] as number) : north;
      const high = west > north ? west : north;
      const low = west > north ? north : west;
      const prediction = northWest >= high ? low : northWest <= low ? high : west + north - northWest;
      const activity = Math.abs(west - northWest) + Math.abs(north - northWest);
      const residual = codeSigned(
        coder,
        (plane[at] as number) - prediction,
        layout.lowZero + channel * CLASSES + classOf(activity),
        -1,
        -1,
        layout.lowPrefix + channel * PREFIX_MODELS,
      );
      if (coder.decoding) plane[at] = prediction + residual;
    }
  }
}

/** Which group of models a detail band's zero and above-1 flags use: per channel, level, HH or not. */
export function contextGroup(levels: number, channel: number, band: Subband): number {
  return (channel * levels + band.level - 1) * 2 + (band.orientation === 'HH' ? 1 : 0);
}

/** How many context groups and classes detail bands have: groups x CONTEXT_CLASSES zero-flag models. */
export const CONTEXT_CLASSES = CLASSES;
export const contextGroupCount = (levels: number): number => 3 * levels * 2;

/**
 * The context class (0..7) of the coefficient at (x, y) of a detail band, from the coded
 * neighbours (W, N, NW, NE), the parent and, for channels 1 and 2, the first channel (`guide`).
 */
export function detailContext(
  plane: Int32Array,
  guide: Int32Array | null,
  stride: number,
  band: Subband,
  parent: Subband | null,
  x: number,
  y: number,
): number {
  const at = (band.y0 + y) * stride + band.x0 + x;
  let m = 0;
  if (x > 0) m += 2 * Math.abs(plane[at - 1] as number);
  if (y > 0) {
    m += 2 * Math.abs(plane[at - stride] as number);
    if (x > 0) m += Math.abs(plane[at - stride - 1] as number);
    if (x + 1 < band.width) m += Math.abs(plane[at - stride + 1] as number);
  }
  if (parent !== null) {
    const py = parent.y0 + Math.min(y >> 1, parent.height - 1);
    const px = parent.x0 + Math.min(x >> 1, parent.width - 1);
    m += 2 * Math.abs(plane[py * stride + px] as number);
  }
  if (guide !== null) m += Math.abs(guide[at] as number);
  return classOf(m);
}

/** One detail band of one channel; `guide` is the first channel's plane (null for it). */
function codeDetailBand(
  coder: BitCoder,
  layout: ModelLayout,
  plane: Int32Array,
  guide: Int32Array | null,
  stride: number,
  band: Subband,
  parent: Subband | null,
  channel: number,
) {
  const group = contextGroup(layout.levels, channel, band);
  const zeroBase = layout.zero + group * CLASSES;
  const above1Base = layout.above1 + group * CLASSES;
  const above2Base = layout.above2 + (channel * layout.levels + band.level - 1) * 4;
  const prefixBase = layout.prefix + (channel * layout.levels + band.level - 1) * PREFIX_MODELS;
  for (let y = 0; y < band.height; y++) {
    const row = (band.y0 + y) * stride + band.x0;
    for (let x = 0; x < band.width; x++) {
      const c = detailContext(plane, guide, stride, band, parent, x, y);
      const value = codeSigned(
        coder,
        plane[row + x] as number,
        zeroBase + c,
        above1Base + c,
        above2Base + (c >> 1),
        prefixBase,
      );
      if (coder.decoding) plane[row + x] = value;
    }
  }
}

/**
 * Codes the three channels' quantized planes [H, W] (Mallat layout), channel by channel, each
 * band by band in coding order. `onBand(channel, band)` runs before each band (the counter uses
 * it to account the bits per subband).
 */
export function codeCoefficients(
  coder: BitCoder,
  layout: ModelLayout,
  planes: readonly Int32Array[],
  width: number,
  bands: readonly Subband[],
  onBand?: (channel: number, band: Subband) => void,
): void {
  planes.forEach((plane, channel) => {
    const guide = channel === 0 ? null : (planes[0] as Int32Array);
    for (const band of bands) {
      onBand?.(channel, band);
      if (band.orientation === 'LL') codeLowBand(coder, layout, plane, width, band, channel);
      else {
        const parent = band.parent >= 0 ? (bands[band.parent] as Subband) : null;
        codeDetailBand(coder, layout, plane, guide, width, band, parent, channel);
      }
    }
  });
}
