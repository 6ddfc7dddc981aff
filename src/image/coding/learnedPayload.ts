/**
 * The learned codecs' file payload: the decoder network itself (its weights quantized and coded,
 * since a reader of the file has no other way to get them), then the latent symbols. The honest
 * rate counts both.
 *
 * Payload (little-endian):
 *   u8 model (0 block, 1 conv)
 *   block: u8 block side b, u16 hidden H, u16 channels C     conv: u8 kernel k, u16 filters F, u16 channels C
 *   u8 L, then L x f32 centers
 *   per decoder tensor (block: w3 b3 w4 b4; conv: D1 d1 D2 d2 D3 d3): f32 step
 *   the range coder's bytes to the end:
 *     per tensor, each weight as q = round(w / step): its bit length (adaptive model per tensor),
 *     the bits below its leading one, and a sign bit
 *     per latent row (block, or conv position in raster order), per channel: the symbol
 *     (one adaptive model of L symbols per channel)
 *
 * Each tensor's step is its root mean square / 2^WEIGHT_STEP_BITS. The decoder dequantizes
 * (w = q x step) and runs plainDecoder.ts in float64, so the image is the same on every browser;
 * the lab's hard view for a learned model is this decoded image.
 */
import { MAX_CENTERS } from '../../model/centers';
import { blockGrid, blocksToImage, blockValueCount, MAX_BLOCK_SIZE, paddedToRgba } from '../learned/blocks';
import {
  decodeBlocksPlain,
  decodeConvPlain,
  type ConvDecoderWeights,
  type ConvLatentMap,
} from '../learned/plainDecoder';
import { AdaptiveModel } from './adaptiveModel';
import { ByteReader, ByteWriter, CodingError } from './bytes';
import type { LabFileHeader } from './container';
import { RangeDecoder, RangeEncoder } from './rangeCoder';

/**
 * Each weight's quantization step is the tensor's RMS over 2^this: about 5 bits a weight. Measured
 * on the block model trained 400 steps on a 128 x 128 crop of astronaut (λ = 0.002, PSNR 22.57 dB
 * with float weights): RMS/4, /8, /16, /32 cost 0.44, 0.10, 0.05, 0.01 dB for 4.0, 5.0, 6.0, 7.0
 * bits a weight; at 512 x 512 a bit a weight is 0.052 bpp, and the codec's own loss D + λR is
 * lowest at RMS/8.
 */
export const WEIGHT_STEP_BITS = 3;
/** Bit lengths of |q| up to this are codable (|q| < 2^30). */
const MAX_BIT_LENGTH = 30;
/** The most multiply-adds a file may ask the decoder for (a 512 x 512 conv decode is about 6e8). */
const MAX_DECODE_WORK = 4e9;
/** Pixels per latent row of the conv model (its three stride-2 layers). */
const CONV_SIDE = 8;

export type LearnedFileModel =
  | { kind: 'block'; blockSize: number; hidden: number; channels: number }
  | { kind: 'conv'; kernelSize: number; filters: number; channels: number };

export interface LearnedFileInput {
  width: number;
  height: number;
  model: LearnedFileModel;
  centers: ArrayLike<number>;
  /** the decoder tensors in file order (decoderShapes), float32 from tfjs */
  decoder: readonly ArrayLike<number>[];
  /** [rows, C] hard indices 0..L-1, rows = blocks (row-major grid) or conv positions (raster) */
  indices: ArrayLike<number>;
}

/** The decoder tensors' sizes in file order. */
export function decoderSizes(model: LearnedFileModel): number[] {
  if (model.kind === 'block') {
    const d = blockValueCount(model.blockSize);
    return [model.channels * model.hidden, model.hidden, model.hidden * d, d];
  }
  const { kernelSize: k, filters: f, channels: c } = model;
  return [k * k * f * c, f, k * k * f * f, f, k * k * 3 * f, 3];
}

/** Latent rows of a model on a width x height image. */
function latentGrid(model: LearnedFileModel, width: number, height: number): { rows: number; columns: number } {
  const side = model.kind === 'block' ? model.blockSize : CONV_SIDE;
  return { rows: Math.ceil(height / side), columns: Math.ceil(width / side) };
}

/** The step a tensor's weights are quantized with (its RMS / 2^WEIGHT_STEP_BITS, as float32; 1 for all zeros). */
export function weightStep(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) ** 2;
  const rms = Math.sqrt(sum / Math.max(1, values.length));
  const step = Math.fround(rms / 2 ** WEIGHT_STEP_BITS);
  return step > 0 && Number.isFinite(step) ? step : 1;
}

