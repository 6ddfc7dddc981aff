/**
 * The lab's file: one compressed image, whichever transform coded it.
 *
 *   offset 0  'QPLF'            magic (4 bytes)
 *          4  version           u8 (FILE_VERSION)
 *          5  transform id      u8 (0 pixels, 1 dct, 2 learned, 3 codec)
 *          6  width, height     u16 each, little-endian, 1..MAX_FILE_SIDE
 *         10  payload           the transform's own bytes (its settings, tables, coded symbols)
 *    end - 4  CRC-32            u32 of every byte before it (so a damaged file is told apart
 *                               from a valid one, not decoded into a wrong image)
 *
 * `decodeLabFile` reads any such file through the payload decoder registered for its transform
 * (PAYLOAD_DECODERS below: the one place a transform plugs its decoder in). It never throws.
 */

import { ByteReader, ByteWriter, CodingError } from './bytes';
import { PAYLOAD_DECODERS } from './payloads';

export const MAGIC = [0x51, 0x50, 0x4c, 0x46] as const; // 'QPLF'
/** The version written. 2: the codec's payload carries its post-filter (a flag byte, then the taps). */
export const FILE_VERSION = 2;
/** The header's length in bytes (magic, version, transform, width, height). */
export const HEADER_BYTES = 10;
/** The checksum's length in bytes, at the file's end. */
export const CHECKSUM_BYTES = 4;
/** The largest side a file may declare (the lab works at 512 at most). */
export const MAX_FILE_SIDE = 4096;

/** Transform ids as the file stores them. */
export const TRANSFORM_IDS = { pixels: 0, dct: 1, learned: 2, codec: 3 } as const;
export type TransformName = keyof typeof TRANSFORM_IDS;

/**
 * The oldest version whose payload for each transform this app reads as written: a file from
 * before a transform's payload changed is refused with a message, never decoded into a wrong image.
 */
export const READABLE_FROM: Record<TransformName, number> = { pixels: 1, dct: 1, learned: 1, codec: 2 };

export interface LabFileHeader {
  version: number;
  transform: TransformName;
  width: number;
  height: number;
}

/** Why bytes are not a readable lab file. */
export type LabFileFailure =
  /** no 'QPLF' magic: some other kind of file */
  | 'foreign'
  /** a newer (or unknown) format version */
  | 'unsupported-version'
  /** a transform id this version does not know, or one with no decoder here yet */
  | 'unsupported-transform'
  /** a size of 0 or above MAX_FILE_SIDE */
  | 'bad-size'
  /** truncated, checksum mismatch, or a payload its decoder cannot read */
  | 'damaged';

export type HeaderResult = { ok: true; header: LabFileHeader } | { ok: false; reason: LabFileFailure };

export type DecodeResult =
  | { ok: true; rgba: Uint8ClampedArray; width: number; height: number; transform: TransformName }
  | { ok: false; reason: LabFileFailure; detail: string };

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip and PNG compute it. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const TRANSFORM_BY_ID = new Map<number, TransformName>(
  Object.entries(TRANSFORM_IDS).map(([name, id]) => [id, name as TransformName]),
);

/** Whether the bytes begin with the lab file's magic (how the lab's input tells its files apart). */
export function hasLabMagic(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((byte, i) => bytes[i] === byte);
}

/** The header of a lab file, or why the bytes are not one. Checks the magic, version, transform and size. */
export function readHeader(bytes: Uint8Array): HeaderResult {
  if (!hasLabMagic(bytes)) return { ok: false, reason: 'foreign' };
  if (bytes.length < HEADER_BYTES) return { ok: false, reason: 'damaged' };
  const reader = new ByteReader(bytes, MAGIC.length);
  const version = reader.u8();
  if (version > FILE_VERSION || version < 1) return { ok: false, reason: 'unsupported-version' };
  const transform = TRANSFORM_BY_ID.get(reader.u8());
  if (transform === undefined) return { ok: false, reason: 'unsupported-transform' };
  if (version < READABLE_FROM[transform]) return { ok: false, reason: 'unsupported-version' };
  const width = reader.u16();
  const height = reader.u16();
  if (width < 1 || height < 1 || width > MAX_FILE_SIDE || height > MAX_FILE_SIDE)
    return { ok: false, reason: 'bad-size' };
  return { ok: true, header: { version, transform, width, height } };
}

/** Header + payload + checksum: the whole file. */
export function encodeLabFile(
  transform: TransformName,
  width: number,
  height: number,
  payload: Uint8Array,
): Uint8Array {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) {
    throw new RangeError(`a lab file needs a whole size >= 1, got ${width} x ${height}`);
  }
  if (width > MAX_FILE_SIDE || height > MAX_FILE_SIDE) {
    throw new RangeError(`a lab file's sides must be <= ${MAX_FILE_SIDE}, got ${width} x ${height}`);
  }
  const writer = new ByteWriter();
  for (const byte of MAGIC) writer.u8(byte);
  writer.u8(FILE_VERSION);
  writer.u8(TRANSFORM_IDS[transform]);
  writer.u16(width);
  writer.u16(height);
  writer.bytes(payload);
  const body = writer.finish();
  writer.u32(crc32(body));
  return writer.finish();
}

/** The payload of a checked file (a view into `bytes`), or why there is none. */
export function readPayload(
  bytes: Uint8Array,
): { ok: true; header: LabFileHeader; payload: Uint8Array } | DecodeFailure {
  const header = readHeader(bytes);
  if (!header.ok) return { ok: false, reason: header.reason, detail: `header: ${header.reason}` };
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
    return {
      ok: false,
      reason: 'damaged',
      detail: `a lab file is at least ${HEADER_BYTES + CHECKSUM_BYTES} bytes, got ${bytes.length}`,
    };
  }
  const bodyEnd = bytes.length - CHECKSUM_BYTES;
  const stored = new ByteReader(bytes, bodyEnd).u32();
  const computed = crc32(bytes.subarray(0, bodyEnd));
  if (stored !== computed) {
    return {
      ok: false,
      reason: 'damaged',
      detail: `checksum ${computed.toString(16)} differs from the stored ${stored.toString(16)}`,
    };
  }
  return { ok: true, header: header.header, payload: bytes.subarray(HEADER_BYTES, bodyEnd) };
}

type DecodeFailure = Extract<DecodeResult, { ok: false }>;

/** Decodes any lab file to RGBA [H, W, 4]; never throws (every failure is a reason). */
export function decodeLabFile(bytes: Uint8Array): DecodeResult {
  try {
    const checked = readPayload(bytes);
    if (!checked.ok) return checked;
    const { header, payload } = checked;
    const decoder = PAYLOAD_DECODERS[header.transform];
    if (decoder === undefined) {
      return { ok: false, reason: 'unsupported-transform', detail: `no decoder for ${header.transform} files here` };
    }
    const rgba = decoder(payload, header);
    if (rgba.length !== 4 * header.width * header.height) {
      return {
        ok: false,
        reason: 'damaged',
        detail: `decoded ${rgba.length} bytes for ${header.width} x ${header.height}`,
      };
    }
    return { ok: true, rgba, width: header.width, height: header.height, transform: header.transform };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, reason: 'damaged', detail };
  }
}

export { CodingError };
