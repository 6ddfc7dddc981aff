import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdaptiveBit, AdaptiveModel, StaticModel } from '../src/image/coding/adaptiveModel';
import { ByteReader, ByteWriter, CodingError } from '../src/image/coding/bytes';
import { RangeDecoder, RangeEncoder } from '../src/image/coding/rangeCoder';

/** A seeded generator (mulberry32), so every run codes the same streams. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n symbols drawn from probabilities p (inverse CDF). */
function draw(p: number[], n: number, seed: number): number[] {
  const next = random(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let u = next();
    let s = 0;
    while (s < p.length - 1 && u >= (p[s] ?? 0)) u -= p[s++] ?? 0;
    out.push(s);
  }
  return out;
}

function geometric(size: number, ratio: number): number[] {
  const weights = Array.from({ length: size }, (_, i) => ratio ** i);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

function adaptiveRoundTrip(
  symbols: number[],
  alphabet: number,
): { bytes: Uint8Array; decoded: number[]; failed: boolean } {
  const encoder = new RangeEncoder();
  const model = new AdaptiveModel(alphabet);
  for (const s of symbols) model.encode(encoder, s);
  const bytes = encoder.finish();
  const decoder = new RangeDecoder(bytes);
  const back = new AdaptiveModel(alphabet);
  const decoded = symbols.map(() => back.decode(decoder));
  return { bytes, decoded, failed: decoder.failed };
}

function staticRoundTrip(
  symbols: number[],
  counts: number[],
): { bytes: Uint8Array; decoded: number[]; failed: boolean } {
  const model = new StaticModel(counts);
  const encoder = new RangeEncoder();
  for (const s of symbols) model.encode(encoder, s);
  const bytes = encoder.finish();
  const decoder = new RangeDecoder(bytes);
  const decoded = symbols.map(() => model.decode(decoder));
  return { bytes, decoded, failed: decoder.failed };
}

function countsOf(symbols: number[], alphabet: number): number[] {
  const counts = new Array<number>(alphabet).fill(0);
  for (const s of symbols) counts[s]! += 1;
  return counts;
}

/** n * H(empirical) in bits, computed here from the counts. */
function idealBits(counts: number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((bits, c) => (c > 0 ? bits - c * Math.log2(c / n) : bits), 0);
}

// Every alphabet size the lab codes: L centers 2..64 (pixels, learned), small bit alphabets, and
// the large ones a DCT or codec payload may use.
const ALPHABETS = [1, 2, 3, 5, 7, 8, 16, 17, 31, 32, 63, 64, 255, 256, 1024, 4096];

describe('range coder round trips', () => {
  it('codes the empty stream in 0 bytes and reads it back', () => {
    expect(new RangeEncoder().finish().length).toBe(0);
    const { decoded, failed } = adaptiveRoundTrip([], 5);
    expect(decoded).toEqual([]);
    expect(failed).toBe(false);
  });

  it('round-trips random streams over every alphabet size, adaptive and static', () => {
    for (const alphabet of ALPHABETS) {
      const symbols = draw(
        Array.from({ length: alphabet }, () => 1 / alphabet),
        3000,
        alphabet,
      );
      const adaptive = adaptiveRoundTrip(symbols, alphabet);
      expect(adaptive.decoded, `adaptive, alphabet ${alphabet}`).toEqual(symbols);
      expect(adaptive.failed).toBe(false);
      const fixed = staticRoundTrip(symbols, countsOf(symbols, alphabet));
      expect(fixed.decoded, `static, alphabet ${alphabet}`).toEqual(symbols);
      expect(fixed.failed).toBe(false);
    }
  });

  it('round-trips skewed and single-symbol streams', () => {
    const skewed = draw(geometric(64, 0.3), 20000, 7);
    expect(adaptiveRoundTrip(skewed, 64).decoded).toEqual(skewed);
    expect(staticRoundTrip(skewed, countsOf(skewed, 64)).decoded).toEqual(skewed);
    const single = new Array<number>(5000).fill(3);
    const adaptive = adaptiveRoundTrip(single, 8);
    expect(adaptive.decoded).toEqual(single);
    // a static table with one nonzero count codes each symbol in 0 bits: only the flush remains
    const fixed = staticRoundTrip(single, countsOf(single, 8));
    expect(fixed.decoded).toEqual(single);
    expect(fixed.bytes.length).toBeLessThanOrEqual(4);
    // alphabet of one: nothing to say
    const one = adaptiveRoundTrip(new Array<number>(100).fill(0), 1);
    expect(one.bytes.length).toBe(0);
    expect(one.decoded).toEqual(new Array<number>(100).fill(0));
  });

  it('round-trips equiprobable bits and adaptive bits interleaved with symbols', () => {
    const next = random(11);
    const items = Array.from({ length: 5000 }, () => ({
      bits: Math.floor(next() * 17),
      value: Math.floor(next() * 65536),
      flag: next() < 0.9 ? 0 : 1,
      symbol: Math.floor(next() * next() * 20),
    }));
    const encoder = new RangeEncoder();
    const flag = new AdaptiveBit();
    const model = new AdaptiveModel(20);
    for (const item of items) {
      encoder.encodeBits(item.value % 2 ** item.bits, item.bits);
      flag.encode(encoder, item.flag);
      model.encode(encoder, item.symbol);
    }
    const bytes = encoder.finish();
    const decoder = new RangeDecoder(bytes);
    const flagBack = new AdaptiveBit();
    const modelBack = new AdaptiveModel(20);
    for (const item of items) {
      expect(decoder.decodeBits(item.bits)).toBe(item.value % 2 ** item.bits);
      expect(flagBack.decode(decoder)).toBe(item.flag);
      expect(modelBack.decode(decoder)).toBe(item.symbol);
    }
    expect(decoder.failed).toBe(false);
  });

  it('round-trips any stream fast-check makes (alphabet, symbols)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((alphabet) =>
            fc.tuple(fc.constant(alphabet), fc.array(fc.integer({ min: 0, max: alphabet - 1 }), { maxLength: 400 })),
          ),
        ([alphabet, symbols]) => {
          const adaptive = adaptiveRoundTrip(symbols, alphabet);
          expect(adaptive.decoded).toEqual(symbols);
          expect(adaptive.failed).toBe(false);
          if (symbols.length > 0)
            expect(staticRoundTrip(symbols, countsOf(symbols, alphabet)).decoded).toEqual(symbols);
        },
      ),
      { numRuns: 200, seed: 22 },
    );
  });
});

