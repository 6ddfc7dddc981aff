import { englishMessage } from '../src/i18n/messageText';
import type { Message } from '../src/i18n/message';
import { describe, expect, it } from 'vitest';
import { DCT_MATRIX, forwardDct, JPEG_LUMINANCE_TABLE, paddedSize } from '../src/image/dct';
import {
  assignmentEntropyBits,
  bitsPerPixel,
  entropyBits,
  histogramsByStream,
  totalCodeLengthBits,
} from '../src/image/entropy';
import { coefficientsToRgba, dctLayout, forwardDctPlanes } from '../src/image/dctPlanes';
import { measureMsssim } from '../src/image/labWorker';
import { meanSquaredError, msssim, psnr } from '../src/image/metrics';
import { inputsToPixels, pixelsToInputs, planesToRgba, rgbaToPlanes } from '../src/image/pixels';
import { seededRandom } from '../src/model/random';
import { entropyImage } from '../src/image/paintMaps';
import { interpolateViridis, rgb } from 'd3';

/** A random RGBA image, alpha 255. */
function randomImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : Math.floor(random() * 256);
  return rgba;
}

/** The textbook 2-D DCT-II of one 8 x 8 block in float64, straight from the double sum. */
function directDct(block: number[]): number[] {
  const a = (k: number) => Math.sqrt((k === 0 ? 1 : 2) / 8);
  const out: number[] = [];
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          sum +=
            (block[y * 8 + x]! - 128) *
            Math.cos(((2 * y + 1) * u * Math.PI) / 16) *
            Math.cos(((2 * x + 1) * v * Math.PI) / 16);
        }
      }
      out.push(a(u) * a(v) * sum);
    }
  }
  return out;
}

