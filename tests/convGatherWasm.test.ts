/**
 * The conv decoder's WebAssembly SIMD kernel (learned/convGatherWasm.ts) against the plain JS loop
 * it replaces, bit for bit: a lab file decodes to the same bytes on every engine only if the
 * kernel adds the same products in the same order, and its tanh runs plainTanh's sequence.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatherModuleBytes, wasmGatherKernel } from '../src/image/learned/convGatherWasm';
import {
  convTransposePlain,
  decodeConvPlain,
  decodeConvRows,
  latentRowsForImageRows,
} from '../src/image/learned/plainDecoder';
import { plainTanh } from '../src/image/learned/plainTanh';
import { seededRandom } from '../src/model/random';

// The decoder takes the JS loop where wasmGatherKernel gives no kernel: closing this gate makes
// it give none, so one call can be computed both ways.
const gate = vi.hoisted(() => ({ wasm: true }));
vi.mock('../src/image/learned/convGatherWasm', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/image/learned/convGatherWasm')>();
  return { ...real, wasmGatherKernel: (inMaps: number) => (gate.wasm ? real.wasmGatherKernel(inMaps) : null) };
});

const random = seededRandom(97);
const draw = (length: number, scale: number) => Float64Array.from({ length }, () => (random() - 0.5) * scale);

/** Equal bit for bit (Object.is tells -0 from 0; any NaN equals any NaN); the first difference otherwise. */
function firstDifference(a: Float64Array, b: Float64Array): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `at ${i}: ${a[i]} and ${b[i]}`;
  return null;
}

/** f(), computed with the JS loop and then with the kernel. */
function bothWays(f: () => Float64Array): { js: Float64Array; wasm: Float64Array } {
  gate.wasm = false;
  const js = f();
  gate.wasm = true;
  return { js, wasm: f() };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  gate.wasm = true;
});