describe('range coder efficiency', () => {
  it('static: within 1% + 4 bytes of n H on long stationary streams', () => {
    for (const [p, seed] of [
      [geometric(16, 0.5), 1],
      [geometric(64, 0.8), 2],
      [[0.97, 0.01, 0.01, 0.01], 3],
      [Array.from({ length: 256 }, () => 1 / 256), 4],
    ] as const) {
      const symbols = draw([...p], 100000, seed);
      const counts = countsOf(symbols, p.length);
      const { bytes } = staticRoundTrip(symbols, counts);
      const ideal = idealBits(counts) / 8;
      expect(bytes.length, `alphabet ${p.length}`).toBeLessThanOrEqual(ideal * 1.01 + 4);
      // and no code beats the entropy of its own source by more than a rounding
      expect(bytes.length).toBeGreaterThan(ideal * 0.99 - 4);
    }
  });

  it("adaptive: within 0.5% + 4 bytes of the model's own ideal length, and near n H for a long stream", () => {
    for (const [p, seed] of [
      [geometric(16, 0.5), 5],
      [geometric(64, 0.8), 6],
      [[0.97, 0.01, 0.01, 0.01], 7],
    ] as const) {
      const symbols = draw([...p], 100000, seed);
      // the ideal adaptive length: -log2 of the probability the model gave each symbol when it came
      const model = new AdaptiveModel(p.length);
      const encoder = new RangeEncoder();
      let modelBits = 0;
      for (const s of symbols) {
        const [frequency, total] = model.probability(s);
        modelBits -= Math.log2(frequency / total);
        model.encode(encoder, s);
      }
      const length = encoder.finish().length;
      expect(length).toBeLessThanOrEqual((modelBits / 8) * 1.005 + 4);
      // the adaptive model pays for learning and for halving its counts: within 3% of n H
      expect(length).toBeLessThanOrEqual((idealBits(countsOf(symbols, p.length)) / 8) * 1.03 + 64);
    }
  });

  it('adaptive: on a stream whose statistics change, it beats the whole-stream entropy (the lab shows this gap)', () => {
    // 20,000 symbols mostly 0, then 20,000 mostly 3: n H of the pooled histogram counts about 1.3 bits each
    const symbols = [...draw([0.94, 0.02, 0.02, 0.02], 20000, 13), ...draw([0.02, 0.02, 0.02, 0.94], 20000, 14)];
    const { bytes, decoded } = adaptiveRoundTrip(symbols, 4);
    expect(decoded).toEqual(symbols);
    const pooled = idealBits(countsOf(symbols, 4)) / 8;
    expect(bytes.length).toBeLessThan(0.5 * pooled);
  });

  it('adaptive bits code a 0.95/0.05 source near its entropy', () => {
    const bits = draw([0.95, 0.05], 100000, 9);
    const encoder = new RangeEncoder();
    const model = new AdaptiveBit(5);
    for (const b of bits) model.encode(encoder, b);
    const length = encoder.finish().length;
    const ideal = idealBits(countsOf(bits, 2)) / 8;
    expect(length).toBeLessThanOrEqual(ideal * 1.06 + 4);
  });
});

