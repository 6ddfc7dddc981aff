/**
 * The pixels transform's file payload: the quantizer's centers, then every hard index, channel
 * by channel (R plane, G plane, B plane, as pixels.ts lays them out), each channel through its own
 * adaptive model of L symbols (order 0, as the lab's entropy estimate counts them: one histogram
 * per channel, learned while coding instead of sent).
 *
 * Payload: u8 L (1..64), the L centers as f32 (little-endian), then the range coder's bytes to
 * the end. The decoder maps each index to its center and back through inputsToPixels and
 * planesToRgba, the functions the lab's hard view uses, so the decoded image equals it bit for bit
 * (float32 and float64 + - x / only).
 */
import { checkCenters, MAX_CENTERS } from '../../model/centers';
import { inputsToPixels, planesToRgba } from '../pixels';
import { AdaptiveModel } from './adaptiveModel';
import { ByteReader, ByteWriter, CodingError } from './bytes';
import type { LabFileHeader } from './container';
import { RangeDecoder, RangeEncoder } from './rangeCoder';

export interface PixelsFileInput {
  width: number;
  height: number;
  /** [L] the quantizer's centers, ascending (the lab's float32 makeCenters) */
  centers: ArrayLike<number>;
  /** [3, H, W] hard indices 0..L-1 (whole numbers; float32 from tfjs is fine) */
  indices: ArrayLike<number>;
}

/** The payload for `input` (container.encodeLabFile adds the header and checksum). */
export function encodePixelsPayload(input: PixelsFileInput): Uint8Array {
  const { width, height, indices } = input;
  const centers = checkCenters(input.centers);
  const n = width * height;
  if (indices.length !== 3 * n) {
    throw new RangeError(`a ${width} x ${height} image has ${3 * n} indices, got ${indices.length}`);
  }
  const writer = new ByteWriter();
  writer.u8(centers.length);
  for (const center of centers) writer.f32(center);
  const encoder = new RangeEncoder();
  for (let channel = 0; channel < 3; channel++) {
    const model = new AdaptiveModel(centers.length);
    for (let i = channel * n; i < (channel + 1) * n; i++) model.encode(encoder, indices[i] as number);
  }
  writer.bytes(encoder.finish());
  return writer.finish();
}

/** RGBA [H, W, 4] from a payload; throws CodingError for bytes no encoder writes. */
export function decodePixelsPayload(payload: Uint8Array, header: LabFileHeader): Uint8ClampedArray {
  const reader = new ByteReader(payload);
  const centerCount = reader.u8();
  if (centerCount < 1 || centerCount > MAX_CENTERS) {
    throw new CodingError(`L must lie in 1..${MAX_CENTERS}, got ${centerCount}`);
  }
  const centers = Float32Array.from({ length: centerCount }, () => reader.f32());
  if (centers.some((c) => !Number.isFinite(c))) throw new CodingError('a center is not finite');
  const { width, height } = header;
  const n = width * height;
  const hard = new Float32Array(3 * n);
  const decoder = new RangeDecoder(payload, reader.offset);
  for (let channel = 0; channel < 3; channel++) {
    const model = new AdaptiveModel(centerCount);
    for (let i = channel * n; i < (channel + 1) * n; i++) hard[i] = centers[model.decode(decoder)] as number;
    if (decoder.failed) throw new CodingError(`the coded indices end early (channel ${channel})`);
  }
  return planesToRgba(inputsToPixels(hard, centers), width, height);
}