describe('the WebAssembly SIMD conv kernel', () => {
  it('builds a module that validates for 1 to 64 input maps, the same bytes every time', () => {
    for (const inMaps of [1, 2, 3, 6, 16, 32, 64]) {
      const bytes = gatherModuleBytes(inMaps);
      expect(WebAssembly.validate(bytes), `${inMaps} maps`).toBe(true);
      expect(gatherModuleBytes(inMaps)).toEqual(bytes);
    }
    expect(() => gatherModuleBytes(0)).toThrow(/input maps must be an integer in 1..256, got 0/);
    expect(() => gatherModuleBytes(2.5)).toThrow(/got 2.5/);
  });

  it('is available in node (WebAssembly SIMD), so the tests below compare two different paths', () => {
    expect(wasmGatherKernel(32)).not.toBeNull();
    gate.wasm = false;
    expect(wasmGatherKernel(32)).toBeNull();
  });

  it('convTransposePlain: the kernel equals the JS loop bit for bit (kernels 1-5, odd sizes, 1-33 maps, with and without tanh)', () => {
    const cases = [
      // kernelSize, height, width, inMaps, outMaps
      [5, 9, 13, 16, 32],
      [5, 4, 7, 32, 3],
      [5, 3, 1, 6, 4],
      [4, 5, 11, 3, 8],
      [3, 7, 6, 2, 5],
      [2, 2, 9, 1, 12],
      [1, 3, 5, 4, 4],
      [5, 1, 1, 33, 7],
      [5, 6, 17, 8, 36],
    ] as const;
    for (const [kernelSize, height, width, inMaps, outMaps] of cases) {
      const input = draw(height * width * inMaps, 4);
      const filter = draw(kernelSize * kernelSize * outMaps * inMaps, 1);
      const bias = draw(outMaps, 0.5);
      for (const activate of [true, false]) {
        const { js, wasm } = bothWays(() =>
          convTransposePlain(input, height, width, inMaps, filter, bias, kernelSize, activate),
        );
        const label = `k ${kernelSize}, ${height} x ${width}, ${inMaps} -> ${outMaps}, tanh ${activate}`;
        expect(firstDifference(wasm, js), label).toBe(null);
      }
    }
  });

  it("the kernel's tanh equals plainTanh bit for bit: signed zeros, tiny, near 22, huge, infinite and NaN sums", () => {
    const special = [0, -0, 1e-300, -1e-300, 5e-324, -5e-324, 1e-9, -1e-9, 0.5, -0.5, 0.34657359, 1, -1, 3, -3, 10];
    const edges = [21.999999999999996, -21.999999999999996, 22, -22, 22.000000000000004, 44, 1e300, -1e300];
    const values = [...special, ...edges, Infinity, -Infinity, NaN, ...draw(2000, 12), ...draw(2000, 60)];
    // a 1 x 1 input through a 2 x 2 kernel with one input map of value 1: each output is its filter value
    const outMaps = 4;
    for (let at = 0; at < values.length; at += outMaps) {
      const chunk = values.slice(at, at + outMaps);
      while (chunk.length < outMaps) chunk.push(0);
      const filter = new Float64Array(4 * outMaps);
      for (let tap = 0; tap < 4; tap++) filter.set(chunk, tap * outMaps);
      const bias = new Float64Array(outMaps);
      const { js, wasm } = bothWays(() => convTransposePlain(Float64Array.of(1), 1, 1, 1, filter, bias, 2, true));
      expect(firstDifference(wasm, js), `values ${chunk.join(', ')}`).toBe(null);
      // and both are plainTanh of the sum (1 x filter value, + 0 bias)
      const expected = Float64Array.from({ length: js.length }, (_, i) =>
        plainTanh(1 * (chunk[i % outMaps] as number) + 0),
      );
      expect(firstDifference(js, expected)).toBe(null);
    }
  });

  it('decodeConvPlain and its bands: the kernel equals the JS loop bit for bit (odd latent maps)', () => {
    for (const [kernelSize, height, width, channels, filters] of [
      [5, 5, 3, 16, 32],
      [5, 3, 7, 4, 8],
      [3, 2, 5, 3, 6],
    ] as const) {
      const weights = {
        filter1: draw(kernelSize * kernelSize * filters * channels, 0.6),
        bias1: draw(filters, 0.5),
        filter2: draw(kernelSize * kernelSize * filters * filters, 0.4),
        bias2: draw(filters, 0.5),
        filter3: draw(kernelSize * kernelSize * 3 * filters, 0.4),
        bias3: draw(3, 0.5),
      };
      const latents = Float64Array.from({ length: height * width * channels }, () => Math.round((random() - 0.5) * 6));
      const whole = bothWays(() => decodeConvPlain(weights, kernelSize, channels, height, width, latents));
      expect(firstDifference(whole.wasm, whole.js), `k ${kernelSize}, ${height} x ${width}`).toBe(null);
      const latentMap = { height, width, channels, kernelSize };
      const [from, to] = [5, 8 * height - 3];
      const needed = latentRowsForImageRows(latentMap, from, to);
      const span = latents.slice(needed.from * width * channels, needed.to * width * channels);
      const band = bothWays(() => decodeConvRows(weights, latentMap, { values: span, row0: needed.from }, from, to));
      expect(firstDifference(band.wasm, band.js)).toBe(null);
      expect(firstDifference(band.wasm, whole.js.slice(from * 8 * width * 3, to * 8 * width * 3))).toBe(null);
    }
  });

  it('falls back to the JS loop where WebAssembly SIMD does not validate or WebAssembly is missing', () => {
    // kernels are compiled once per input-map count: these counts (7, 9) are used first here
    const layer = (inMaps: number) => {
      const input = draw(4 * 5 * inMaps, 2);
      const filter = draw(25 * 6 * inMaps, 1);
      const bias = draw(6, 0.5);
      return () => convTransposePlain(input, 4, 5, inMaps, filter, bias, 5, true);
    };
    const notValid = layer(7);
    gate.wasm = false;
    const notValidJs = notValid();
    gate.wasm = true;
    const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(firstDifference(notValid(), notValidJs)).toBe(null);
    expect(validate).toHaveBeenCalled();
    expect(wasmGatherKernel(7)).toBeNull();
    validate.mockRestore();

    const missing = layer(9);
    gate.wasm = false;
    const missingJs = missing();
    gate.wasm = true;
    vi.stubGlobal('WebAssembly', undefined);
    expect(firstDifference(missing(), missingJs)).toBe(null);
    expect(wasmGatherKernel(9)).toBeNull();
    vi.unstubAllGlobals();
    expect(wasmGatherKernel(10)).not.toBeNull();
  });

  it("falls back to the JS loop where the kernel's memory cannot grow to hold a layer", () => {
    // 20 x 20 x 11 in, 40 x 40 x 8 out: more than a new kernel's first 64 KiB (11 maps: used first here)
    const input = draw(20 * 20 * 11, 2);
    const filter = draw(25 * 8 * 11, 1);
    const bias = draw(8, 0.5);
    gate.wasm = false;
    const js = convTransposePlain(input, 20, 20, 11, filter, bias, 5, true);
    gate.wasm = true;
    const kernel = wasmGatherKernel(11);
    if (!kernel) throw new Error('no kernel');
    const grow = vi.spyOn(kernel.memory, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    expect(firstDifference(convTransposePlain(input, 20, 20, 11, filter, bias, 5, true), js)).toBe(null);
    expect(grow).toHaveBeenCalled();
  });
});
