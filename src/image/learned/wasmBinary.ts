/**
 * A minimal WebAssembly binary writer for the conv decoder's kernels (convGatherWasm.ts): LEB128
 * numbers, vectors, sections and the few instructions they use. None of relaxed SIMD's (fused,
 * engine-dependent) instructions is here.
 */

export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

export function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

export function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

export function name(text: string): number[] {
  return vector([...text].map((ch) => [ch.charCodeAt(0)]));
}

/** value types */
export const I32 = 0x7f;
export const V128 = 0x7b;
/** The instructions the kernels use, as bytes (SIMD: the 0xfd prefix, then the opcode as LEB128). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...unsignedLeb(depth)],
  get: (local: number) => [0x20, ...unsignedLeb(local)],
  set: (local: number) => [0x21, ...unsignedLeb(local)],
  tee: (local: number) => [0x22, ...unsignedLeb(local)],
  i32: (value: number) => [0x41, ...signedLeb(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  // memarg: alignment exponent 3 (8 bytes: the f64 values' own), then the static offset
  v128Load: (offset: number) => [0xfd, 0x00, 3, ...unsignedLeb(offset)],
  v128Store: (offset: number) => [0xfd, 0x0b, 3, ...unsignedLeb(offset)],
  f64SplatLoad: (offset: number) => [0xfd, 0x0a, 3, ...unsignedLeb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Add: [0xfd, ...unsignedLeb(240)],
  f64x2Sub: [0xfd, ...unsignedLeb(241)],
  f64x2Mul: [0xfd, ...unsignedLeb(242)],
  f64x2Div: [0xfd, ...unsignedLeb(243)],
  f64x2Abs: [0xfd, ...unsignedLeb(236)],
  f64x2Neg: [0xfd, ...unsignedLeb(237)],
  f64x2Floor: [0xfd, ...unsignedLeb(117)],
  f64x2Ne: [0xfd, ...unsignedLeb(72)],
  f64x2Lt: [0xfd, ...unsignedLeb(73)],
  bitselect: [0xfd, ...unsignedLeb(82)],
  i32x4TruncSatF64x2Zero: [0xfd, ...unsignedLeb(252)],
  i64x2ExtendLowI32x4: [0xfd, ...unsignedLeb(199)],
  i64x2Shl: [0xfd, ...unsignedLeb(203)],
  i64x2Add: [0xfd, ...unsignedLeb(206)],
  /** v128.const of two equal f64 lanes */
  f64x2: (value: number) => {
    const lanes = new Uint8Array(new Float64Array([value, value]).buffer);
    return [0xfd, 0x0c, ...lanes];
  },
  /** v128.const of two equal i64 lanes (small non-negative values) */
  i64x2: (value: number) => {
    const lanes = new Uint8Array(new BigInt64Array([BigInt(value), BigInt(value)]).buffer);
    return [0xfd, 0x0c, ...lanes];
  },
};
