/**
 * The conv decoder's gather loop (plainDecoder.ts's gatherFour) as a WebAssembly SIMD kernel,
 * emitted here byte by byte, so that the bytes come from this source and nothing else. Each f64x2
 * lane holds one output map's sum and adds the same products in the same order as the JS loop:
 * every output is, from 0, the sum over the reaching input positions in raster order of (from 0,
 * the products over the input maps in ascending order). WebAssembly's f64 and f64x2 + and x are
 * IEEE-754 correctly rounded, with no fused multiply-add (relaxed SIMD, which may fuse, is not
 * used), so the sums are the JS loop's bits on every engine. Where WebAssembly or its SIMD is
 * missing, wasmGatherKernel() is null and the JS loop runs.
 */
import { INVERSE_FACTORIALS, LN2_HIGH, LN2_LOW, LOG2_E } from './plainTanh';
import { I32, V128, name, op, section, unsignedLeb, vector } from './wasmBinary';

/** The instantiated kernels for one input map count, sharing one growable memory. */
export interface GatherKernel {
  inMaps: number;
  memory: WebAssembly.Memory;
  /** one output position per call */
  gatherOne: (...args: number[]) => void;
  /** four output positions per call (outX, outX + 2, outX + 4, outX + 6: the same taps) */
  gatherFourPositions: (...args: number[]) => void;
  /** (values, positions, bias, pairs): values[p, m] = plainTanh(values[p, m] + bias[m]), m < 2 pairs */
  biasTanh: (...args: number[]) => void;
}

// The gather kernels' parameters, in order, all i32: the byte offset of the first position's sums
// (map 0; position j at + j x the position step), of input (firstY, firstX, map 0) (position j
// reads one column j further), of the filter's tap that (firstY, firstX) reaches (group 0, map 0);
// the reaching rows and columns; the bytes from one input row to the next, from the tap of input
// row y to that of row y + 1 and of column x to x + 1 (negative: the tap moves back two); the
// groups of four output maps; the bytes from one position's sums to the next one's.
const P_SUMS = 0;
const P_INPUT = 1;
const P_FILTER = 2;
const P_ROWS = 3;
const P_COLUMNS = 4;
const P_INPUT_ROW_STEP = 5;
const P_FILTER_ROW_STEP = 6;
const P_FILTER_COLUMN_STEP = 7;
const P_GROUPS = 8;
const P_SUMS_POSITION_STEP = 9;
const PARAMETERS = 10;

/**
 * The body of a kernel for `positions` output positions and `inMaps` input maps (the input map
 * offsets within a turn of the map loop static). For each group of four output maps (two f64x2 lanes
 * pairs), for each position j: t = 0; for each reaching (y, x) in raster order { s = 0; for c
 * ascending: s += input[y, x + j, c] * filter[tap, group, c]; t += s }; sums[j, group] = t.
 */