describe('static model tables', () => {
  it('writes and reads its table, and scales counts above 2^16 keeping every nonzero symbol', () => {
    const counts = [1_000_000, 3, 0, 250_000, 1];
    const model = new StaticModel(counts);
    expect(model.total).toBeLessThanOrEqual(65536);
    expect(Array.from(model.frequencies).map((f) => f > 0)).toEqual([true, true, false, true, true]);
    const writer = new ByteWriter();
    model.write(writer);
    const back = StaticModel.read(new ByteReader(writer.finish()));
    expect(Array.from(back.frequencies)).toEqual(Array.from(model.frequencies));
  });

  it('refuses tables no encoder writes', () => {
    const zero = new ByteWriter();
    zero.varint(3);
    for (let i = 0; i < 3; i++) zero.varint(0);
    expect(() => StaticModel.read(new ByteReader(zero.finish()))).toThrow(CodingError);
    const big = new ByteWriter();
    big.varint(2);
    big.varint(40000);
    big.varint(40000);
    expect(() => StaticModel.read(new ByteReader(big.finish()))).toThrow(CodingError);
    const huge = new ByteWriter();
    huge.varint(100000);
    expect(() => StaticModel.read(new ByteReader(huge.finish()))).toThrow(CodingError);
  });
});

describe('bytes', () => {
  it('round-trips every field type, and throws CodingError past the end', () => {
    const writer = new ByteWriter();
    writer.u8(200);
    writer.u16(51234);
    writer.u32(4_000_000_000);
    writer.f32(-1.5);
    writer.f64(Math.PI);
    writer.varint(0);
    writer.varint(2 ** 40 + 3);
    writer.svarint(-77);
    writer.svarint(12345);
    writer.bytes(Uint8Array.of(1, 2, 3));
    const bytes = writer.finish();
    expect(bytes.length).toBe(1 + 2 + 4 + 4 + 8 + 1 + 6 + 2 + 3 + 3);
    const reader = new ByteReader(bytes);
    expect([reader.u8(), reader.u16(), reader.u32(), reader.f32(), reader.f64()]).toEqual([
      200,
      51234,
      4_000_000_000,
      -1.5,
      Math.PI,
    ]);
    expect([reader.varint(), reader.varint(), reader.svarint(), reader.svarint()]).toEqual([
      0,
      2 ** 40 + 3,
      -77,
      12345,
    ]);
    expect(Array.from(reader.bytes(3))).toEqual([1, 2, 3]);
    expect(reader.remaining).toBe(0);
    expect(() => reader.u8()).toThrow(CodingError);
    expect(() => new ByteReader(Uint8Array.of(0xff, 0xff)).varint()).toThrow(CodingError);
    expect(() => new ByteReader(Uint8Array.of(1, 2, 3)).u32()).toThrow(CodingError);
  });
});

describe('decoder on bad bytes', () => {
  function decodeMany(bytes: Uint8Array, count: number, alphabet: number): boolean {
    const decoder = new RangeDecoder(bytes);
    const model = new AdaptiveModel(alphabet);
    for (let i = 0; i < count; i++) {
      const s = model.decode(decoder);
      if (!(s >= 0 && s < alphabet)) throw new Error(`symbol ${s} out of the alphabet`);
    }
    return decoder.failed;
  }

  it('flags a stream cut well short (it reads past the end) and never leaves the alphabet', () => {
    const symbols = draw(geometric(32, 0.85), 20000, 12);
    const { bytes } = adaptiveRoundTrip(symbols, 32);
    for (const keep of [0, 1, 10, bytes.length >> 1, bytes.length - 16]) {
      expect(decodeMany(bytes.subarray(0, keep), symbols.length, 32), `kept ${keep} of ${bytes.length}`).toBe(true);
    }
  });

  it('random bytes: returns symbols in the alphabet, terminates, never throws (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 1000 }),
        (bytes, alphabet, count) => {
          decodeMany(bytes, count, alphabet);
          const decoder = new RangeDecoder(bytes);
          const bit = new AdaptiveBit();
          for (let i = 0; i < count; i++) {
            expect([0, 1]).toContain(bit.decode(decoder));
            const v = decoder.decodeBits(12);
            expect(v >= 0 && v < 4096).toBe(true);
          }
        },
      ),
      { numRuns: 120, seed: 23 },
    );
  });

  it('a decoder that consumes a symbol the stream does not hold is flagged', () => {
    const encoder = new RangeEncoder();
    for (let i = 0; i < 100; i++) encoder.encode(0, 1, 100);
    const decoder = new RangeDecoder(encoder.finish());
    decoder.target(100);
    decoder.consume(99, 1, 100);
    expect(decoder.failed).toBe(true);
  });
});
