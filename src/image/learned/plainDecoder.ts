/**
 * The learned codecs' decoders in plain JavaScript float64, for the lab's file: a reader of the
 * file has only the dequantized weights and the symbols, and must get the same image on every
 * browser. tfjs's kernels (and Math.tanh, Math.exp) may differ in their last bits from one
 * engine to another; these use + - x and one division per tanh (all IEEE-754 correctly rounded),
 * in a fixed order, so every engine computes the same bytes. The conv layers run a WebAssembly
 * SIMD kernel (convGatherWasm.ts) where the engine has one: the same + and x in the same order,
 * so the same bits (tests/convGatherWasm.test.ts), in about a third of the JS loop's time.
 *
 *   block   y = tanh(zq W3 + b3) W4 + b4                   (model.ts's decode)
 *   conv    g1 = tanh(convT(zq, D1) + d1), g2 = tanh(convT(g1, D2) + d2), y = convT(g2, D3) + d3
 *           (conv.ts's decodeConv: stride 2, 'same' padding as tfjs's conv2dTranspose)
 */

import { gatherRows, wasmGatherKernel } from './convGatherWasm';
import { plainTanh } from './plainTanh';

export { plainTanh };

/** The block model's decoder tensors (model.ts's w3, b3, w4, b4), as float64. */
export interface BlockDecoderWeights {
  /** [C, H] */
  w3: Float64Array;
  /** [H] */
  b3: Float64Array;
  /** [H, D] */
  w4: Float64Array;
  /** [D] */
  b4: Float64Array;
}

/** [rows, columns] row-major -> [columns, rows] row-major. */
function transposed(matrix: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) out[c * rows + r] = matrix[r * columns + c] as number;
  }
  return out;
}

/**
 * out[outAt + o] = start[o] + sum_i x[xAt + i] w[o, i] (i ascending) for o = 0..outputs-1, with w
 * [outputs, inputs] row-major; four outputs at a time, so each x[i] is read once for four
 * products. Each sum is the plain one in the same order: the grouping does not change a bit.
 */
function affine(
  x: Float64Array,
  xAt: number,
  inputs: number,
  w: Float64Array,
  start: Float64Array,
  out: Float64Array,
  outAt: number,
  outputs: number,
): void {
  let o = 0;
  for (; o + 4 <= outputs; o += 4) {
    const w0 = o * inputs;
    const w1 = w0 + inputs;
    const w2 = w1 + inputs;
    const w3 = w2 + inputs;
    let s0 = start[o] as number;
    let s1 = start[o + 1] as number;
    let s2 = start[o + 2] as number;
    let s3 = start[o + 3] as number;
    for (let i = 0; i < inputs; i++) {
      const v = x[xAt + i] as number;
      s0 += v * (w[w0 + i] as number);
      s1 += v * (w[w1 + i] as number);
      s2 += v * (w[w2 + i] as number);
      s3 += v * (w[w3 + i] as number);
    }
    out[outAt + o] = s0;
    out[outAt + o + 1] = s1;
    out[outAt + o + 2] = s2;
    out[outAt + o + 3] = s3;
  }
  for (; o < outputs; o++) {
    const w0 = o * inputs;
    let s0 = start[o] as number;
    for (let i = 0; i < inputs; i++) s0 += (x[xAt + i] as number) * (w[w0 + i] as number);
    out[outAt + o] = s0;
  }
}

/**
 * affine() for two inputs at once, x[xAt..] and x[yAt..] into out[outAt..] and out[outBt..]: each
 * weight is read once for two products. Each sum is the plain one in the same order.
 */