function bitLength(magnitude: number): number {
  let length = 0;
  while (magnitude >= 2 ** length) length++;
  return length;
}

function encodeInteger(encoder: RangeEncoder, lengths: AdaptiveModel, value: number): void {
  const magnitude = Math.abs(value);
  const length = bitLength(magnitude);
  if (length > MAX_BIT_LENGTH)
    throw new RangeError(`a quantized weight must be below 2^${MAX_BIT_LENGTH}, got ${value}`);
  lengths.encode(encoder, length);
  if (length === 0) return;
  // the bits below the leading one, at most 16 at a time
  let rest = magnitude - 2 ** (length - 1);
  for (let bits = length - 1; bits > 0;) {
    const chunk = Math.min(16, bits);
    bits -= chunk;
    encoder.encodeBits(Math.floor(rest / 2 ** bits), chunk);
    rest %= 2 ** bits;
  }
  encoder.encodeBits(value < 0 ? 1 : 0, 1);
}

function decodeInteger(decoder: RangeDecoder, lengths: AdaptiveModel): number {
  const length = lengths.decode(decoder);
  if (length === 0) return 0;
  let magnitude = 1;
  for (let bits = length - 1; bits > 0;) {
    const chunk = Math.min(16, bits);
    bits -= chunk;
    magnitude = magnitude * 2 ** chunk + decoder.decodeBits(chunk);
  }
  return decoder.decodeBits(1) === 1 ? -magnitude : magnitude;
}

function writeModel(writer: ByteWriter, model: LearnedFileModel): void {
  writer.u8(model.kind === 'block' ? 0 : 1);
  writer.u8(model.kind === 'block' ? model.blockSize : model.kernelSize);
  writer.u16(model.kind === 'block' ? model.hidden : model.filters);
  writer.u16(model.channels);
}

function readModel(reader: ByteReader): LearnedFileModel {
  const kind = reader.u8();
  const side = reader.u8();
  const width = reader.u16();
  const channels = reader.u16();
  if (channels < 1 || channels > 256) throw new CodingError(`channels must lie in 1..256, got ${channels}`);
  if (kind === 0) {
    if (side < 1 || side > MAX_BLOCK_SIZE)
      throw new CodingError(`block side must lie in 1..${MAX_BLOCK_SIZE}, got ${side}`);
    if (width < 1 || width > 1024) throw new CodingError(`hidden units must lie in 1..1024, got ${width}`);
    return { kind: 'block', blockSize: side, hidden: width, channels };
  }
  if (kind !== 1) throw new CodingError(`model kind must be 0 (block) or 1 (conv), got ${kind}`);
  if (side < 1 || side > 9 || side % 2 === 0) throw new CodingError(`kernel side must be odd in 1..9, got ${side}`);
  if (width < 1 || width > 256) throw new CodingError(`filters must lie in 1..256, got ${width}`);
  return { kind: 'conv', kernelSize: side, filters: width, channels };
}

/** The payload for `input` (container.encodeLabFile adds the header and checksum). */
export function encodeLearnedPayload(input: LearnedFileInput): Uint8Array {
  const { model, centers, decoder, indices, width, height } = input;
  const sizes = decoderSizes(model);
  if (decoder.length !== sizes.length || decoder.some((tensor, i) => tensor.length !== sizes[i])) {
    throw new RangeError(`the ${model.kind} decoder's tensors must have ${sizes.join(', ')} values`);
  }
  const { rows, columns } = latentGrid(model, width, height);
  if (indices.length !== rows * columns * model.channels) {
    throw new RangeError(
      `${rows} x ${columns} latent rows of ${model.channels} need ${rows * columns * model.channels} indices, got ${indices.length}`,
    );
  }
  if (centers.length < 1 || centers.length > MAX_CENTERS)
    throw new RangeError(`L must lie in 1..${MAX_CENTERS}, got ${centers.length}`);
  const writer = new ByteWriter();
  writeModel(writer, model);
  writer.u8(centers.length);
  for (let j = 0; j < centers.length; j++) writer.f32(centers[j] as number);
  const steps = decoder.map(weightStep);
  for (const step of steps) writer.f32(step);
  const encoder = new RangeEncoder();
  decoder.forEach((values, t) => {
    const lengths = new AdaptiveModel(MAX_BIT_LENGTH + 1);
    const step = steps[t] as number;
    for (let i = 0; i < values.length; i++) encodeInteger(encoder, lengths, Math.round((values[i] as number) / step));
  });
  const symbolModels = Array.from({ length: model.channels }, () => new AdaptiveModel(centers.length));
  for (let i = 0; i < indices.length; i++) symbolModels[i % model.channels]?.encode(encoder, indices[i] as number);
  writer.bytes(encoder.finish());
  return writer.finish();
}

