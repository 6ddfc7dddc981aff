/**
 * Little-endian byte writing and reading for the lab's files. Pure: no DOM, no tfjs.
 * The reader checks every bound and throws a `CodingError` naming what it was reading; the
 * file API (`container.ts`) catches it, so no caller sees a throw.
 */

/** Why bytes could not be read: the rule that was broken and the value that broke it. */
export class CodingError extends Error {
  override readonly name = 'CodingError';
}

/** A growable byte buffer: u8, u16, u32, f32 (little-endian), LEB128 varints, raw bytes. */
export class ByteWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
  }

  u16(value: number): void {
    this.u8(value);
    this.u8(value >>> 8);
  }

  u32(value: number): void {
    this.u16(value & 0xffff);
    this.u16((value >>> 16) & 0xffff);
  }

  /** A float32, little-endian (the value is rounded to float32 first). */
  f32(value: number): void {
    const scratch = new DataView(new ArrayBuffer(4));
    scratch.setFloat32(0, value, true);
    for (let i = 0; i < 4; i++) this.u8(scratch.getUint8(i));
  }

  /** A float64, little-endian (exact). */
  f64(value: number): void {
    const scratch = new DataView(new ArrayBuffer(8));
    scratch.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.u8(scratch.getUint8(i));
  }

  /** An unsigned integer in [0, 2^53) as LEB128 (7 bits a byte, low first). */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`varint needs an integer in [0, 2^53), got ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.u8((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.u8(rest);
  }

  /** A signed safe integer, zigzag-mapped (0, -1, 1, -2, ... -> 0, 1, 2, 3, ...) then varint. */
  svarint(value: number): void {
    if (!Number.isSafeInteger(value) || Math.abs(value) > 2 ** 51)
      throw new RangeError(`svarint needs |value| <= 2^51, got ${value}`);
    this.varint(value < 0 ? -2 * value - 1 : 2 * value);
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  /** A copy of the bytes written, exactly `size` long. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Reads what a ByteWriter wrote; every read past the end throws a CodingError. */
export class ByteReader {
  private position: number;

  constructor(
    private readonly source: Uint8Array,
    offset = 0,
  ) {
    if (!Number.isInteger(offset) || offset < 0 || offset > source.length) {
      throw new CodingError(`reader offset must lie in [0, ${source.length}], got ${offset}`);
    }
    this.position = offset;
  }

  /** The next byte's index. */
  get offset(): number {
    return this.position;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.source.length - this.position;
  }

  private need(count: number, what: string): void {
    if (count > this.source.length - this.position) {
      throw new CodingError(`${what} needs ${count} bytes at offset ${this.position}, only ${this.remaining} left`);
    }
  }

  u8(): number {
    this.need(1, 'u8');
    return this.source[this.position++] ?? 0;
  }

  u16(): number {
    this.need(2, 'u16');
    const low = this.u8();
    return low | (this.u8() << 8);
  }

  u32(): number {
    this.need(4, 'u32');
    const low = this.u16();
    return (low + this.u16() * 0x10000) >>> 0;
  }

  f32(): number {
    this.need(4, 'f32');
    const scratch = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < 4; i++) scratch.setUint8(i, this.u8());
    return scratch.getFloat32(0, true);
  }

  f64(): number {
    this.need(8, 'f64');
    const scratch = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 8; i++) scratch.setUint8(i, this.u8());
    return scratch.getFloat64(0, true);
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 0x80;
    }
    throw new CodingError(`varint longer than 8 bytes at offset ${this.position}`);
  }

  svarint(): number {
    const mapped = this.varint();
    return mapped % 2 === 1 ? -(mapped + 1) / 2 : mapped / 2;
  }

  /** The next `count` bytes, as a view into the source (no copy). */
  bytes(count: number): Uint8Array {
    if (!Number.isInteger(count) || count < 0) throw new CodingError(`byte count must be a whole number, got ${count}`);
    this.need(count, 'bytes');
    const view = this.source.subarray(this.position, this.position + count);
    this.position += count;
    return view;
  }

  /** Everything not read yet, as a view. */
  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }
}
