import { describe, expect, it } from 'vitest';
import {
  analyse,
  countBits,
  decodeCodecPayload,
  quantize,
  readCodecPayload,
  reconstruct,
  withPostFilter,
  type CodecParams,
} from '../src/image/codec/codec';
import {
  applyPostFilter,
  FILTER_BYTES,
  FILTER_TAPS,
  identityFilter,
  NO_FILTER,
  postFilterPays,
} from '../src/image/codec/postFilter';
import { fitColourTransform, forwardColour, inverseColourToRgba, symmetricEigen } from '../src/image/codec/colour';
import { CONTAINER_BYTES, writeCodecFile } from '../src/image/codec/file';
import { channelWeights, LUMA_EMPHASIS } from '../src/image/codec/distortionWeights';
import { dequantizePlanes, dequantizeValue, encodeSteps, quantizeValue, stepOf } from '../src/image/codec/quantizer';
import { countedBpp, fitStepScale, scaleSteps, uniformParams } from '../src/image/codec/rateControl';
import { subbands, synthesisGains } from '../src/image/codec/subbands';
import { forwardWavelet, inverseWavelet } from '../src/image/codec/wavelet';
import { decodeLabFile } from '../src/image/coding/container';
import { msssim, psnr } from '../src/image/metrics';
import { readPng } from './pngImage';

/** A deterministic pseudo-random generator (mulberry32). */
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

/** A smooth picture with edges and noise, RGBA [H, W, 4]. */
function syntheticImage(width: number, height: number, seed = 1): Uint8ClampedArray {
  const next = random(seed);
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const edge = x > width / 3 && y < (2 * height) / 3 ? 60 : 0;
      rgba[i] = 90 + 80 * Math.sin(x / 9) + edge + 20 * next();
      rgba[i + 1] = 120 + 60 * Math.cos(y / 7) - edge / 2 + 20 * next();
      rgba[i + 2] = 60 + (x * 150) / width + 20 * next();
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

describe('9/7 wavelet', () => {
  it.each([
    [512, 512, 5],
    [37, 23, 2],
    [17, 64, 1],
    [9, 9, 1],
  ])(
    'reconstructs a %i x %i plane after %i levels to within 1e-9 (perfect reconstruction)',
    (width, height, levels) => {
      const next = random(width * height);
      const plane = Float64Array.from({ length: width * height }, () => 255 * next());
      const coefficients = forwardWavelet(plane.slice(), width, height, levels);
      const back = inverseWavelet(coefficients.slice(), width, height, levels);
      let worst = 0;
      for (let i = 0; i < plane.length; i++)
        worst = Math.max(worst, Math.abs((back[i] as number) - (plane[i] as number)));
      expect(worst).toBeLessThan(1e-9);
      // and it is a transform: the coefficients differ from the samples
      expect(coefficients.some((value, i) => Math.abs(value - (plane[i] as number)) > 1)).toBe(true);
    },
  );

  it('is nearly orthonormal: energy is kept to within 10% and a constant goes to LL alone', () => {
    const width = 64;
    const height = 64;
    const next = random(3);
    const plane = Float64Array.from({ length: width * height }, () => next() - 0.5);
    const energy = (values: Float64Array) => values.reduce((sum, v) => sum + v * v, 0);
    const ratio = energy(forwardWavelet(plane.slice(), width, height, 3)) / energy(plane);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
    const flat = forwardWavelet(new Float64Array(width * height).fill(10), width, height, 3);
    const ll = subbands(width, height, 3)[0]!;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inLow = x < ll.width && y < ll.height;
        // a constant's low band holds 10 (sqrt 2)^(2 levels) = 80; every detail is 0
        expect(flat[y * width + x]).toBeCloseTo(inLow ? 80 : 0, 9);
      }
    }
  });
});