/**
 * A conv file's decoder and latents, read from its payload: what is left is the decoder's run
 * (decodeConvPlain, or decodeConvRows by bands in workers), then convValuesToRgba.
 */
export interface ConvDecodeJob {
  kind: 'conv';
  weights: ConvDecoderWeights;
  latentMap: ConvLatentMap;
  /** [latentMap.height, latentMap.width, C] the dequantized latents */
  latents: Float64Array;
  width: number;
  height: number;
}

/** RGBA [H, W, 4] from a payload; throws CodingError for bytes no encoder writes. */
export function decodeLearnedPayload(payload: Uint8Array, header: LabFileHeader): Uint8ClampedArray {
  const read = readLearnedPayload(payload, header);
  if (read.kind === 'rgba') return read.rgba;
  const { weights, latentMap, latents } = read;
  const { kernelSize, channels, height, width } = latentMap;
  return convValuesToRgba(read, decodeConvPlain(weights, kernelSize, channels, height, width, latents));
}

/** The conv decoder's [8h, 8w, 3] values as the file's RGBA [H, W, 4]. */
export function convValuesToRgba(job: ConvDecodeJob, values: Float64Array): Uint8ClampedArray {
  return paddedToRgba(values, job.latentMap.width * CONV_SIDE, job.width, job.height);
}

/**
 * A payload read up to the decoder's run: a block file decoded (cheap), a conv file's job;
 * throws CodingError for bytes no encoder writes.
 */
export function readLearnedPayload(
  payload: Uint8Array,
  header: LabFileHeader,
): { kind: 'rgba'; rgba: Uint8ClampedArray } | ConvDecodeJob {
  const { width, height } = header;
  const reader = new ByteReader(payload);
  const model = readModel(reader);
  const levels = reader.u8();
  if (levels < 1 || levels > MAX_CENTERS) throw new CodingError(`L must lie in 1..${MAX_CENTERS}, got ${levels}`);
  const centers = Float64Array.from({ length: levels }, () => reader.f32());
  if (centers.some((c) => !Number.isFinite(c))) throw new CodingError('a center is not finite');
  const sizes = decoderSizes(model);
  const steps = sizes.map(() => reader.f32());
  if (steps.some((s) => !(Number.isFinite(s) && s > 0)))
    throw new CodingError('a weight step is not a finite number > 0');
  const { rows, columns } = latentGrid(model, width, height);
  const weightCount = sizes.reduce((a, b) => a + b, 0);
  if (rows * columns * weightCount * (model.kind === 'block' ? 1 : 16) > MAX_DECODE_WORK) {
    throw new CodingError(`decoding this file would take more than ${MAX_DECODE_WORK} multiply-adds`);
  }
  const decoder = new RangeDecoder(payload, reader.offset);
  const tensors = sizes.map((size, t) => {
    const lengths = new AdaptiveModel(MAX_BIT_LENGTH + 1);
    const step = steps[t] as number;
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) values[i] = decodeInteger(decoder, lengths) * step;
    if (decoder.failed) throw new CodingError(`the weights end early (tensor ${t})`);
    return values;
  });
  const latents = new Float64Array(rows * columns * model.channels);
  const symbolModels = Array.from({ length: model.channels }, () => new AdaptiveModel(levels));
  for (let i = 0; i < latents.length; i++) {
    latents[i] = centers[(symbolModels[i % model.channels] as AdaptiveModel).decode(decoder)] as number;
  }
  if (decoder.failed) throw new CodingError('the latent symbols end early');
  const [t0, t1, t2, t3, t4, t5] = tensors as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array?,
    Float64Array?,
  ];
  if (model.kind === 'block') {
    const blocks = decodeBlocksPlain({ w3: t0, b3: t1, w4: t2, b4: t3 }, model.channels, latents);
    return { kind: 'rgba', rgba: blocksToImage(blocks, blockGrid(width, height, model.blockSize)) };
  }
  return {
    kind: 'conv',
    weights: { filter1: t0, bias1: t1, filter2: t2, bias2: t3, filter3: t4 as Float64Array, bias3: t5 as Float64Array },
    latentMap: { height: rows, width: columns, channels: model.channels, kernelSize: model.kernelSize },
    latents,
    width,
    height,
  };
}
