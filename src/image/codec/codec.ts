/**
 * The codec trained in the tab, end to end: colour transform, 9/7 wavelet, per-subband
 * quantizer, context-adaptive binary coding. `analyse` is the encoder's fixed part (run once per
 * image), `encodeCodecPayload` writes the file's payload, `decodeCodecPayload` reads it back, and
 * `reconstruct` is the decoder's arithmetic, which the encoder also uses for its hard view, so
 * the file decodes to that view bit for bit.
 *
 * Payload: levels (u8); the colour transform (9 matrix entries, 3 means, f32); the steps' shift
 * (u8) and per channel and subband the step (u16, in 2^shift / 256); per channel and detail level the offsets a_1..a_3 (i8, 1/256);
 * whether a post-filter follows (u8, 0 or 1) and per channel its 13 taps (i16, 1/4096; postFilter.ts);
 * then the range-coded decisions.
 */

import { ByteReader, ByteWriter, CodingError } from '../coding/bytes';
import { RangeDecoder, RangeEncoder } from '../coding/rangeCoder';
import { BitCounter, BitModels, BitReader, BitWriter } from './bitModels';
import { codeCoefficients, ModelLayout } from './coefficients';
import { fitColourTransform, forwardColour, inverseColourToRgba, type ColourTransform } from './colour';
import { CENTER_OFFSETS, dequantizePlanes, MAX_STEP_SHIFT, quantizePlanes, type QuantizerParams } from './quantizer';
import { applyPostFilter, FILTER_BYTES, FILTER_TAPS, fitPostFilterInParts } from './postFilter';
import { subbands, type Subband } from './subbands';
import { forwardWavelet, inverseWavelet, levelCount } from './wavelet';

/** Wavelet levels the codec asks for (fewer on small images, see levelCount). */
export const WANTED_LEVELS = 5;

export interface CodecParams extends QuantizerParams {
  colour: ColourTransform;
  /**
   * [3 * FILTER_TAPS] the post-filter's taps per channel, int16 in 1/4096 (identityFilter until
   * fitted), or [0]: no post-filter (NO_FILTER, where its bytes do not pay, postFilterPays)
   */
  filter: Int16Array;
}

/** The encoder's view of an image: its colour transform and wavelet coefficients. */
export interface Analysis {
  width: number;
  height: number;
  levels: number;
  bands: Subband[];
  colour: ColourTransform;
  /** [3] wavelet planes [H, W] (Mallat layout) of the colour-transformed channels */
  coefficients: Float64Array[];
}

/** Colour transform and wavelet of an RGBA image [H, W, 4]. */
export function analyse(rgba: Uint8ClampedArray, width: number, height: number): Analysis {
  const n = width * height;
  if (rgba.length !== 4 * n)
    throw new RangeError(`an RGBA image of ${width} x ${height} needs ${4 * n} bytes, got ${rgba.length}`);
  const planes = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    planes[i] = rgba[4 * i] as number;
    planes[n + i] = rgba[4 * i + 1] as number;
    planes[2 * n + i] = rgba[4 * i + 2] as number;
  }
  const colour = fitColourTransform(planes, n);
  const levels = levelCount(width, height, WANTED_LEVELS);
  const coefficients = forwardColour(planes, n, colour).map((plane) => forwardWavelet(plane, width, height, levels));
  return { width, height, levels, bands: subbands(width, height, levels), colour, coefficients };
}

/** The decoded colour-transform planes [3][H, W] before the post-filter (dequantize, inverse wavelet). */
function decodedPlanes(params: QuantizerParams, indices: readonly Int32Array[], width: number, height: number) {
  const bands = subbands(width, height, params.levels);
  return dequantizePlanes(params, indices, width, bands).map((plane) =>
    inverseWavelet(plane, width, height, params.levels),
  );
}

/** The decoder's arithmetic: indices -> RGBA (dequantize, inverse wavelet, post-filter, inverse colour). */
export function reconstruct(
  params: CodecParams,
  indices: readonly Int32Array[],
  width: number,
  height: number,
): Uint8ClampedArray {
  const planes = applyPostFilter(decodedPlanes(params, indices, width, height), params.filter, width, height);
  return inverseColourToRgba(planes, params.colour);
}

/**
 * The same quantizer with the post-filter fitted to this image (least squares of the decoded
 * planes against the original ones; the encoder's side); unchanged if it has no post-filter.
 */
export function withPostFilter(analysis: Analysis, params: CodecParams): CodecParams {
  const parts = withPostFilterInParts(analysis, params);
  for (;;) {
    const next = parts.next();
    if (next.done) return next.value;
  }
}

/** withPostFilter in parts: the decode, then each channel's fit (a page may draw between them). */
export function* withPostFilterInParts(analysis: Analysis, params: CodecParams): Generator<void, CodecParams> {
  if (params.filter.length === 0) return params;
  const { width, height, levels } = analysis;
  const decoded = decodedPlanes(params, quantize(analysis, params), width, height);
  const original = analysis.coefficients.map((plane) => inverseWavelet(plane.slice(), width, height, levels));
  yield;
  return { ...params, filter: yield* fitPostFilterInParts(decoded, original, width, height) };
}