describe('colour transform', () => {
  it('finds the eigenvectors of a symmetric matrix (checked by A v = lambda v) in decreasing order', () => {
    const a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1];
    const { vectors, values } = symmetricEigen(a);
    expect(values[0]).toBeGreaterThan(values[1]!);
    expect(values[1]).toBeGreaterThan(values[2]!);
    for (let k = 0; k < 3; k++) {
      for (let r = 0; r < 3; r++) {
        const av =
          a[3 * r]! * vectors[3 * k]! + a[3 * r + 1]! * vectors[3 * k + 1]! + a[3 * r + 2]! * vectors[3 * k + 2]!;
        expect(av).toBeCloseTo(values[k]! * vectors[3 * k + r]!, 10);
      }
    }
  });

  it('decorrelates the channels and inverts by the transpose to the same 8-bit image', () => {
    const width = 32;
    const height = 24;
    const rgba = syntheticImage(width, height);
    const n = width * height;
    const planes = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) planes[c * n + i] = rgba[4 * i + c]!;
    const transform = fitColourTransform(planes, n);
    const channels = forwardColour(planes, n, transform);
    let cross = 0;
    for (let i = 0; i < n; i++) cross += channels[0]![i]! * channels[1]![i]!;
    const power = channels[0]!.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(cross) / power).toBeLessThan(1e-3);
    expect(inverseColourToRgba(channels, transform)).toEqual(rgba);
  });
});

describe('quantizer', () => {
  it('assigns each value to its nearest center and reconstructs that center', () => {
    const analysis = analyse(syntheticImage(40, 40), 40, 40);
    const params = uniformParams(analysis, 4);
    params.offsets.set([40, -20, 10], 0);
    const band = analysis.bands[analysis.bands.length - 1]!;
    const centers = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((k) => dequantizeValue(params, 0, band, k));
    const step = stepOf(params, 0, band.index);
    // centers from the formula step (k + a_k): a_1 = 40/256, a_2 = -20/256, a_3+ = 10/256
    expect(centers[7]).toBe(step * (1 + 40 / 256));
    expect(centers[8]).toBe(step * (2 - 20 / 256));
    expect(centers[12]).toBe(step * (6 + 10 / 256));
    expect(centers[5]).toBe(-centers[7]!);
    const next = random(5);
    for (let i = 0; i < 500; i++) {
      const x = (next() - 0.5) * 12 * step;
      const index = quantizeValue(params, 0, band, x);
      const chosen = dequantizeValue(params, 0, band, index);
      const nearest = Math.min(...centers.map((c) => Math.abs(x - c)));
      expect(Math.abs(x - chosen)).toBe(nearest);
    }
  });
});

describe('codec file', () => {
  it('decodes to the encoder hard reconstruction bit for bit, on an odd-sized image', () => {
    const width = 70;
    const height = 45;
    const rgba = syntheticImage(width, height, 7);
    const analysis = analyse(rgba, width, height);
    const params = withPostFilter(analysis, uniformParams(analysis, 6));
    params.offsets.set([30, 10, -5, 20, 0, 3], 0);
    // a post-filter that is not the identity in every channel, so its taps travel in the file
    expect(params.filter.some((tap, i) => tap !== identityFilter()[i])).toBe(true);
    const indices = quantize(analysis, params);
    const hard = reconstruct(params, indices, width, height);
    const file = writeCodecFile(params, indices, width, height);
    const decoded = decodeLabFile(file);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.transform).toBe('codec');
    expect(decoded.rgba).toEqual(hard);
    expect(psnr(rgba, hard)).toBeGreaterThan(25);
  });

  it('a file without the post-filter (where its bytes do not pay) is 78 bytes shorter and decodes bit for bit', () => {
    const width = 70;
    const height = 45;
    const analysis = analyse(syntheticImage(width, height, 4), width, height);
    const filtered = withPostFilter(analysis, uniformParams(analysis, 6));
    const bare: CodecParams = { ...filtered, filter: NO_FILTER };
    const indices = quantize(analysis, bare);
    const file = writeCodecFile(bare, indices, width, height);
    expect(writeCodecFile(filtered, indices, width, height).length - file.length).toBe(FILTER_BYTES);
    const decoded = decodeLabFile(file);
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(decoded.rgba).toEqual(reconstruct(bare, indices, width, height));
    // 128 x 128 at 0.1 bpp: the taps would be 38% of the file; 512 x 345 at 0.15 bpp: 2.4%
    expect(postFilterPays(128 * 128, 0.1)).toBe(false);
    expect(postFilterPays(512 * 345, 0.15)).toBe(true);
  });

  it('post-filter: the identity changes no bit; the fitted one raises PSNR and is the least-squares optimum (any tap moved by 8/4096 raises the error)', () => {
    const width = 64;
    const height = 48;
    const rgba = syntheticImage(width, height, 3);
    const analysis = analyse(rgba, width, height);
    const plain = uniformParams(analysis, 12);
    const indices = quantize(analysis, plain);
    const identity = reconstruct(plain, indices, width, height);
    const planes = [0, 1, 2].map((c) => Float64Array.from({ length: width * height }, (_, i) => Math.sin(i + c)));
    expect(applyPostFilter(planes, identityFilter(), width, height)).toEqual(planes);
    const fitted = withPostFilter(analysis, plain);
    const filtered = reconstruct(fitted, indices, width, height);
    expect(psnr(rgba, filtered)).toBeGreaterThan(psnr(rgba, identity) + 0.1);
    // a least-squares optimum: moving any one tap of channel 0 by one unit either way raises the plane's error
    const original = analysis.coefficients.map((c) => inverseWavelet(c.slice(), width, height, analysis.levels));
    const decodedPlanes = reconstructPlanes(plain, indices);
    const errorWith = (taps: Int16Array) => {
      const out = applyPostFilter(decodedPlanes, taps, width, height)[0]!;
      return out.reduce((sum, v, i) => sum + (v - original[0]![i]!) ** 2, 0);
    };
    const best = errorWith(fitted.filter);
    for (let k = 0; k < FILTER_TAPS; k++) {
      for (const delta of [-8, 8]) {
        const moved = Int16Array.from(fitted.filter);
        moved[k] = moved[k]! + delta;
        expect(errorWith(moved)).toBeGreaterThan(best);
      }
    }

    function reconstructPlanes(params: CodecParams, q: readonly Int32Array[]): Float64Array[] {
      return dequantizePlanes(params, q, width, analysis.bands).map((plane) =>
        inverseWavelet(plane, width, height, analysis.levels),
      );
    }
  });

  it('refuses damaged payloads with a reason instead of a wrong image', () => {
    const width = 48;
    const height = 40;
    const analysis = analyse(syntheticImage(width, height, 9), width, height);
    const params = uniformParams(analysis, 5);
    const file = writeCodecFile(params, quantize(analysis, params), width, height);
    const truncated = file.slice(0, file.length - 30);
    expect(decodeLabFile(truncated).ok).toBe(false);
    const payload = file.subarray(10, file.length - 4);
    // a payload cut short (no checksum in the way) cannot be read back
    expect(() => decodeCodecPayload(payload.slice(0, 60), width, height)).toThrow();
    // a wrong level count is named
    const wrongLevels = payload.slice();
    wrongLevels[0] = 9;
    expect(() => readCodecPayload(wrongLevels, width, height)).toThrow(/levels/);
  });
});