function affinePair(
  x: Float64Array,
  xAt: number,
  yAt: number,
  inputs: number,
  w: Float64Array,
  start: Float64Array,
  out: Float64Array,
  outAt: number,
  outBt: number,
  outputs: number,
): void {
  let o = 0;
  for (; o + 4 <= outputs; o += 4) {
    const w0 = o * inputs;
    const w1 = w0 + inputs;
    const w2 = w1 + inputs;
    const w3 = w2 + inputs;
    let s0 = start[o] as number;
    let s1 = start[o + 1] as number;
    let s2 = start[o + 2] as number;
    let s3 = start[o + 3] as number;
    let r0 = s0;
    let r1 = s1;
    let r2 = s2;
    let r3 = s3;
    for (let i = 0; i < inputs; i++) {
      const u = x[xAt + i] as number;
      const v = x[yAt + i] as number;
      const f0 = w[w0 + i] as number;
      const f1 = w[w1 + i] as number;
      const f2 = w[w2 + i] as number;
      const f3 = w[w3 + i] as number;
      s0 += u * f0;
      s1 += u * f1;
      s2 += u * f2;
      s3 += u * f3;
      r0 += v * f0;
      r1 += v * f1;
      r2 += v * f2;
      r3 += v * f3;
    }
    out[outAt + o] = s0;
    out[outAt + o + 1] = s1;
    out[outAt + o + 2] = s2;
    out[outAt + o + 3] = s3;
    out[outBt + o] = r0;
    out[outBt + o + 1] = r1;
    out[outBt + o + 2] = r2;
    out[outBt + o + 3] = r3;
  }
  if (o < outputs) {
    affine(x, xAt, inputs, w.subarray(o * inputs), start.subarray(o), out, outAt + o, outputs - o);
    affine(x, yAt, inputs, w.subarray(o * inputs), start.subarray(o), out, outBt + o, outputs - o);
  }
}

/**
 * For each of the [N, C] rows, the first row with the same values bit for bit (its own index
 * when it is the first), found through a hash of the rows' bits.
 */
function firstEqualRows(rows: Float64Array, columns: number): Int32Array {
  const count = rows.length / columns;
  const words = new Uint32Array(rows.buffer, rows.byteOffset, 2 * rows.length);
  const span = 2 * columns;
  const first = new Int32Array(count);
  const byHash = new Map<number, number[]>();
  for (let n = 0; n < count; n++) {
    let hash = 0x811c9dc5;
    for (let k = n * span; k < (n + 1) * span; k++) hash = Math.imul(hash ^ (words[k] as number), 0x01000193);
    const candidates = byHash.get(hash);
    let found = n;
    for (const m of candidates ?? []) {
      let equal = true;
      for (let k = 0; k < span && equal; k++) equal = words[m * span + k] === words[n * span + k];
      if (equal) {
        found = m;
        break;
      }
    }
    first[n] = found;
    if (found !== n) continue;
    if (candidates) candidates.push(n);
    else byHash.set(hash, [n]);
  }
  return first;
}

/**
 * y = tanh(zq W3 + b3) W4 + b4 for every block, each sum from its bias over its inputs in
 * ascending order. Blocks with the same latent row decode to the same values, so each distinct
 * row is computed once (smooth regions repeat rows often), two rows at a time.
 * @param latents [N, C] quantized latents (center values)
 * @returns [N, D] decoded block values, nominally in [0, 1]
 */