describe('dct', () => {
  it('the 8 x 8 matrix is orthonormal: D D^T = I', () => {
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        let dot = 0;
        for (let n = 0; n < 8; n++) dot += DCT_MATRIX[i * 8 + n]! * DCT_MATRIX[j * 8 + n]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('matches the direct float64 double sum on every block of every channel, 16 x 8', () => {
    const planes = rgbaToPlanes(randomImage(16, 8, 3), 16, 8);
    const coefficients = forwardDct(planes, 16, 8);
    for (let c = 0; c < 3; c++) {
      for (let bx = 0; bx < 16; bx += 8) {
        const block: number[] = [];
        for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) block.push(planes[c * 128 + y * 16 + bx + x]!);
        const expected = directDct(block);
        for (let u = 0; u < 8; u++) {
          for (let v = 0; v < 8; v++) {
            expect(Math.abs(coefficients[c * 128 + u * 16 + bx + v]! - expected[u * 8 + v]!)).toBeLessThan(1e-3);
          }
        }
      }
    }
  });

  it('the DC of a flat block is 8 (x - 128): orthonormal scaling', () => {
    const planes = new Float32Array(3 * 64).fill(200);
    expect(forwardDct(planes, 8, 8)[0]).toBeCloseTo(8 * 72, 3);
  });

  it('pads by replication to a multiple of 8, and the round trip crops back to the original', () => {
    const width = 13;
    const height = 10;
    expect(paddedSize(width, height)).toEqual({ width: 16, height: 16 });
    const layout = dctLayout(width, height, 'rgb');
    // replicated edges keep a flat image flat: every block of every plane has only its DC term
    // (padding with anything else would give the edge blocks AC terms)
    const flat = forwardDctPlanes(new Uint8ClampedArray(width * height * 4).fill(200), layout);
    const dc = flat[0] as number;
    expect(dc).not.toBe(0);
    flat.forEach((value, i) =>
      expect(value, `coefficient ${i}`).toBeCloseTo(i % 8 === 0 && (i >> 4) % 8 === 0 ? dc : 0, 3),
    );
    // the inverse crops the padding off: the original bytes come back
    const image = randomImage(width, height, 7);
    const back = coefficientsToRgba(Float64Array.from(forwardDctPlanes(image, layout)), layout);
    expect(Array.from(back)).toEqual(Array.from(image));
  });

  it('has the 64 entries of the standard luminance table (16 first, 99 last, sum 3,688)', () => {
    expect(JPEG_LUMINANCE_TABLE).toHaveLength(64);
    expect(JPEG_LUMINANCE_TABLE[0]).toBe(16);
    expect(JPEG_LUMINANCE_TABLE[63]).toBe(99);
    // T.81 Table K.1, summed by hand from the printed table
    expect(JPEG_LUMINANCE_TABLE.reduce((a, b) => a + b, 0)).toBe(3688);
  });
});

describe('entropy', () => {
  it('agrees with hand-computed distributions', () => {
    expect(entropyBits([2, 2])).toBeCloseTo(1, 12);
    expect(entropyBits([1, 1, 2])).toBeCloseTo(1.5, 12);
    expect(entropyBits([5, 0, 0])).toBe(0);
    expect(entropyBits([1, 1, 1, 1, 0])).toBeCloseTo(2, 12);
    expect(entropyBits([])).toBe(0);
  });

  it('sums n_s H_s over streams and divides by pixels, not values', () => {
    // stream 0: symbols 0,0,1,1 (1 bit each); stream 1: 2,2,2,2 (0 bits)
    const h = histogramsByStream([0, 0, 1, 1, 2, 2, 2, 2], [0, 0, 0, 0, 1, 1, 1, 1], 2, 3);
    expect(Array.from(h.counts)).toEqual([2, 2, 0, 0, 0, 4]);
    expect(totalCodeLengthBits(h)).toBeCloseTo(4, 12);
    expect(bitsPerPixel(h, 2)).toBeCloseTo(2, 12);
  });

  it('rejects a symbol outside 0..L-1 by name', () => {
    expect(() => histogramsByStream([3], [0], 1, 3)).toThrow(/symbol 0 must be in 0..2/);
  });

  it('gives per-element entropy of soft assignments in bits', () => {
    const p = Float32Array.from([0.5, 0.5, 0, 1, 0, 0, 0.25, 0.25, 0.5]);
    expect(Array.from(assignmentEntropyBits(p, 3))).toEqual([1, 0, 1.5]);
  });
});

describe('metrics', () => {
  it('PSNR is 10 log10(255^2 / MSE) over RGB, alpha ignored', () => {
    const a = randomImage(9, 7, 1);
    const b = Uint8ClampedArray.from(a);
    // +3 on every red value that stays in range, and alpha changed (ignored)
    let squared = 0;
    for (let i = 0; i < b.length; i += 4) {
      const before = b[i]!;
      b[i] = before + 3;
      squared += (b[i]! - before) ** 2;
      b[i + 3] = 0;
    }
    const mse = squared / (9 * 7 * 3);
    expect(meanSquaredError(a, b)).toBeCloseTo(mse, 10);
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255) / mse), 10);
    expect(psnr(a, a)).toBe(Infinity);
  });

  it('MS-SSIM: 1 for identical images, lower with noise, null with a reason under 176 px', () => {
    const a = randomImage(192, 180, 2);
    expect(msssim(a, a, 192, 180).value).toBeCloseTo(1, 6);
    const b = Uint8ClampedArray.from(a, (v, i) => (i % 4 === 3 ? v : v + (i % 7) * 6 - 18));
    const noisy = msssim(a, b, 192, 180).value;
    expect(noisy).not.toBeNull();
    expect(noisy!).toBeLessThan(0.9999);
    // a stronger distortion scores lower: the complement image
    const inverted = Uint8ClampedArray.from(a, (v, i) => (i % 4 === 3 ? v : 255 - v));
    expect(msssim(a, inverted, 192, 180).value ?? 0).toBeLessThan(noisy!);
    const small = msssim(randomImage(200, 100, 3), randomImage(200, 100, 4), 200, 100);
    expect(small.value).toBeNull();
    expect(englishMessage(small.reason as Message)).toMatch(/at least 176 px.*200 x 100/);
  });

  it('MS-SSIM through the lab worker falls back to this thread where there is no Worker (node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const a = randomImage(192, 180, 5);
    const b = randomImage(192, 180, 6);
    const results = await measureMsssim(a, [b, a], 192, 180);
    expect(results.map((r) => r.value)).toEqual([msssim(a, b, 192, 180).value, msssim(a, a, 192, 180).value]);
  });
});

