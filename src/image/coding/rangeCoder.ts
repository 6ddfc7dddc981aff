/**
 * A range coder over caller-given integer frequencies (Schindler/LZMA style: 32-bit range,
 * a 33-bit low with carry propagation through a cache byte and a count of pending 0xff bytes).
 * Integer arithmetic only (every product stays below 2^53), so every browser writes and reads
 * the same bytes. Totals may be up to 2^16; after each step the range stays >= 2^24, so each
 * symbol's share of it is exact to within 2^-8 of its probability.
 *
 * The last symbol of a table (cumulative + frequency = total) takes the rounding slack of the
 * range, so nothing is wasted at the top. The first byte the LZMA scheme emits is always 0 and is
 * left out; trailing zero bytes of the final flush are left out too (the decoder reads zeros past
 * the end). A stream with no symbols is zero bytes long.
 */

const TOP = 0x1000000; // 2^24: renormalise below this
const TWO_32 = 0x100000000;
/** The largest frequency total either side accepts (16-bit precision). */
export const MAX_TOTAL = 1 << 16;

function checkSymbol(cumulative: number, frequency: number, total: number): void {
  if (
    !(Number.isInteger(total) && total >= 1 && total <= MAX_TOTAL) ||
    !(Number.isInteger(frequency) && frequency >= 1) ||
    !(Number.isInteger(cumulative) && cumulative >= 0 && cumulative + frequency <= total)
  ) {
    throw new RangeError(
      `a coded symbol needs 1 <= frequency, 0 <= cumulative, cumulative + frequency <= total <= 2^16; got ${cumulative}, ${frequency}, ${total}`,
    );
  }
}

export class RangeEncoder {
  private low = 0; // < 2^33 (bit 32 is a carry not yet propagated)
  private range = 0xffffffff;
  private cache = 0;
  private cacheSize = 1;
  private skipFirst = true;
  private out = new Uint8Array(1024);
  private length = 0;

  private emit(byte: number): void {
    if (this.skipFirst) {
      this.skipFirst = false;
      return;
    }
    if (this.length === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.length++] = byte;
  }

  private shiftLow(): void {
    if (this.low < 0xff000000 || this.low >= TWO_32) {
      const carry = this.low >= TWO_32 ? 1 : 0;
      let pending = this.cache;
      do {
        this.emit((pending + carry) & 0xff);
        pending = 0xff;
      } while (--this.cacheSize !== 0);
      this.cache = Math.floor(this.low / TOP) & 0xff;
    }
    this.cacheSize++;
    this.low = (this.low % TOP) * 256;
  }

  /** Codes the symbol that owns [cumulative, cumulative + frequency) of `total`. */
  encode(cumulative: number, frequency: number, total: number): void {
    checkSymbol(cumulative, frequency, total);
    const unit = Math.floor(this.range / total);
    this.low += unit * cumulative;
    this.range = cumulative + frequency === total ? this.range - unit * cumulative : unit * frequency;
    while (this.range < TOP) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  /** Codes `value` in [0, 2^bits) as `bits` equiprobable bits; bits in [0, 16]. */
  encodeBits(value: number, bits: number): void {
    if (!(Number.isInteger(bits) && bits >= 0 && bits <= 16))
      throw new RangeError(`encodeBits takes 0..16 bits, got ${bits}`);
    if (bits === 0) return;
    this.encode(value, 1, 1 << bits);
  }

  /** Ends the stream and returns its bytes; the encoder must not be used after. */
  finish(): Uint8Array {
    // Any value in [low, low + range) identifies the stream: take the one with most trailing zeros.
    for (let power = TWO_32; power >= 1; power /= 2) {
      const value = Math.ceil(this.low / power) * power;
      if (value < this.low + this.range) {
        this.low = value;
        break;
      }
    }
    const flushStart = this.length;
    for (let i = 0; i < 5; i++) this.shiftLow();
    // Only the flush's own zeros are dropped, so a valid stream is read at most 4 bytes past its end.
    let end = this.length;
    while (end > flushStart && end > this.length - 4 && this.out[end - 1] === 0) end--;
    return this.out.slice(0, end);
  }
}

export class RangeDecoder {
  private code = 0;
  private range = 0xffffffff;
  private position: number;
  private overrun = 0;
  private impossible = false;

  constructor(
    private readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.position = Number.isInteger(offset) && offset >= 0 ? offset : bytes.length;
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.nextByte();
  }

  /** True once the decoder read more than 4 bytes past the end or met a state no encoder makes. */
  get failed(): boolean {
    return this.impossible || this.overrun > 4;
  }

  private nextByte(): number {
    if (this.position < this.bytes.length) return this.bytes[this.position++] ?? 0;
    this.overrun++;
    return 0;
  }

  /** The cumulative count in [0, total) that the next symbol's interval contains. */
  target(total: number): number {
    if (!(Number.isInteger(total) && total >= 1 && total <= MAX_TOTAL))
      throw new RangeError(`total must lie in [1, 2^16], got ${total}`);
    if (this.code >= this.range) {
      this.impossible = true;
      this.code = this.range - 1;
    }
    const value = Math.floor(this.code / Math.floor(this.range / total));
    return value < total ? value : total - 1;
  }

  /** Removes the symbol found through `target` (same cumulative, frequency, total as the encoder's). */
  consume(cumulative: number, frequency: number, total: number): void {
    checkSymbol(cumulative, frequency, total);
    const unit = Math.floor(this.range / total);
    this.code -= unit * cumulative;
    this.range = cumulative + frequency === total ? this.range - unit * cumulative : unit * frequency;
    if (this.code < 0 || this.code >= this.range) {
      // the caller consumed a symbol the stream does not hold
      this.impossible = true;
      this.code = 0;
    }
    while (this.range < TOP) {
      this.range *= 256;
      this.code = this.code * 256 + this.nextByte();
    }
  }

  /** Reads a value that `encodeBits(value, bits)` wrote. */
  decodeBits(bits: number): number {
    if (!(Number.isInteger(bits) && bits >= 0 && bits <= 16))
      throw new RangeError(`decodeBits takes 0..16 bits, got ${bits}`);
    if (bits === 0) return 0;
    const total = 1 << bits;
    const value = this.target(total);
    this.consume(value, 1, total);
    return value;
  }
}