export function decodeBlocksPlain(weights: BlockDecoderWeights, channels: number, latents: Float64Array): Float64Array {
  const hidden = weights.b3.length;
  const values = weights.b4.length;
  const { b3, b4 } = weights;
  if (weights.w3.length !== channels * hidden || weights.w4.length !== hidden * values) {
    throw new RangeError(`decoder weights do not fit C = ${channels}, H = ${hidden}, D = ${values}`);
  }
  // [H, C] and [D, H]: each output's weights contiguous, as affine() reads them
  const w3 = transposed(weights.w3, channels, hidden);
  const w4 = transposed(weights.w4, hidden, values);
  const blocks = latents.length / channels;
  const out = new Float64Array(blocks * values);
  const first = firstEqualRows(latents, channels);
  const distinct: number[] = [];
  for (let n = 0; n < blocks; n++) if (first[n] === n) distinct.push(n);
  const activations = new Float64Array(2 * hidden);
  for (let k = 0; k < distinct.length; k += 2) {
    const n = distinct[k] as number;
    const m = distinct[k + 1];
    affine(latents, n * channels, channels, w3, b3, activations, 0, hidden);
    if (m !== undefined) affine(latents, m * channels, channels, w3, b3, activations, hidden, hidden);
    for (let h = 0; h < 2 * hidden; h++) activations[h] = plainTanh(activations[h] as number);
    if (m === undefined) affine(activations, 0, hidden, w4, b4, out, n * values, values);
    else affinePair(activations, 0, hidden, hidden, w4, b4, out, n * values, m * values, values);
  }
  for (let n = 0; n < blocks; n++) {
    const source = first[n] as number;
    if (source !== n) out.copyWithin(n * values, source * values, (source + 1) * values);
  }
  return out;
}

/**
 * The input positions that reach each output position of a stride-2 transposed convolution along
 * one axis: output p gets inputs i = first[p] .. last[p], input i through kernel tap p - 2 i + before.
 */
function reachingInputs(outSide: number, inSide: number, kernelSize: number, before: number) {
  const first = new Int32Array(outSide);
  const last = new Int32Array(outSide);
  for (let p = 0; p < outSide; p++) {
    // 0 <= p - 2 i + before <= k - 1
    first[p] = Math.max(0, Math.ceil((p + before - kernelSize + 1) / 2));
    last[p] = Math.min(inSide - 1, Math.floor((p + before) / 2));
  }
  return { first, last };
}

/** A transposed convolution layer as the gather kernels read it. */
interface GatherLayer {
  /** [rows, w, inMaps]: the input's rows inputRow0 .. inputRow0 + rows - 1 */
  input: Float64Array;
  inputRow0: number;
  width: number;
  inMaps: number;
  /** [k, k, groupMaps / 4, inMaps, 4], groupMaps = outMaps rounded up to a multiple of 4 (zeros added) */
  filter: Float64Array;
  groupMaps: number;
  kernelSize: number;
  before: number;
  /** [rows, 2w, groupMaps] the sums before the bias, of the output's rows outRow0 .. */
  sums: Float64Array;
  outRow0: number;
  outWidth: number;
}

/**
 * Output maps o..o+3 at (outY, outX) and, when `paired`, at (outY, outX + 2), which the same taps
 * reach from the input one column to the right: each filter value is read once for two products,
 * each input value once for four. Each sum runs over the reaching input positions in raster order
 * and, within one, over the input maps in ascending order, from 0.
 */
function gatherFour(
  layer: GatherLayer,
  outY: number,
  outX: number,
  firstY: number,
  lastY: number,
  firstX: number,
  lastX: number,
  o: number,
  paired: boolean,
): void {
  const { input, inputRow0, width, inMaps, filter, groupMaps, kernelSize, before, sums, outRow0, outWidth } = layer;
  const tapStride = groupMaps * inMaps;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let u0 = 0;
  let u1 = 0;
  let u2 = 0;
  let u3 = 0;
  for (let y = firstY; y <= lastY; y++) {
    const tapRow = (outY - 2 * y + before) * kernelSize;
    for (let x = firstX; x <= lastX; x++) {
      const from = ((y - inputRow0) * width + x) * inMaps;
      // the four maps' weights of input map c at w + 4 c .. w + 4 c + 3
      const w = (tapRow + outX - 2 * x + before) * tapStride + o * inMaps;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      if (paired) {
        const next = from + inMaps;
        let r0 = 0;
        let r1 = 0;
        let r2 = 0;
        let r3 = 0;
        for (let c = 0; c < inMaps; c++) {
          const v = input[from + c] as number;
          const v2 = input[next + c] as number;
          const f = w + 4 * c;
          const f0 = filter[f] as number;
          const f1 = filter[f + 1] as number;
          const f2 = filter[f + 2] as number;
          const f3 = filter[f + 3] as number;
          s0 += v * f0;
          s1 += v * f1;
          s2 += v * f2;
          s3 += v * f3;
          r0 += v2 * f0;
          r1 += v2 * f1;
          r2 += v2 * f2;
          r3 += v2 * f3;
        }
        u0 += r0;
        u1 += r1;
        u2 += r2;
        u3 += r3;
      } else {
        for (let c = 0; c < inMaps; c++) {
          const v = input[from + c] as number;
          const f = w + 4 * c;
          s0 += v * (filter[f] as number);
          s1 += v * (filter[f + 1] as number);
          s2 += v * (filter[f + 2] as number);
          s3 += v * (filter[f + 3] as number);
        }
      }
      t0 += s0;
      t1 += s1;
      t2 += s2;
      t3 += s3;
    }
  }
  const to = ((outY - outRow0) * outWidth + outX) * groupMaps + o;
  sums[to] = t0;
  sums[to + 1] = t1;
  sums[to + 2] = t2;
  sums[to + 3] = t3;
  if (paired) {
    const next = to + 2 * groupMaps;
    sums[next] = u0;
    sums[next + 1] = u1;
    sums[next + 2] = u2;
    sums[next + 3] = u3;
  }
}

