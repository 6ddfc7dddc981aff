/**
 * Probability models for the range coder: an adaptive multi-symbol model (counts learned while
 * coding, so no table is sent), an adaptive bit (a 16-bit probability with a shift update) and a
 * static model built from integer counts whose table travels in a header. Integer-only, so the
 * encoder and every decoder hold the same tables at every step.
 */

import { ByteReader, ByteWriter, CodingError } from './bytes';
import { MAX_TOTAL, RangeDecoder, RangeEncoder } from './rangeCoder';

/** Largest alphabet the models take (the lab's largest is 4096). */
export const MAX_ALPHABET = 4096;

function checkAlphabet(size: number): void {
  if (!(Number.isInteger(size) && size >= 1 && size <= MAX_ALPHABET)) {
    throw new RangeError(`alphabet size must be a whole number in [1, ${MAX_ALPHABET}], got ${size}`);
  }
}

/**
 * Counts start at 1 each and grow by `increment` per coded symbol; when the total would pass
 * 2^16 every count is halved (rounding up, so none reaches 0). Cumulative counts come from a
 * Fenwick tree, so each symbol costs O(log alphabet) however large the alphabet.
 */
export class AdaptiveModel {
  private readonly counts: Uint32Array;
  private readonly tree: Uint32Array; // Fenwick tree over counts, 1-based
  private readonly topBit: number;
  private total: number;

  constructor(
    readonly alphabetSize: number,
    private readonly increment = 24,
  ) {
    checkAlphabet(alphabetSize);
    if (!(Number.isInteger(increment) && increment >= 1 && alphabetSize + increment <= MAX_TOTAL)) {
      throw new RangeError(`increment must be a whole number >= 1 that fits 2^16 with the alphabet, got ${increment}`);
    }
    this.counts = new Uint32Array(alphabetSize).fill(1);
    this.tree = new Uint32Array(alphabetSize + 1);
    let bit = 1;
    while (bit * 2 <= alphabetSize) bit *= 2;
    this.topBit = bit;
    this.total = alphabetSize;
    this.rebuild();
  }

  private rebuild(): void {
    const n = this.alphabetSize;
    this.tree.fill(0);
    for (let i = 1; i <= n; i++) {
      this.tree[i] = (this.tree[i] ?? 0) + (this.counts[i - 1] ?? 0);
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] = (this.tree[parent] ?? 0) + (this.tree[i] ?? 0);
    }
  }

  /** Sum of the counts of symbols below `symbol`. */
  private cumulative(symbol: number): number {
    let sum = 0;
    for (let i = symbol; i > 0; i -= i & -i) sum += this.tree[i] ?? 0;
    return sum;
  }

  /** The symbol whose interval holds `target`, and that interval's start. */
  private find(target: number): { symbol: number; start: number } {
    let index = 0;
    let start = 0;
    for (let bit = this.topBit; bit > 0; bit >>= 1) {
      const next = index + bit;
      const node = this.tree[next] ?? 0;
      if (next <= this.alphabetSize && start + node <= target) {
        index = next;
        start += node;
      }
    }
    return { symbol: index, start };
  }

  private update(symbol: number): void {
    if (this.total + this.increment > MAX_TOTAL) {
      let total = 0;
      for (let i = 0; i < this.alphabetSize; i++) {
        const halved = ((this.counts[i] ?? 0) + 1) >>> 1;
        this.counts[i] = halved;
        total += halved;
      }
      this.total = total;
      this.rebuild();
    }
    this.counts[symbol] = (this.counts[symbol] ?? 0) + this.increment;
    this.total += this.increment;
    for (let i = symbol + 1; i <= this.alphabetSize; i += i & -i) this.tree[i] = (this.tree[i] ?? 0) + this.increment;
  }

  /** The model's probability of `symbol` now, as [frequency, total] (for ideal-length checks). */
  probability(symbol: number): [number, number] {
    return [this.counts[symbol] ?? 0, this.total];
  }

  encode(encoder: RangeEncoder, symbol: number): void {
    if (!(Number.isInteger(symbol) && symbol >= 0 && symbol < this.alphabetSize)) {
      throw new RangeError(`symbol must lie in [0, ${this.alphabetSize}), got ${symbol}`);
    }
    encoder.encode(this.cumulative(symbol), this.counts[symbol] ?? 1, this.total);
    this.update(symbol);
  }

  decode(decoder: RangeDecoder): number {
    const { symbol, start } = this.find(decoder.target(this.total));
    decoder.consume(start, this.counts[symbol] ?? 1, this.total);
    this.update(symbol);
    return symbol;
  }
}

const BIT_TOTAL = 1 << 16;

/**
 * A binary adaptive model: P(bit = 0) as a 16-bit integer in [32, 2^16 - 32], moved 1/2^shift
 * of the way toward the bit just coded.
 */
export class AdaptiveBit {
  private zero = BIT_TOTAL >>> 1;

  constructor(private readonly shift = 4) {
    if (!(Number.isInteger(shift) && shift >= 1 && shift <= 10))
      throw new RangeError(`shift must lie in [1, 10], got ${shift}`);
  }