function gatherBody(inMaps: number, positions: number): number[] {
  // i32 locals after the parameters
  const rowsLeft = PARAMETERS;
  const columnsLeft = rowsLeft + 1;
  const rowInput = columnsLeft + 1;
  const rowFilter = rowInput + 1;
  const at = rowFilter + 1;
  const tap = at + 1;
  const groupFilter = tap + 1;
  const groupSums = groupFilter + 1;
  const mapInput = groupSums + 1;
  const mapFilter = mapInput + 1;
  const mapsLeft = mapFilter + 1;
  const i32Locals = mapsLeft + 1 - PARAMETERS;
  // v128 locals: t and s for each position's two lane pairs, the filter's two pairs, the input
  const firstV128 = PARAMETERS + i32Locals;
  const total = (j: number, half: number) => firstV128 + 2 * j + half;
  const partial = (j: number, half: number) => firstV128 + 2 * positions + 2 * j + half;
  const filterLow = firstV128 + 4 * positions;
  const filterHigh = filterLow + 1;
  const value = filterHigh + 1;
  const v128Locals = 4 * positions + 3;
  const inputColumnStep = 8 * inMaps;
  const unroll = inMaps % 4 === 0 ? 4 : inMaps % 2 === 0 ? 2 : 1;
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) code.push(...part);
  };
  const zero = (local: number) => emit(op.v128Zero, op.set(local));
  const addInto = (target: number, source: number) => emit(op.get(target), op.get(source), op.f64x2Add, op.set(target));
  const advance = (local: number, step: number[]) => emit(op.get(local), step, op.i32Add, op.set(local));

  emit(op.get(P_FILTER), op.set(groupFilter), op.get(P_SUMS), op.set(groupSums));
  emit(op.block, op.loop); // groups
  for (let j = 0; j < positions; j++) [0, 1].forEach((half) => zero(total(j, half)));
  emit(op.get(P_INPUT), op.set(rowInput), op.get(groupFilter), op.set(rowFilter), op.get(P_ROWS), op.set(rowsLeft));
  emit(op.block, op.loop); // rows
  emit(op.get(rowInput), op.set(at), op.get(rowFilter), op.set(tap), op.get(P_COLUMNS), op.set(columnsLeft));
  emit(op.block, op.loop); // columns
  for (let j = 0; j < positions; j++) [0, 1].forEach((half) => zero(partial(j, half)));
  // the input maps' loop, `unroll` maps a turn: unrolled fully, V8 hoists every load to the top of
  // the loop and spills them to the stack (3 times slower in node 20)
  emit(op.get(at), op.set(mapInput), op.get(tap), op.set(mapFilter), op.i32(inMaps / unroll), op.set(mapsLeft));
  emit(op.block, op.loop);
  for (let c = 0; c < unroll; c++) {
    emit(op.get(mapFilter), op.v128Load(32 * c), op.set(filterLow));
    emit(op.get(mapFilter), op.v128Load(32 * c + 16), op.set(filterHigh));
    for (let j = 0; j < positions; j++) {
      emit(op.get(mapInput), op.f64SplatLoad(j * inputColumnStep + 8 * c), op.set(value));
      for (const [half, filter] of [
        [0, filterLow],
        [1, filterHigh],
      ] as const) {
        const s = partial(j, half);
        emit(op.get(s), op.get(value), op.get(filter), op.f64x2Mul, op.f64x2Add, op.set(s));
      }
    }
  }
  advance(mapInput, op.i32(8 * unroll));
  advance(mapFilter, op.i32(32 * unroll));
  emit(op.get(mapsLeft), op.i32(1), op.i32Sub, op.tee(mapsLeft), op.brIf(0), op.end, op.end);
  for (let j = 0; j < positions; j++) [0, 1].forEach((half) => addInto(total(j, half), partial(j, half)));
  advance(at, op.i32(inputColumnStep));
  advance(tap, op.get(P_FILTER_COLUMN_STEP));
  emit(op.get(columnsLeft), op.i32(1), op.i32Sub, op.tee(columnsLeft), op.brIf(0), op.end, op.end);
  advance(rowInput, op.get(P_INPUT_ROW_STEP));
  advance(rowFilter, op.get(P_FILTER_ROW_STEP));
  emit(op.get(rowsLeft), op.i32(1), op.i32Sub, op.tee(rowsLeft), op.brIf(0), op.end, op.end);
  for (let j = 0; j < positions; j++) {
    const address = () => emit(op.get(groupSums), op.get(P_SUMS_POSITION_STEP), op.i32(j), op.i32Mul, op.i32Add);
    address();
    emit(op.get(total(j, 0)), op.v128Store(0));
    address();
    emit(op.get(total(j, 1)), op.v128Store(16));
  }
  advance(groupFilter, op.i32(32 * inMaps));
  advance(groupSums, op.i32(32));
  emit(op.get(P_GROUPS), op.i32(1), op.i32Sub, op.tee(P_GROUPS), op.brIf(0), op.end, op.end);
  emit(op.end);
  return [
    ...vector([
      [...unsignedLeb(i32Locals), I32],
      [...unsignedLeb(v128Locals), V128],
    ]),
    ...code,
  ];
}

/**
 * The body of biasTanh(values, positions, bias, pairs): for each of `positions` rows of 2 pairs
 * values in place, v = tanh(v + bias), two lanes at a time, by plainTanh's sequence of operations
 * (plainTanh.ts) on its constants: the same bits, lane by lane.
 */
