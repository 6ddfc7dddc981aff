/**
 * The registration point for transforms' file payloads: PAYLOAD_DECODERS maps a transform to the
 * function that turns its payload back into RGBA. A transform with a file adds one line here;
 * its encoder is called directly by whoever builds the file (payload bytes, then
 * container.encodeLabFile). A decoder may throw (CodingError for bad bytes): decodeLabFile
 * catches every throw and reports the file as damaged. It must use integers or float64 + and x
 * only (no tfjs, no Math.exp), so that the decoded image is the same on every browser.
 */
import { decodeCodecPayload } from '../codec/codec';
import { decodeDctPayload } from '../dctCoding';
import type { LabFileHeader, TransformName } from './container';
import { decodeLearnedPayload } from './learnedPayload';
import { decodePixelsPayload } from './pixelsPayload';

/** Payload bytes (a view, after the header, before the checksum) -> RGBA [H, W, 4] of header's size. */
export type PayloadDecoder = (payload: Uint8Array, header: LabFileHeader) => Uint8ClampedArray;

export const PAYLOAD_DECODERS: Partial<Record<TransformName, PayloadDecoder>> = {
  pixels: decodePixelsPayload,
  dct: decodeDctPayload,
  learned: decodeLearnedPayload,
  codec: (payload, header) => decodeCodecPayload(payload, header.width, header.height),
};