/**
 * gatherFour for a last group of three maps (the decoder's RGB layer): the same sums of maps
 * o..o+2 in the same order, without the zero fourth map's products (a quarter of that layer).
 */
function gatherThree(
  layer: GatherLayer,
  outY: number,
  outX: number,
  firstY: number,
  lastY: number,
  firstX: number,
  lastX: number,
  o: number,
  paired: boolean,
): void {
  const { input, inputRow0, width, inMaps, filter, groupMaps, kernelSize, before, sums, outRow0, outWidth } = layer;
  const tapStride = groupMaps * inMaps;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let u0 = 0;
  let u1 = 0;
  let u2 = 0;
  for (let y = firstY; y <= lastY; y++) {
    const tapRow = (outY - 2 * y + before) * kernelSize;
    for (let x = firstX; x <= lastX; x++) {
      const from = ((y - inputRow0) * width + x) * inMaps;
      const w = (tapRow + outX - 2 * x + before) * tapStride + o * inMaps;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      if (paired) {
        const next = from + inMaps;
        let r0 = 0;
        let r1 = 0;
        let r2 = 0;
        for (let c = 0; c < inMaps; c++) {
          const v = input[from + c] as number;
          const v2 = input[next + c] as number;
          const f = w + 4 * c;
          const f0 = filter[f] as number;
          const f1 = filter[f + 1] as number;
          const f2 = filter[f + 2] as number;
          s0 += v * f0;
          s1 += v * f1;
          s2 += v * f2;
          r0 += v2 * f0;
          r1 += v2 * f1;
          r2 += v2 * f2;
        }
        u0 += r0;
        u1 += r1;
        u2 += r2;
      } else {
        for (let c = 0; c < inMaps; c++) {
          const v = input[from + c] as number;
          const f = w + 4 * c;
          s0 += v * (filter[f] as number);
          s1 += v * (filter[f + 1] as number);
          s2 += v * (filter[f + 2] as number);
        }
      }
      t0 += s0;
      t1 += s1;
      t2 += s2;
    }
  }
  const to = ((outY - outRow0) * outWidth + outX) * groupMaps + o;
  sums[to] = t0;
  sums[to + 1] = t1;
  sums[to + 2] = t2;
  if (paired) {
    const next = to + 2 * groupMaps;
    sums[next] = u0;
    sums[next + 1] = u1;
    sums[next + 2] = u2;
  }
}

