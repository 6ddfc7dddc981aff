import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECKSUM_BYTES,
  FILE_VERSION,
  HEADER_BYTES,
  crc32,
  decodeLabFile,
  encodeLabFile,
  readHeader,
  readPayload,
} from '../src/image/coding/container';

describe('lab file container', () => {
  it('CRC-32 matches the standard check value ("123456789" -> cbf43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  it('writes magic, version, transform, size, payload and checksum, and reads them back', () => {
    const payload = Uint8Array.of(9, 8, 7);
    const file = encodeLabFile('learned', 300, 2, payload);
    expect(file.length).toBe(HEADER_BYTES + payload.length + CHECKSUM_BYTES);
    expect(Array.from(file.subarray(0, 10))).toEqual([0x51, 0x50, 0x4c, 0x46, 2, 2, 300 & 0xff, 300 >> 8, 2, 0]);
    expect(readHeader(file)).toEqual({ ok: true, header: { version: 2, transform: 'learned', width: 300, height: 2 } });
    const read = readPayload(file);
    expect(read.ok && Array.from(read.payload)).toEqual([9, 8, 7]);
  });

  it('names foreign, unsupported and damaged bytes', () => {
    const file = encodeLabFile('pixels', 4, 4, Uint8Array.of(1, 2, 3, 4));
    expect(readHeader(new TextEncoder().encode('\x89PNG\r\n')).ok).toBe(false);
    expect(decodeLabFile(new TextEncoder().encode('\x89PNG....')).ok ? null : 'foreign').toBe('foreign');
    const newer = file.slice();
    newer[4] = FILE_VERSION + 1;
    expect(readHeader(newer)).toEqual({ ok: false, reason: 'unsupported-version' });
    // a version-1 file: its pixels payload is read as written; a version-1 codec file (before the
    // post-filter) is refused, not decoded wrongly
    const older = file.slice();
    older[4] = 1;
    expect(readHeader(older)).toMatchObject({ ok: true, header: { version: 1, transform: 'pixels' } });
    const olderCodec = encodeLabFile('codec', 4, 4, Uint8Array.of(1, 2, 3, 4));
    olderCodec[4] = 1;
    expect(readHeader(olderCodec)).toEqual({ ok: false, reason: 'unsupported-version' });
    const unknown = file.slice();
    unknown[5] = 200;
    expect(readHeader(unknown)).toEqual({ ok: false, reason: 'unsupported-transform' });
    const empty = file.slice();
    empty[6] = 0;
    empty[7] = 0;
    expect(readHeader(empty)).toEqual({ ok: false, reason: 'bad-size' });
    const flipped = file.slice();
    flipped[11] = (flipped[11] ?? 0) ^ 0x10;
    expect(decodeLabFile(flipped)).toMatchObject({ ok: false, reason: 'damaged' });
    expect(decodeLabFile(file.subarray(0, file.length - 1))).toMatchObject({ ok: false, reason: 'damaged' });
    expect(decodeLabFile(file.subarray(0, 6))).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('decodeLabFile never throws on any bytes, with or without the magic (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, magic) => {
        const input = magic ? Uint8Array.from([0x51, 0x50, 0x4c, 0x46, 1, (bytes[0] ?? 0) & 3, ...bytes]) : bytes;
        const result = decodeLabFile(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 24 },
    );
  });
});
