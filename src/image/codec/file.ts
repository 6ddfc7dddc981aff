/**
 * The codec's place in the lab file (src/image/coding/container.ts): transform id 3, 'codec'.
 */
import { CHECKSUM_BYTES, encodeLabFile, HEADER_BYTES } from '../coding/container';
import { encodeCodecPayload, type CodecParams } from './codec';

/** Bytes the container adds around a payload (header and checksum). */
export const CONTAINER_BYTES = HEADER_BYTES + CHECKSUM_BYTES;

/** The whole lab file of a coded image. */
export function writeCodecFile(
  params: CodecParams,
  indices: readonly Int32Array[],
  width: number,
  height: number,
): Uint8Array {
  return encodeLabFile('codec', width, height, encodeCodecPayload(params, indices, width, height));
}