describe('on astronaut (512 x 512)', () => {
  const { rgba, width, height } = readPng('public/images/astronaut.png');
  const analysis = analyse(rgba, width, height);

  it('counts the file size to within 0.5% and 40 bytes (ideal adaptive length vs range coder)', () => {
    const params = uniformParams(analysis, 10);
    const indices = quantize(analysis, params);
    const file = writeCodecFile(params, indices, width, height);
    const counted = (countedBpp(analysis, params) * width * height) / 8;
    expect(Math.abs(file.length - counted)).toBeLessThan(Math.max(40, 0.005 * file.length));
    const { perBand } = countBits(indices, width, analysis.levels, analysis.bands);
    expect(perBand.length).toBe(3 * analysis.bands.length);
    expect(file.length).toBeGreaterThan(CONTAINER_BYTES + perBand.reduce((s, v) => s + v, 0) / 8);
  });

  // The browser's JPEG on astronaut (libjpeg-turbo 2.1.5, ../shared/research/codec-study.md):
  // 0.184 bpp / 24.10 dB, 0.259 / 25.97, 0.301 / 26.84, 0.395 / 28.34, 0.473 / 29.31.
  const jpeg: [number, number][] = [
    [0.184, 24.1],
    [0.259, 25.97],
    [0.301, 26.84],
    [0.395, 28.34],
    [0.473, 29.31],
  ];
  /** JPEG's PSNR at bpp (linear between points; below the first point its PSNR, which JPEG does not reach there). */
  const jpegAt = (bpp: number) => {
    if (bpp <= jpeg[0]![0]) return jpeg[0]![1];
    for (let i = 1; i < jpeg.length; i++) {
      const [b1, p1] = jpeg[i]!;
      const [b0, p0] = jpeg[i - 1]!;
      if (bpp <= b1) return p0 + ((bpp - b0) * (p1 - p0)) / (b1 - b0);
    }
    return jpeg[jpeg.length - 1]![1];
  };

  it('reaches the ends of the target range, 0.05 and 2 bpp, within 10% (counted)', () => {
    const base = uniformParams(analysis, 16);
    for (const target of [0.05, 2]) {
      const bpp = countedBpp(analysis, scaleSteps(base, fitStepScale(analysis, base, target)));
      expect(Math.abs(bpp - target) / target).toBeLessThan(0.1);
    }
  });

  it.each([0.15, 0.4])('meets $0 bpp within 10% in a real file, at least 2 dB above JPEG at that rate', (target) => {
    const base = uniformParams(analysis, 16);
    const params = scaleSteps(base, fitStepScale(analysis, base, target));
    const indices = quantize(analysis, params);
    const file = writeCodecFile(params, indices, width, height);
    const bpp = (8 * file.length) / (width * height);
    expect(Math.abs(bpp - target) / target).toBeLessThan(0.1);
    const decoded = decodeLabFile(file);
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(psnr(rgba, decoded.rgba) - jpegAt(bpp)).toBeGreaterThan(2);
  });

  it.each([0.15, 0.4])(
    'at $0 bpp, the weighted distortion gives a higher MS-SSIM than steps from the synthesis gains alone, within 0.3 dB',
    (target) => {
      // the plain RGB squared error's allocation: step / sqrt(synthesis gain), the same in every channel
      const gains = synthesisGains(analysis.levels);
      const bands = analysis.bands.length;
      const gainOnly: CodecParams = {
        ...uniformParams(analysis, 16),
        ...encodeSteps(Float64Array.from({ length: 3 * bands }, (_, i) => 16 / Math.sqrt(gains[i % bands]!))),
      };
      const measured = (base: CodecParams) => {
        const params = scaleSteps(base, fitStepScale(analysis, base, target));
        const decoded = reconstruct(params, quantize(analysis, params), width, height);
        return {
          bpp: countedBpp(analysis, params),
          psnr: psnr(rgba, decoded),
          msssim: msssim(rgba, decoded, width, height).value!,
        };
      };
      const plain = measured(gainOnly);
      const weighted = measured(uniformParams(analysis, 16));
      expect(Math.abs(weighted.bpp - plain.bpp) / target).toBeLessThan(0.01);
      expect(weighted.msssim - plain.msssim).toBeGreaterThan(0.003);
      expect(plain.psnr - weighted.psnr).toBeLessThan(0.3);
    },
  );
});