/**
 * tfjs's conv2dTranspose(input, filter, [2h, 2w, out], 2, 'same') + bias, optionally through tanh.
 * 'same' pads the matching stride-2 convolution by k - 2 in all (k >= 2), floor((k - 2) / 2)
 * before, so input position i reaches outputs 2 i + t - before for kernel taps t = 0..k-1.
 *
 * The order of + and x is fixed, so every engine gets the same bits: an output is the sum, over
 * the input positions that reach it in raster order, of that position's products summed over the
 * input maps (ascending), then plus the bias. It is computed output by output (gatherFour), which
 * reads each input and filter value once for several products and writes each output once.
 * @param input [h, w, inMaps] @param filter [k, k, outMaps, inMaps] @returns [2h, 2w, outMaps]
 */
export function convTransposePlain(
  input: Float64Array,
  height: number,
  width: number,
  inMaps: number,
  filter: Float64Array,
  bias: Float64Array,
  kernelSize: number,
  activate: boolean,
): Float64Array {
  if (input.length !== height * width * inMaps) {
    throw new RangeError(`convTranspose: input has ${input.length} values, not ${height} x ${width} x ${inMaps}`);
  }
  const shape = { height, width, inMaps, kernelSize };
  return convTransposeRows(shape, { values: input, row0: 0 }, filter, bias, activate, 0, 2 * height);
}

/** A stride-2 transposed convolution's input shape: [height, width, inMaps], k x k taps. */
interface ConvShape {
  height: number;
  width: number;
  inMaps: number;
  kernelSize: number;
}

/** Some consecutive rows of a [height, width, maps] map: rows row0 .. row0 + values / (width maps) - 1. */
interface RowSpan {
  values: Float64Array;
  row0: number;
}

/** 'same' padding's taps before the centre for a k x k stride-2 transposed convolution. */
function tapsBefore(kernelSize: number): number {
  return Math.floor(Math.max(kernelSize - 2, 0) / 2);
}

/**
 * The input rows [from, to) that output rows [outFrom, outTo) of a stride-2 transposed convolution
 * read (the band's halo included); empty when no output row is asked for.
 */
export function inputRowsReaching(
  outFrom: number,
  outTo: number,
  inSide: number,
  kernelSize: number,
): { from: number; to: number } {
  if (outTo <= outFrom) return { from: 0, to: 0 };
  const before = tapsBefore(kernelSize);
  const from = Math.max(0, Math.ceil((outFrom + before - kernelSize + 1) / 2));
  const to = Math.min(inSide - 1, Math.floor((outTo - 1 + before) / 2)) + 1;
  return { from, to: Math.max(from, to) };
}

/**
 * convTransposePlain's output rows [outFrom, outTo) only, from the input rows that reach them
 * (`input`, at least inputRowsReaching's rows): each output is the same sum in the same order as
 * in the whole map, so a band is bit for bit the whole map's rows.
 * @returns [outTo - outFrom, 2w, outMaps]
 */