function biasTanhBody(): number[] {
  const [values, positionsLeft, bias, pairs] = [0, 1, 2, 3];
  const [pairsLeft, at, biasAt] = [4, 5, 6];
  const [x, magnitude, y, k, r, sum, t, negative] = [7, 8, 9, 10, 11, 12, 13, 14];
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) code.push(...part);
  };
  emit(op.get(values), op.set(at));
  emit(op.block, op.loop); // positions
  emit(op.get(bias), op.set(biasAt), op.get(pairs), op.set(pairsLeft));
  emit(op.block, op.loop); // pairs of maps
  emit(op.get(at), op.v128Load(0), op.get(biasAt), op.v128Load(0), op.f64x2Add, op.set(x));
  emit(op.get(x), op.f64x2Abs, op.set(magnitude));
  // expNonNegative(2 |x|)
  emit(op.get(magnitude), op.f64x2(2), op.f64x2Mul, op.set(y));
  emit(op.get(y), op.f64x2(LOG2_E), op.f64x2Mul, op.f64x2(0.5), op.f64x2Add, op.f64x2Floor, op.set(k));
  emit(op.get(y), op.get(k), op.f64x2(LN2_HIGH), op.f64x2Mul, op.f64x2Sub);
  emit(op.get(k), op.f64x2(LN2_LOW), op.f64x2Mul, op.f64x2Sub, op.set(r));
  emit(op.f64x2(INVERSE_FACTORIALS[13] as number), op.set(sum));
  for (let j = 12; j >= 0; j--) {
    emit(op.get(sum), op.get(r), op.f64x2Mul, op.f64x2(INVERSE_FACTORIALS[j] as number), op.f64x2Add, op.set(sum));
  }
  // 2^k (k = 0..63 where |x| < 22) from its bits: exponent field k + 1023
  emit(op.get(sum), op.get(k), op.i32x4TruncSatF64x2Zero, op.i64x2ExtendLowI32x4, op.i64x2(1023), op.i64x2Add);
  emit(op.i32(52), op.i64x2Shl, op.f64x2Mul);
  // t = 1 - 2 / (e + 1)
  emit(op.set(t), op.f64x2(1), op.f64x2(2), op.get(t), op.f64x2(1), op.f64x2Add, op.f64x2Div, op.f64x2Sub, op.set(t));
  emit(op.get(x), op.f64x2(0), op.f64x2Lt, op.set(negative));
  // |x| < 22 ? (x < 0 ? -t : t) : x is NaN ? x : x < 0 ? -1 : 1
  emit(op.get(at));
  emit(op.get(t), op.f64x2Neg, op.get(t), op.get(negative), op.bitselect);
  emit(op.get(x), op.f64x2(-1), op.f64x2(1), op.get(negative), op.bitselect, op.get(x), op.get(x), op.f64x2Ne);
  emit(op.bitselect, op.get(magnitude), op.f64x2(22), op.f64x2Lt, op.bitselect, op.v128Store(0));
  emit(op.get(at), op.i32(16), op.i32Add, op.set(at), op.get(biasAt), op.i32(16), op.i32Add, op.set(biasAt));
  emit(op.get(pairsLeft), op.i32(1), op.i32Sub, op.tee(pairsLeft), op.brIf(0), op.end, op.end);
  emit(op.get(positionsLeft), op.i32(1), op.i32Sub, op.tee(positionsLeft), op.brIf(0), op.end, op.end);
  emit(op.end);
  return [
    ...vector([
      [3, I32],
      [8, V128],
    ]),
    ...code,
  ];
}

/**
 * The module's bytes for `inMaps` input maps: memory imported as env.memory; exported gatherOne and
 * gatherFourPositions, (i32 x 10) -> () with the parameters above, and biasTanh, (i32 x 4) -> ().
 */
export function gatherModuleBytes(inMaps: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(inMaps) || inMaps < 1 || inMaps > 256) {
    throw new RangeError(`gather kernel: input maps must be an integer in 1..256, got ${inMaps}`);
  }
  const functionType = (parameters: number) => [
    0x60,
    ...vector(new Array<number[]>(parameters).fill([I32])),
    ...vector([]),
  ];
  const bodies = [gatherBody(inMaps, 1), gatherBody(inMaps, 4), biasTanhBody()].map((body) => [
    ...unsignedLeb(body.length),
    ...body,
  ]);
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([functionType(PARAMETERS), functionType(4)])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector([[0], [0], [1]])),
    ...section(
      7,
      vector([
        [...name('gatherOne'), 0x00, 0],
        [...name('gatherFourPositions'), 0x00, 1],
        [...name('biasTanh'), 0x00, 2],
      ]),
    ),
    ...section(10, vector(bodies)),
  ];
  return Uint8Array.from(bytes);
}

// the kernels of this scope, by input maps: compiled on first use (null where they cannot run)
const kernels = new Map<number, GatherKernel | null>();

/**
 * The kernels for `inMaps` input maps, compiled once per scope (synchronously: the modules are a
 * few kilobytes); null where WebAssembly or its SIMD is missing or the module does not validate.
 */
export function wasmGatherKernel(inMaps: number): GatherKernel | null {
  const known = kernels.get(inMaps);
  if (known !== undefined) return known;
  let kernel: GatherKernel | null = null;
  try {
    const bytes = gatherModuleBytes(inMaps);
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      const exports = instance.exports as Record<string, (...args: number[]) => void>;
      const { gatherOne, gatherFourPositions, biasTanh } = exports;
      if (gatherOne && gatherFourPositions && biasTanh) {
        kernel = { inMaps, memory, gatherOne, gatherFourPositions, biasTanh };
      }
    }
  } catch {
    kernel = null;
  }
  kernels.set(inMaps, kernel);
  return kernel;
}

/** The kernel's memory grown to at least `bytes` bytes; false where it cannot grow so far. */
function ensureMemory(kernel: GatherKernel, bytes: number): boolean {
  const have = kernel.memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    kernel.memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false; // past wasm32's 4 GiB or the engine's limit
  }
}

