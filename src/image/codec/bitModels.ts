/**
 * The codec's adaptive binary models and the three ways a decision goes through them: counted
 * (the ideal adaptive code length, -log2 of the model's probability, for training and rate
 * control), written through the range coder, or read back. All three share one probability
 * state and one integer update, so the counted length is what the coder spends (to within the
 * range coder's rounding, under 0.1%) and the reader follows the writer decision by decision.
 */

import { RangeDecoder, RangeEncoder } from '../coding/rangeCoder';

/** Probabilities are integers out of 2^16. */
const TOTAL = 1 << 16;
const MIN_P = 32;
const MAX_P = TOTAL - 32;
/** After this many decisions a model moves 1/(ADAPT_LIMIT + 1.5) of the way per decision. */
const ADAPT_LIMIT = 60;
/**
 * Step sizes out of 2^16: floor(2^16 / (n + 1.5)) after n decisions, so a young model learns
 * like a count (Krichevsky-Trofimov) and an old one keeps a window of about 60 decisions.
 */
const RATE = Int32Array.from({ length: ADAPT_LIMIT + 1 }, (_, n) => Math.floor(TOTAL / (n + 1.5)));

/** The state of `count` binary models: P(bit = 0) out of 2^16 and how many decisions each saw. */
export class BitModels {
  readonly zero: Int32Array;
  readonly seen: Uint8Array;

  constructor(readonly count: number) {
    this.zero = new Int32Array(count).fill(TOTAL >>> 1);
    this.seen = new Uint8Array(count);
  }

  /** Moves model `m` toward the bit it just coded (integer arithmetic, exact in float64). */
  update(m: number, bit: number): void {
    const p = this.zero[m] as number;
    const n = this.seen[m] as number;
    const target = bit === 0 ? TOTAL : 0;
    let next = p + Math.floor((target - p) * (RATE[n] as number) * (1 / TOTAL));
    if (next < MIN_P) next = MIN_P;
    else if (next > MAX_P) next = MAX_P;
    this.zero[m] = next;
    if (n < ADAPT_LIMIT) this.seen[m] = n + 1;
  }
}

/**
 * One pass over the decisions of an image: `bit` codes a decision through model `m` and returns
 * it; `bypass` codes an equiprobable bit. An encoder or counter returns the bit it was given; a
 * decoder ignores it and returns the bit it reads, so one traversal serves all three.
 */
export interface BitCoder {
  readonly decoding: boolean;
  bit(m: number, bit: number): number;
  bypass(bit: number): number;
}

/** Counts the ideal code length, in bits, into `bits` and into the current `section`'s total. */
export class BitCounter implements BitCoder {
  readonly decoding = false;
  bits = 0;
  section = 0;
  readonly sectionBits: Float64Array;

  constructor(
    private readonly models: BitModels,
    sections = 1,
  ) {
    this.sectionBits = new Float64Array(sections);
  }

  bit(m: number, bit: number): number {
    const p0 = this.models.zero[m] as number;
    const cost = -Math.log2((bit === 0 ? p0 : TOTAL - p0) / TOTAL);
    this.bits += cost;
    this.sectionBits[this.section] = (this.sectionBits[this.section] as number) + cost;
    this.models.update(m, bit);
    return bit;
  }

  bypass(bit: number): number {
    this.bits += 1;
    this.sectionBits[this.section] = (this.sectionBits[this.section] as number) + 1;
    return bit;
  }
}

/** Writes decisions through the range coder. */
export class BitWriter implements BitCoder {
  readonly decoding = false;
  section = 0;

  constructor(
    private readonly models: BitModels,
    readonly encoder: RangeEncoder,
  ) {}

  bit(m: number, bit: number): number {
    const p0 = this.models.zero[m] as number;
    if (bit === 0) this.encoder.encode(0, p0, TOTAL);
    else this.encoder.encode(p0, TOTAL - p0, TOTAL);
    this.models.update(m, bit);
    return bit;
  }

  bypass(bit: number): number {
    this.encoder.encode(bit, 1, 2);
    return bit;
  }
}

/** Reads decisions back from the range coder's bytes. */
export class BitReader implements BitCoder {
  readonly decoding = true;
  section = 0;

  constructor(
    private readonly models: BitModels,
    readonly decoder: RangeDecoder,
  ) {}

  bit(m: number): number {
    const p0 = this.models.zero[m] as number;
    const bit = this.decoder.target(TOTAL) < p0 ? 0 : 1;
    if (bit === 0) this.decoder.consume(0, p0, TOTAL);
    else this.decoder.consume(p0, TOTAL - p0, TOTAL);
    this.models.update(m, bit);
    return bit;
  }

  bypass(): number {
    const bit = this.decoder.target(2);
    this.decoder.consume(bit, 1, 2);
    return bit;
  }
}