function convTransposeRows(
  shape: ConvShape,
  input: RowSpan,
  filter: Float64Array,
  bias: Float64Array,
  activate: boolean,
  outFrom: number,
  outTo: number,
): Float64Array {
  const { height, width, inMaps, kernelSize } = shape;
  const outMaps = bias.length;
  const taps = kernelSize * kernelSize;
  if (filter.length !== taps * outMaps * inMaps || input.values.length % (width * inMaps) !== 0) {
    throw new RangeError(
      `convTranspose: filter or input does not fit ${kernelSize}x${kernelSize}, ${inMaps} -> ${outMaps}`,
    );
  }
  const inRows = input.values.length / (width * inMaps);
  const needed = inputRowsReaching(outFrom, outTo, height, kernelSize);
  if (outTo > outFrom && (needed.from < input.row0 || needed.to > input.row0 + inRows)) {
    throw new RangeError(
      `convTranspose: output rows ${outFrom}..${outTo - 1} need input rows ${needed.from}..${needed.to - 1}, got ${input.row0}..${input.row0 + inRows - 1} of ${height}`,
    );
  }
  const outWidth = 2 * width;
  const before = tapsBefore(kernelSize);
  const groupMaps = 4 * Math.ceil(outMaps / 4);
  // [k, k, groupMaps / 4, inMaps, 4]: a group's four weights for one input map side by side
  const groupFilter = new Float64Array(taps * groupMaps * inMaps);
  for (let tap = 0; tap < taps; tap++) {
    for (let o = 0; o < outMaps; o++) {
      const to = tap * groupMaps * inMaps + (o - (o % 4)) * inMaps + (o % 4);
      for (let c = 0; c < inMaps; c++) groupFilter[to + 4 * c] = filter[(tap * outMaps + o) * inMaps + c] as number;
    }
  }
  const rowsReaching = reachingInputs(2 * height, height, kernelSize, before);
  const columnsReaching = reachingInputs(outWidth, width, kernelSize, before);
  const kernel = wasmGatherKernel(inMaps);
  // the kernel's tanh works in place on [positions, groupMaps] sums: outMaps a multiple of 4
  const withTanh = activate && groupMaps === outMaps;
  const kernelSums =
    kernel &&
    gatherRows(kernel, {
      input: input.values,
      inputRow0: input.row0,
      width,
      inMaps,
      filter: groupFilter,
      groupMaps,
      kernelSize,
      before,
      outFrom,
      outTo,
      outWidth,
      rowFirst: rowsReaching.first,
      rowLast: rowsReaching.last,
      columnFirst: columnsReaching.first,
      columnLast: columnsReaching.last,
      ...(withTanh ? { tanhBias: bias } : {}),
    });
  if (kernelSums) return withTanh ? kernelSums : finishOutputs(kernelSums, groupMaps, bias, activate);
  const sums = new Float64Array(Math.max(outTo - outFrom, 0) * outWidth * groupMaps);
  const layer: GatherLayer = {
    input: input.values,
    inputRow0: input.row0,
    width,
    inMaps,
    filter: groupFilter,
    groupMaps,
    kernelSize,
    before,
    sums,
    outRow0: outFrom,
    outWidth,
  };
  const firstColumn = columnsReaching.first;
  const lastColumn = columnsReaching.last;
  for (let outY = outFrom; outY < outTo; outY++) {
    const firstY = rowsReaching.first[outY] as number;
    const lastY = rowsReaching.last[outY] as number;
    // columns in pairs (x, x + 2), x = 0, 1, 4, 5, ...: the same taps, one input column apart
    for (let outX = 0; outX < outWidth; outX += (outX & 1) === 0 ? 1 : 3) {
      const firstX = firstColumn[outX] as number;
      const lastX = lastColumn[outX] as number;
      const partner = outX + 2;
      const paired = partner < outWidth && firstColumn[partner] === firstX + 1 && lastColumn[partner] === lastX + 1;
      for (let o = 0; o < groupMaps; o += 4) {
        const gather = outMaps - o === 3 ? gatherThree : gatherFour;
        gather(layer, outY, outX, firstY, lastY, firstX, lastX, o, paired);
        if (!paired && partner < outWidth) {
          const first = firstColumn[partner] as number;
          gather(layer, outY, partner, firstY, lastY, first, lastColumn[partner] as number, o, false);
        }
      }
    }
  }
  return finishOutputs(sums, groupMaps, bias, activate);
}

/** [positions, outMaps] outputs from [positions, groupMaps] sums: sum + bias, through tanh if `activate`. */
function finishOutputs(sums: Float64Array, groupMaps: number, bias: Float64Array, activate: boolean): Float64Array {
  const outMaps = bias.length;
  const positions = sums.length / groupMaps;
  const out = groupMaps === outMaps ? sums : new Float64Array(positions * outMaps);
  for (let position = 0, at = 0; position < positions; position++) {
    const from = position * groupMaps;
    for (let o = 0; o < outMaps; o++, at++) {
      const value = (sums[from + o] as number) + (bias[o] as number);
      out[at] = activate ? plainTanh(value) : value;
    }
  }
  return out;
}