describe('pixels transform', () => {
  it('maps 0 -> c_1, 255 -> c_L linearly, and back with rounding and clipping', () => {
    const centers = [-2, -1, 0, 1, 2];
    const w = pixelsToInputs(Float32Array.from([0, 255, 51, 127.5]), centers);
    expect(Array.from(w)).toEqual([-2, 2, Math.fround(-2 + (51 / 255) * 4), 0]);
    const x = inputsToPixels(Float32Array.from([-2, 2, 0, 3, -2.1]), centers);
    expect(x[2]).toBeCloseTo(127.5, 5);
    const rgba = planesToRgba(
      Float32Array.from([0, 255, 127.5, 318.75, -12.75, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2].slice(0, 15)),
      5,
      1,
    );
    // rounded half up, clipped to 0..255
    expect(Array.from(rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 255, 128, 255, 0]);
    expect(Array.from(inputsToPixels(Float32Array.from([0.3]), [1]))).toEqual([127.5]);
  });

  it('writes every value as Math.round, clipped to 0..255, NaN as 0, on aligned and unaligned buffers', () => {
    const special = [NaN, Infinity, -Infinity, -0, 0.5, 1.5, 254.5, 255.49, 255.5, -0.5, -0.49, 1e12, -1e12, 2 ** 31];
    const n = 4096;
    const planes = Float32Array.from({ length: 3 * n }, (_, i) =>
      i < special.length ? (special[i] as number) : Math.sin(i * 12.9898) * 400 - 60,
    );
    const expected = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < 3; k++) {
        const x = planes[k * n + i] as number;
        expected[4 * i + k] = Number.isNaN(x) ? 0 : Math.min(255, Math.max(0, Math.round(x)));
        expected[4 * i + 3] = 255;
      }
    expect(Array.from(planesToRgba(planes, 64, 64))).toEqual(Array.from(expected));
    const unaligned = new Uint8ClampedArray(new ArrayBuffer(4 * n + 1), 1, 4 * n);
    expect(Array.from(planesToRgba(planes, 64, 64, unaligned))).toEqual(Array.from(expected));
  });

  it('the round trip of every 8-bit value is exact after rounding', () => {
    const values = Float32Array.from({ length: 256 }, (_, i) => i);
    const back = inputsToPixels(pixelsToInputs(values, [-1.5, -0.5, 0.5, 1.5]), [-1.5, -0.5, 0.5, 1.5]);
    back.forEach((v, i) => expect(Math.round(v)).toBe(i));
  });
});

describe('entropy map', () => {
  it("colours the channels' mean entropy with viridis from 0 to log2 L, clipped, NaN as the lowest", () => {
    const centerCount = 5;
    const top = Math.log2(centerCount);
    // levels away from half steps, so rounding cannot differ between formulas
    const levels = [0, 1, 37, 128, 200, 254, 255];
    const means = [...levels.map((k) => (k / 255) * top), 2 * top, -1, NaN];
    const n = means.length;
    const bits = new Float32Array(3 * n);
    means.forEach((mean, i) => {
      // three channels around the mean
      bits[i] = mean - 0.001;
      bits[n + i] = mean;
      bits[2 * n + i] = mean + 0.001;
    });
    const rgba = entropyImage(bits, centerCount, n, 1);
    const colour = (k: number) => {
      const c = rgb(interpolateViridis(k / 255));
      return [c.r, c.g, c.b, 255];
    };
    const expected = [...levels.map(colour), colour(255), colour(0), colour(0)];
    expect(Array.from({ length: n }, (_, i) => Array.from(rgba.subarray(4 * i, 4 * i + 4)))).toEqual(expected);
  });
});