/** The quantized indices of an analysed image under `params` (the hard assignment). */
export function quantize(analysis: Analysis, params: QuantizerParams): Int32Array[] {
  return quantizePlanes(params, analysis.coefficients, analysis.width, analysis.bands);
}

/** Bytes of the payload before the coded decisions; `filtered`: the post-filter's taps are there. */
export function headerBytes(levels: number, bandCount: number, filtered: boolean): number {
  return 1 + 12 * 4 + 1 + 3 * bandCount * 2 + 3 * levels * CENTER_OFFSETS + 1 + (filtered ? FILTER_BYTES : 0);
}

/**
 * The ideal adaptive code length of the indices, in bits (what the range coder spends to within
 * its rounding), and per channel and subband [3 * bands].
 */
export function countBits(
  indices: readonly Int32Array[],
  width: number,
  levels: number,
  bands: readonly Subband[],
): { bits: number; perBand: Float64Array } {
  const layout = new ModelLayout(levels);
  const counter = new BitCounter(new BitModels(layout.count), 3 * bands.length);
  codeCoefficients(counter, layout, indices, width, bands, (channel, band) => {
    counter.section = channel * bands.length + band.index;
  });
  return { bits: counter.bits, perBand: counter.sectionBits };
}

/** The payload: the parameters, then the range-coded indices. */
export function encodeCodecPayload(
  params: CodecParams,
  indices: readonly Int32Array[],
  width: number,
  height: number,
): Uint8Array {
  const bands = subbands(width, height, params.levels);
  const writer = new ByteWriter();
  writer.u8(params.levels);
  for (const value of params.colour.matrix) writer.f32(value);
  for (const value of params.colour.mean) writer.f32(value);
  writer.u8(params.stepShift);
  for (const step of params.steps) writer.u16(step);
  for (const offset of params.offsets) writer.u8(offset & 0xff);
  if (params.filter.length !== 0 && params.filter.length !== 3 * FILTER_TAPS)
    throw new RangeError(`a post-filter has 0 or ${3 * FILTER_TAPS} taps, got ${params.filter.length}`);
  writer.u8(params.filter.length === 0 ? 0 : 1);
  for (const tap of params.filter) writer.u16(tap & 0xffff);
  const layout = new ModelLayout(params.levels);
  const encoder = new RangeEncoder();
  codeCoefficients(new BitWriter(new BitModels(layout.count), encoder), layout, indices, width, bands);
  writer.bytes(encoder.finish());
  return writer.finish();
}

/** Reads a payload's parameters and indices; throws CodingError on bytes no encoder wrote. */
export function readCodecPayload(
  payload: Uint8Array,
  width: number,
  height: number,
): { params: CodecParams; indices: Int32Array[] } {
  const reader = new ByteReader(payload);
  const levels = reader.u8();
  if (levels !== levelCount(width, height, WANTED_LEVELS)) {
    throw new CodingError(
      `a ${width} x ${height} codec file has ${levelCount(width, height, WANTED_LEVELS)} levels, got ${levels}`,
    );
  }
  const matrix = Float64Array.from({ length: 9 }, () => reader.f32());
  const mean = Float64Array.from({ length: 3 }, () => reader.f32());
  if (![...matrix, ...mean].every(Number.isFinite))
    throw new CodingError('the colour transform holds a value that is not finite');
  const bands = subbands(width, height, levels);
  const stepShift = reader.u8();
  if (stepShift > MAX_STEP_SHIFT) throw new CodingError(`a step shift lies in 0..${MAX_STEP_SHIFT}, got ${stepShift}`);
  const steps = Uint16Array.from({ length: 3 * bands.length }, () => reader.u16());
  if (steps.some((step) => step === 0)) throw new CodingError('a quantizer step of 0');
  const offsets = Int8Array.from({ length: 3 * levels * CENTER_OFFSETS }, () => (reader.u8() << 24) >> 24);
  const filtered = reader.u8();
  if (filtered > 1) throw new CodingError(`the post-filter flag is 0 or 1, got ${filtered}`);
  const filter = Int16Array.from({ length: filtered * 3 * FILTER_TAPS }, () => (reader.u16() << 16) >> 16);
  const params: CodecParams = {
    levels,
    bandCount: bands.length,
    steps,
    stepShift,
    offsets,
    colour: { matrix, mean },
    filter,
  };
  const layout = new ModelLayout(levels);
  const decoder = new RangeDecoder(payload, reader.offset);
  const indices = [0, 1, 2].map(() => new Int32Array(width * height));
  codeCoefficients(new BitReader(new BitModels(layout.count), decoder), layout, indices, width, bands);
  if (decoder.failed) throw new CodingError('the coded coefficients end early or hold an impossible state');
  return { params, indices };
}

/** Payload -> RGBA [H, W, 4]: the codec's decoder. */
export function decodeCodecPayload(payload: Uint8Array, width: number, height: number): Uint8ClampedArray {
  const { params, indices } = readCodecPayload(payload, width, height);
  return reconstruct(params, indices, width, height);
}