/** The conv model's decoder tensors (conv.ts's decoderFilter1..decoderBias3), as float64. */
export interface ConvDecoderWeights {
  /** [k, k, F, C] */
  filter1: Float64Array;
  bias1: Float64Array;
  /** [k, k, F, F] */
  filter2: Float64Array;
  bias2: Float64Array;
  /** [k, k, 3, F] */
  filter3: Float64Array;
  bias3: Float64Array;
}

/**
 * The conv model's decoder on a latent map.
 * @param latents [h, w, C] @returns [8h, 8w, 3] values, nominally in [0, 1]
 */
export function decodeConvPlain(
  weights: ConvDecoderWeights,
  kernelSize: number,
  channels: number,
  latentHeight: number,
  latentWidth: number,
  latents: Float64Array,
): Float64Array {
  const latentMap = { height: latentHeight, width: latentWidth, channels, kernelSize };
  return decodeConvRows(weights, latentMap, { values: latents, row0: 0 }, 0, 8 * latentHeight);
}

/** The latent map a conv decoder reads: [height, width, channels], k x k kernels. */
export interface ConvLatentMap {
  height: number;
  width: number;
  channels: number;
  kernelSize: number;
}

/**
 * The latent rows [from, to) that the decoded image's rows [imageFrom, imageTo) depend on through
 * the three layers (each layer's halo included): what a band's worker needs of the latents.
 */
export function latentRowsForImageRows(
  latentMap: ConvLatentMap,
  imageFrom: number,
  imageTo: number,
): { from: number; to: number } {
  const { height, kernelSize } = latentMap;
  const g2 = inputRowsReaching(imageFrom, imageTo, 4 * height, kernelSize);
  const g1 = inputRowsReaching(g2.from, g2.to, 2 * height, kernelSize);
  return inputRowsReaching(g1.from, g1.to, height, kernelSize);
}

/**
 * The decoded image's rows [imageFrom, imageTo) only (a horizontal band): each layer computes the
 * rows the next one reads (the halo), each output the same sum in the same order as in
 * decodeConvPlain, so the bands of a split, stacked, are the whole image bit for bit.
 * @param latents at least the latent rows latentRowsForImageRows gives, [rows, w, C] from row `row0`
 * @returns [imageTo - imageFrom, 8w, 3]
 */
export function decodeConvRows(
  weights: ConvDecoderWeights,
  latentMap: ConvLatentMap,
  latents: RowSpan,
  imageFrom: number,
  imageTo: number,
): Float64Array {
  const { height, width, channels, kernelSize } = latentMap;
  const filters = weights.bias1.length;
  if (latents.values.length % (width * channels) !== 0 || imageFrom < 0 || imageTo > 8 * height) {
    throw new RangeError(
      `decodeConv: rows ${imageFrom}..${imageTo - 1} of ${8 * height}, or latents not [rows, ${width}, ${channels}]`,
    );
  }
  const g2Rows = inputRowsReaching(imageFrom, imageTo, 4 * height, kernelSize);
  const g1Rows = inputRowsReaching(g2Rows.from, g2Rows.to, 2 * height, kernelSize);
  const g1 = convTransposeRows(
    { height, width, inMaps: channels, kernelSize },
    latents,
    weights.filter1,
    weights.bias1,
    true,
    g1Rows.from,
    g1Rows.to,
  );
  const g2 = convTransposeRows(
    { height: 2 * height, width: 2 * width, inMaps: filters, kernelSize },
    { values: g1, row0: g1Rows.from },
    weights.filter2,
    weights.bias2,
    true,
    g2Rows.from,
    g2Rows.to,
  );
  return convTransposeRows(
    { height: 4 * height, width: 4 * width, inMaps: filters, kernelSize },
    { values: g2, row0: g2Rows.from },
    weights.filter3,
    weights.bias3,
    false,
    imageFrom,
    imageTo,
  );
}