  /** P(bit = 0) as a fraction of 2^16. */
  get zeroFrequency(): number {
    return this.zero;
  }

  private update(bit: number): void {
    if (bit === 0) this.zero += (BIT_TOTAL - this.zero) >> this.shift;
    else this.zero -= this.zero >> this.shift;
    if (this.zero < 32) this.zero = 32;
    else if (this.zero > BIT_TOTAL - 32) this.zero = BIT_TOTAL - 32;
  }

  encode(encoder: RangeEncoder, bit: number): void {
    if (bit === 0) encoder.encode(0, this.zero, BIT_TOTAL);
    else encoder.encode(this.zero, BIT_TOTAL - this.zero, BIT_TOTAL);
    this.update(bit === 0 ? 0 : 1);
  }

  decode(decoder: RangeDecoder): number {
    const bit = decoder.target(BIT_TOTAL) < this.zero ? 0 : 1;
    if (bit === 0) decoder.consume(0, this.zero, BIT_TOTAL);
    else decoder.consume(this.zero, BIT_TOTAL - this.zero, BIT_TOTAL);
    this.update(bit);
    return bit;
  }
}

/**
 * A fixed table from integer counts. Counts whose sum exceeds 2^16 are scaled down (every
 * nonzero count keeps at least 1); a symbol of count 0 cannot be coded. The table is written as
 * varints: alphabet size, then each frequency.
 */
export class StaticModel {
  readonly frequencies: Uint32Array;
  private readonly starts: Uint32Array; // starts[i] = sum of frequencies below i; starts[n] = total
  readonly total: number;

  constructor(counts: ArrayLike<number>) {
    checkAlphabet(counts.length);
    this.frequencies = StaticModel.normalise(counts);
    this.starts = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) this.starts[i + 1] = (this.starts[i] ?? 0) + (this.frequencies[i] ?? 0);
    this.total = this.starts[counts.length] ?? 0;
  }

  get alphabetSize(): number {
    return this.frequencies.length;
  }

  private static normalise(counts: ArrayLike<number>): Uint32Array {
    let sum = 0;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] ?? 0;
      if (!(Number.isSafeInteger(count) && count >= 0))
        throw new RangeError(`counts must be whole numbers >= 0, got ${count} at ${i}`);
      sum += count;
    }
    if (sum === 0) throw new RangeError('a static model needs at least one nonzero count');
    const frequencies = Uint32Array.from({ length: counts.length }, (_, i) => counts[i] ?? 0);
    if (sum <= MAX_TOTAL) return frequencies;
    // Scale to 2^16 (floor, at least 1), then take the excess from the largest counts.
    let total = 0;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] ?? 0;
      const scaled = count === 0 ? 0 : Math.max(1, Math.floor((count * MAX_TOTAL) / sum));
      frequencies[i] = scaled;
      total += scaled;
    }
    while (total > MAX_TOTAL) {
      let largest = 0;
      for (let i = 1; i < frequencies.length; i++) if ((frequencies[i] ?? 0) > (frequencies[largest] ?? 0)) largest = i;
      const cut = Math.min(total - MAX_TOTAL, (frequencies[largest] ?? 1) - 1);
      frequencies[largest] = (frequencies[largest] ?? 0) - cut;
      total -= cut;
    }
    return frequencies;
  }

  encode(encoder: RangeEncoder, symbol: number): void {
    const frequency = this.frequencies[symbol] ?? 0;
    if (frequency === 0) throw new RangeError(`symbol ${symbol} has no frequency in this static model`);
    encoder.encode(this.starts[symbol] ?? 0, frequency, this.total);
  }

  decode(decoder: RangeDecoder): number {
    const target = decoder.target(this.total);
    // the last symbol whose start is <= target (and whose frequency is nonzero)
    let low = 0;
    let high = this.alphabetSize - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.starts[middle] ?? 0) <= target) low = middle;
      else high = middle - 1;
    }
    decoder.consume(this.starts[low] ?? 0, this.frequencies[low] ?? 1, this.total);
    return low;
  }

  write(writer: ByteWriter): void {
    writer.varint(this.alphabetSize);
    for (const frequency of this.frequencies) writer.varint(frequency);
  }

  /** Reads a table `write` wrote; throws CodingError for a table no encoder writes. */
  static read(reader: ByteReader): StaticModel {
    const size = reader.varint();
    if (size < 1 || size > MAX_ALPHABET)
      throw new CodingError(`static model alphabet must lie in [1, ${MAX_ALPHABET}], got ${size}`);
    const frequencies: number[] = [];
    let total = 0;
    for (let i = 0; i < size; i++) {
      const frequency = reader.varint();
      total += frequency;
      if (total > MAX_TOTAL) throw new CodingError(`static model total must be <= 2^16, passed it at symbol ${i}`);
      frequencies.push(frequency);
    }
    if (total === 0) throw new CodingError('static model total is 0');
    return new StaticModel(frequencies);
  }
}