/** What gatherRows needs of a transposed convolution layer (plainDecoder.ts's GatherLayer and its reach tables). */
export interface GatherRowsTask {
  /** [rows, width, inMaps]: the input's rows inputRow0 .. */
  input: Float64Array;
  inputRow0: number;
  width: number;
  inMaps: number;
  /** [k, k, groupMaps / 4, inMaps, 4] */
  filter: Float64Array;
  groupMaps: number;
  kernelSize: number;
  before: number;
  outFrom: number;
  outTo: number;
  outWidth: number;
  /** per output row / column: the first and last input row / column that reach it */
  rowFirst: Int32Array;
  rowLast: Int32Array;
  columnFirst: Int32Array;
  columnLast: Int32Array;
  /** when given ([groupMaps] values), the result is tanh(sum + bias) (plainTanh's bits), not the sums */
  tanhBias?: Float64Array;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * The sums [outTo - outFrom, outWidth, groupMaps] (before the bias; or through tanh with tanhBias) of output rows [outFrom,
 * outTo), each computed by the kernel in gatherFour's order: outputs (outX, outX + 2, outX + 4,
 * outX + 6) four at a time where the same taps reach them from consecutive input columns, else
 * one at a time. Null where the kernel's memory cannot hold the layer (the JS loop runs instead).
 */
export function gatherRows(kernel: GatherKernel, task: GatherRowsTask): Float64Array | null {
  const { input, inputRow0, width, inMaps, filter, groupMaps, kernelSize, before } = task;
  const { outFrom, outTo, outWidth, rowFirst, rowLast, columnFirst, columnLast } = task;
  if (kernel.inMaps !== inMaps) throw new RangeError(`gather kernel for ${kernel.inMaps} maps run on ${inMaps}`);
  const outRows = Math.max(outTo - outFrom, 0);
  const filterAt = 0;
  const inputAt = align16(filterAt + 8 * filter.length);
  const sumsAt = align16(inputAt + 8 * input.length);
  const sumsLength = outRows * outWidth * groupMaps;
  const biasAt = align16(sumsAt + 8 * sumsLength);
  const { tanhBias } = task;
  if (tanhBias && tanhBias.length !== groupMaps) {
    throw new RangeError(`gather kernel: ${tanhBias.length} biases for ${groupMaps} maps`);
  }
  if (!ensureMemory(kernel, biasAt + 8 * groupMaps)) return null;
  const heap = new Float64Array(kernel.memory.buffer);
  heap.set(filter, filterAt / 8);
  heap.set(input, inputAt / 8);
  const tapStep = 8 * groupMaps * inMaps;
  const inputRowStep = 8 * width * inMaps;
  const filterRowStep = -2 * kernelSize * tapStep;
  const filterColumnStep = -2 * tapStep;
  const groups = groupMaps / 4;
  const positionStep = 8 * groupMaps;
  const { gatherOne, gatherFourPositions } = kernel;
  for (let outY = outFrom; outY < outTo; outY++) {
    const firstY = rowFirst[outY] as number;
    const rows = (rowLast[outY] as number) - firstY + 1;
    const rowSums = sumsAt + (outY - outFrom) * outWidth * positionStep;
    const rowInput = inputAt + (firstY - inputRow0) * inputRowStep;
    const tapRow = (outY - 2 * firstY + before) * kernelSize;
    for (let parity = 0; parity < 2; parity++) {
      for (let outX = parity; outX < outWidth;) {
        const firstX = columnFirst[outX] as number;
        const columns = (columnLast[outX] as number) - firstX + 1;
        const sums = rowSums + outX * positionStep;
        if (rows < 1 || columns < 1) {
          heap.fill(0, sums / 8, sums / 8 + groupMaps);
          outX += 2;
          continue;
        }
        let four = outX + 6 < outWidth;
        for (let j = 1; j < 4 && four; j++) {
          const partner = outX + 2 * j;
          four = columnFirst[partner] === firstX + j && (columnLast[partner] as number) - firstX - j + 1 === columns;
        }
        const gather = four ? gatherFourPositions : gatherOne;
        gather(
          sums,
          rowInput + firstX * 8 * inMaps,
          filterAt + (tapRow + outX - 2 * firstX + before) * tapStep,
          rows,
          columns,
          inputRowStep,
          filterRowStep,
          filterColumnStep,
          groups,
          2 * positionStep,
        );
        outX += four ? 8 : 2;
      }
    }
  }
  if (tanhBias && sumsLength > 0) {
    heap.set(tanhBias, biasAt / 8);
    kernel.biasTanh(sumsAt, outRows * outWidth, biasAt, groupMaps / 2);
  }
  return heap.slice(sumsAt / 8, sumsAt / 8 + sumsLength);
}