describe('the distortion weights', () => {
  it('weigh a channel by 1 + LUMA_EMPHASIS (its luma share)^2: 1 for rows without luma, 1 + LUMA_EMPHASIS |y|^2 along y', () => {
    const y = [0.299, 0.587, 0.114];
    const norm = Math.hypot(...y);
    // an orthonormal basis: y / |y|, then two rows orthogonal to it (their luma is 0)
    const u = [0.587 / Math.hypot(0.299, 0.587), -0.299 / Math.hypot(0.299, 0.587), 0];
    const along = y.map((v) => v / norm);
    const third = [
      along[1]! * u[2]! - along[2]! * u[1]!,
      along[2]! * u[0]! - along[0]! * u[2]!,
      along[0]! * u[1]! - along[1]! * u[0]!,
    ];
    const weights = channelWeights([...along, ...u, ...third]);
    expect(weights[0]).toBeCloseTo(1 + LUMA_EMPHASIS * norm * norm, 12);
    expect(weights[1]).toBeCloseTo(1, 12);
    expect(weights[2]).toBeCloseTo(1, 12);
  });
});

describe('the decoder path', () => {
  it('uses no transcendental function, power or tfjs (only integers and float64 + and x)', async () => {
    const { readFileSync } = await import('node:fs');
    const { BitModels, BitReader } = await import('../src/image/codec/bitModels');
    const forbidden =
      /Math\.(exp|expm1|log|log2|log10|log1p|pow|sqrt|cbrt|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|hypot)\b|\*\*|\btf\./;
    const wholeFiles = ['wavelet.ts', 'quantizer.ts', 'coefficients.ts'].map((file) =>
      readFileSync(`src/image/codec/${file}`, 'utf8'),
    );
    const functions = [
      applyPostFilter,
      inverseColourToRgba,
      reconstruct,
      decodeCodecPayload,
      readCodecPayload,
      BitReader,
      BitModels,
    ].map((f) => f.toString());
    const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const source of [...wholeFiles, ...functions]) expect(code(source)).not.toMatch(forbidden);
    // the check can fail: the encoder's colour fit does take square roots
    expect(code(readFileSync('src/image/codec/colour.ts', 'utf8'))).toMatch(forbidden);
  });
});
