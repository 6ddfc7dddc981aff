import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodingError } from '../src/image/coding/bytes';
import { decodeLabFile, encodeLabFile, readPayload } from '../src/image/coding/container';
import { DCT_MATRIX } from '../src/image/dct';
import { bitsPerPixel } from '../src/image/entropy';
import { psnr } from '../src/image/metrics';
import { decodeDctSymbols, encodeDctPayload } from '../src/image/dctCoding';
import { DCT_COLOURS, dctLayout, forwardDctPlanes, tableEntries } from '../src/image/dctPlanes';
import { windowInputs } from '../src/image/dctWindow';
import {
  computeLab,
  dctCode,
  dctImage,
  labInputs,
  prepareLabImage,
  rateDistortionCurve,
  type LabSettings,
} from '../src/image/labCompute';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';
import { DEFAULT_LESSON, DEFAULT_PARAMS } from '../src/state/fields';
import { readPng } from './pngImage';
import { useCpuBackend } from './setup-cpu';
import { tfImageQuantizerSync } from './blocking';

beforeAll(useCpuBackend);

/** A smooth image with edges: gradients, a disc and noise, like a photograph's statistics. */
function photoLike(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const disc = (x - width / 2) ** 2 + (y - height / 3) ** 2 < (width / 4) ** 2;
      const i = 4 * (y * width + x);
      rgba[i] = (disc ? 200 : 40 + x) + 6 * random();
      rgba[i + 1] = (disc ? 60 : 30 + y) + 6 * random();
      rgba[i + 2] = 120 + 40 * Math.sin(x / 9) + 6 * random();
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

const quantizerFor = (centers: Float32Array, temperature = 1) =>
  tfImageQuantizerSync({ centers, temperature, distance: 'l1' });

describe('the DCT basis', () => {
  it('is built from written-out cosines that equal Math.cos within 1e-15', () => {
    for (let k = 0; k < 8; k++) {
      for (let n = 0; n < 8; n++) {
        const scale = Math.sqrt((k === 0 ? 1 : 2) / 8);
        expect(DCT_MATRIX[k * 8 + n]).toBeCloseTo(scale * Math.cos((Math.PI * (2 * n + 1) * k) / 16), 14);
      }
    }
  });
});

describe('the DCT grid window', () => {
  it('gives the quantizer the L multiples of s nearest each input, with a residual within s / 2 (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.integer({ min: 2, max: 9 }),
        fc.constantFrom(1, 0.5, 0.3, 2),
        (w, count, spacing) => {
          const windows = windowInputs([w], count, spacing);
          const first = windows.first[0]!;
          const multiples = Array.from({ length: count }, (_, j) => (first + j) * spacing);
          // every multiple outside the window is at least as far as every one inside
          const inside = Math.max(...multiples.map((c) => Math.abs(w - c)));
          const outside = Math.min(Math.abs(w - (first - 1) * spacing), Math.abs(w - (first + count) * spacing));
          expect(inside).toBeLessThanOrEqual(outside + 1e-9);
          expect(Math.abs(windows.residuals[0]!)).toBeLessThanOrEqual(spacing / 2 + 1e-4);
          // the residual plus the middle gives w back
          expect(windows.middles[0]! + windows.residuals[0]!).toBeCloseTo(w, 3);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the DCT mode is JPEG's quantizer as T -> 0", () => {
  it('q = round(coefficient / (table x step x s)) on a uniform grid, for odd and even L, any colour mode', () => {
    const width = 24;
    const height = 17;
    const image = prepareLabImage(photoLike(width, height, 3), width, height);
    for (const colour of ['rgb', 'ycbcr', 'ycbcr420'] as const) {
      for (const [count, spacing, step] of [
        [5, 1, 0.5],
        [4, 1, 1],
        [3, 0.5, 2],
        [2, 2, 0.25],
      ] as const) {
        const centers = makeCenters(count, spacing);
        const settings: LabSettings = { transform: 'dct', step, colour, centers, withMsssim: false };
        const inputs = labInputs(image, settings, false);
        const q = quantizerFor(centers, 1e-3)(inputs);
        const { symbols } = dctCode(image, settings, inputs, q.index);
        const { coefficients, table } = dctImage(image, colour);
        let compared = 0;
        for (let i = 0; i < symbols.length; i++) {
          const ratio = coefficients[i]! / (table[i]! * step * spacing);
          if (Math.abs(ratio - Math.round(ratio)) > 0.5 - 1e-3) continue; // a tie: either neighbour is nearest
          expect(symbols[i]! + 0).toBe(Math.round(ratio) + 0); // + 0: -0 and 0 are the same symbol
          compared++;
        }
        expect(compared).toBeGreaterThan(0.99 * symbols.length);
        // and at T -> 0 the soft value is the hard one, away from ties (odd L: at r = +-s/2; even L: at r = 0)
        for (let i = 0; i < symbols.length; i++) {
          const r = Math.abs(inputs[i]!);
          if (count % 2 === 1 ? r > 0.45 * spacing : r < 0.05 * spacing) continue;
          expect(q.soft[i]).toBeCloseTo(q.hard[i]!, 5);
        }
      }
    }
  });

  it('clips nothing: however large a coefficient, its symbol is the nearest multiple (step 0.1, L = 2)', () => {
    const image = prepareLabImage(photoLike(16, 16, 5), 16, 16);
    const centers = makeCenters(2, 1);
    const settings: LabSettings = { transform: 'dct', step: 0.1, colour: 'rgb', centers, withMsssim: false };
    const inputs = labInputs(image, settings, false);
    const { symbols } = dctCode(image, settings, inputs, quantizerFor(centers)(inputs).index);
    const { coefficients, table } = dctImage(image, 'rgb');
    let largest = 0;
    for (let i = 0; i < symbols.length; i++) {
      expect(Math.abs(coefficients[i]! / (table[i]! * 0.1) - symbols[i]!)).toBeLessThanOrEqual(0.5 + 1e-4);
      largest = Math.max(largest, Math.abs(symbols[i]!));
    }
    expect(largest).toBeGreaterThan(100); // DC of bright blocks: far beyond any fixed L
  });

  it('keeps T meaningful: the soft value moves from the nearest multiple (T -> 0) toward the window middle (large T)', () => {
    const centers = makeCenters(5, 1);
    const windows = windowInputs([3.3], 5, 1);
    const residual = windows.residuals;
    const cold = quantizerFor(centers, 1e-3)(residual).soft[0]!;
    const warm = quantizerFor(centers, 0.5)(residual).soft[0]!;
    const hot = quantizerFor(centers, 1e3)(residual).soft[0]!;
    expect(windows.middles[0]! + cold).toBeCloseTo(3, 5);
    expect(windows.middles[0]! + hot).toBeCloseTo(3, 2); // the mean of 1..5: the window's middle, 3
    expect(Math.abs(warm)).toBeGreaterThan(Math.abs(cold) + 0.01); // a blend in between
  });

  it('the reference graph and the fused kernel give the same DCT soft image and the same symbols', async () => {
    const width = 16;
    const height = 16;
    const image = prepareLabImage(photoLike(width, height, 8), width, height);
    const centers = makeCenters(5, 1);
    const settings: LabSettings = { transform: 'dct', step: 1, colour: 'ycbcr', centers, withMsssim: false };
    const run = (engine: 'fused' | 'reference') =>
      computeLab(image, settings, tfImageQuantizerSync({ centers, temperature: 0.4, distance: 'l2', engine }));
    const fused = await run('fused');
    const reference = await run('reference');
    expect(Array.from(reference.hard)).toEqual(Array.from(fused.hard));
    let largest = 0;
    for (let i = 0; i < fused.soft.length; i++)
      largest = Math.max(largest, Math.abs(fused.soft[i]! - reference.soft[i]!));
    expect(largest).toBeLessThanOrEqual(1);
  });
});

describe('the DCT entropy estimate', () => {
  it("equals entropy.ts's over the histograms where every q fits them, and counts q beyond them exactly", async () => {
    const width = 24;
    const height = 16;
    const image = prepareLabImage(photoLike(width, height, 4), width, height);
    const centers = makeCenters(3, 1);
    const coarse = await computeLab(image, { transform: 'dct', step: 2, centers }, quantizerFor(centers));
    expect(coarse.bpp).toBeCloseTo(bitsPerPixel(coarse.histograms, width * height), 9);
    // step 0.05: DC symbols reach the hundreds, beyond the histograms' reach
    const settings: LabSettings = { transform: 'dct', step: 0.05, colour: 'ycbcr', centers };
    const fine = await computeLab(image, settings, quantizerFor(centers));
    const inputs = labInputs(image, settings, false);
    const { symbols } = dctCode(image, settings, inputs, quantizerFor(centers)(inputs).index);
    const { streams } = dctImage(image, 'ycbcr');
    const counts = new Map<string, number>();
    const totals = new Map<number, number>();
    symbols.forEach((q, i) => {
      counts.set(`${streams[i]}/${q}`, (counts.get(`${streams[i]}/${q}`) ?? 0) + 1);
      totals.set(streams[i]!, (totals.get(streams[i]!) ?? 0) + 1);
    });
    let bits = 0;
    for (const [key, n] of counts) bits -= n * Math.log2(n / totals.get(Number(key.split('/')[0]))!);
    expect(Math.max(...Array.from(symbols, Math.abs))).toBeGreaterThan(127);
    expect(fine.bpp).toBeCloseTo(bits / (width * height), 9);
  });
});

describe('the DCT file', () => {
  it('decodes to the hard view bit for bit, for every colour mode and odd sizes; the curve rate is its size', async () => {
    for (const [width, height] of [
      [1, 1],
      [13, 10],
      [17, 9],
      [32, 24],
    ] as const) {
      const image = prepareLabImage(photoLike(width, height, width), width, height);
      for (const colour of ['rgb', 'ycbcr', 'ycbcr420'] as const) {
        const centers = makeCenters(5, 0.7);
        const settings: LabSettings = { transform: 'dct', step: 0.37, colour, centers, withMsssim: false };
        const result = await computeLab(image, settings, quantizerFor(centers));
        const file = result.file!;
        const decoded = decodeLabFile(file);
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) continue;
        expect(decoded.transform).toBe('dct');
        expect([decoded.width, decoded.height]).toEqual([width, height]);
        expect(Array.from(decoded.rgba)).toEqual(Array.from(result.hard));
        const points = [];
        for await (const point of rateDistortionCurve(image, [settings], (c) => quantizerFor(c))) points.push(point);
        expect(points[0]!.bpp).toBe((8 * file.length) / (width * height));
        expect(points[0]!.psnr).toBe(result.psnr);
      }
    }
  });

  it('round-trips random symbols of any size, and random bytes or cut files are refused, never thrown', async () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('rgb' as const, 'ycbcr' as const, 'ycbcr420' as const),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0, 1, 3, 40, 5000),
        (width, height, colour, seed, reach) => {
          const layout = dctLayout(width, height, colour);
          const random = seededRandom(seed);
          const symbols = new Int32Array(layout.size);
          for (let i = 0; i < symbols.length; i++) {
            symbols[i] = random() < 0.6 ? 0 : Math.round((random() * 2 - 1) * reach);
          }
          const payload = encodeDctPayload(symbols, layout, { colour, step: 1.5, spacing: 1 });
          const back = decodeDctSymbols(payload, width, height);
          expect(Array.from(back.symbols)).toEqual(Array.from(symbols));
          expect(back.settings).toEqual({ colour, step: 1.5, spacing: 1 });
        },
      ),
      { numRuns: 60 },
    );
    // a payload of random bytes (no checksum in the way) decodes to something or is refused, never hangs
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.integer({ min: 0, max: 2 }), (bytes, colour) => {
        const payload = Uint8Array.of(colour, ...bytes);
        try {
          expect(decodeDctSymbols(payload, 20, 12).symbols.length).toBe(dctLayout(20, 12, DCT_COLOURS[colour]!).size);
        } catch (error) {
          expect(error).toBeInstanceOf(CodingError);
        }
      }),
      { numRuns: 300 },
    );
    const image = prepareLabImage(photoLike(24, 16, 2), 24, 16);
    const centers = makeCenters(5, 1);
    const file = (await computeLab(image, { transform: 'dct', step: 1, centers }, quantizerFor(centers))).file!;
    const random = seededRandom(11);
    for (let cut = 0; cut < file.length; cut += 7) expect(decodeLabFile(file.subarray(0, cut)).ok).toBe(false);
    for (let trial = 0; trial < 50; trial++) {
      const damaged = file.slice();
      const at = 10 + Math.floor(random() * (damaged.length - 10));
      damaged[at] = damaged[at]! ^ (1 + Math.floor(random() * 255));
      expect(decodeLabFile(damaged).ok).toBe(false);
    }
  });
});

describe('the DCT mode at default settings on astronaut', () => {
  it("keeps the image's colours: nothing clipped, small mean colour error, and the rate is the file's", async () => {
    const { rgba, width, height } = readPng(new URL('../public/images/astronaut.png', import.meta.url).pathname);
    const image = prepareLabImage(rgba, width, height);
    const centers = makeCenters(DEFAULT_PARAMS.centerCount, DEFAULT_PARAMS.spacing);
    const settings: LabSettings = {
      transform: 'dct',
      step: DEFAULT_LESSON.dctStep,
      colour: DEFAULT_LESSON.dctColour,
      centers,
      withMsssim: false,
    };
    const result = await computeLab(
      image,
      settings,
      tfImageQuantizerSync({ centers, temperature: DEFAULT_PARAMS.temperature, distance: DEFAULT_PARAMS.distance }),
    );
    // every coefficient lands on its nearest multiple: none is held back at an outer center
    const { coefficients, table } = dctImage(image, settings.colour!);
    const checked = readPayload(result.file!);
    if (!checked.ok) throw new Error(`the lab's own file is refused: ${checked.detail}`);
    const { symbols } = decodeDctSymbols(checked.payload, width, height);
    for (let i = 0; i < symbols.length; i++) {
      expect(Math.abs(coefficients[i]! / (table[i]! * settings.step) - symbols[i]!)).toBeLessThanOrEqual(0.5 + 1e-4);
    }
    // colours: the mean of each 16 x 16 tile per channel stays within a few levels of the original's
    // (the DC's level is 16 x 4 = 64, 8 grey levels of a block's mean, so rounding moves a mean by about 2)
    let error = 0;
    let tiles = 0;
    for (let ty = 0; ty < height; ty += 16) {
      for (let tx = 0; tx < width; tx += 16) {
        for (let c = 0; c < 3; c++) {
          let difference = 0;
          for (let y = ty; y < ty + 16; y++) {
            for (let x = tx; x < tx + 16; x++)
              difference += result.hard[4 * (y * width + x) + c]! - rgba[4 * (y * width + x) + c]!;
          }
          error += Math.abs(difference / 256);
          tiles++;
        }
      }
    }
    expect(error / tiles).toBeLessThan(4);
    for (let c = 0; c < 3; c++) {
      let difference = 0;
      for (let i = 0; i < width * height; i++) difference += result.hard[4 * i + c]! - rgba[4 * i + c]!;
      expect(Math.abs(difference / (width * height))).toBeLessThan(1);
    }
    expect(result.psnr).toBeGreaterThan(26);
    // the file is what a rate counts: about what the study's context coder reaches at this quality
    const bpp = (8 * result.file!.length) / (width * height);
    expect(bpp).toBeGreaterThan(0.1);
    expect(bpp).toBeLessThan(0.5);
  });

  it("lies within 0.5 dB of JPEG or above at equal real bits: the study's libjpeg-turbo points, against the file's size", () => {
    // ../shared/research/codec-study.md, astronaut, browser-equivalent JPEG (bpp, dB)
    const jpeg = [
      [0.184, 24.1],
      [0.259, 25.97],
      [0.301, 26.84],
      [0.395, 28.34],
      [0.473, 29.31],
    ] as const;
    const { rgba, width, height } = readPng(new URL('../public/images/astronaut.png', import.meta.url).pathname);
    const layout = dctLayout(width, height, 'ycbcr420');
    const coefficients = forwardDctPlanes(rgba, layout);
    const table = tableEntries(layout);
    const curve = [8, 4, 1.5].map((step) => {
      // the hard path at T -> 0: round(y / (Q step)), as the window test above shows the lab's quantizer does
      const symbols = Int32Array.from(coefficients, (y, i) => Math.round(y / (table[i]! * step)));
      const file = encodeLabFile(
        'dct',
        width,
        height,
        encodeDctPayload(symbols, layout, { colour: 'ycbcr420', step, spacing: 1 }),
      );
      const decoded = decodeLabFile(file);
      if (!decoded.ok) throw new Error(decoded.detail);
      return { bpp: (8 * file.length) / (width * height), psnr: psnr(rgba, decoded.rgba) };
    });
    curve.sort((a, b) => a.bpp - b.bpp);
    for (const [bpp, db] of jpeg) {
      const right = curve.findIndex((p) => p.bpp >= bpp);
      if (right <= 0) continue;
      const a = curve[right - 1]!;
      const b = curve[right]!;
      const ours = a.psnr + ((b.psnr - a.psnr) * (bpp - a.bpp)) / (b.bpp - a.bpp);
      expect(ours, `at ${bpp} bpp`).toBeGreaterThan(db - 0.5);
    }
    expect(curve[0]!.bpp).toBeLessThan(0.184); // the curve spans the JPEG points
    expect(curve[2]!.bpp).toBeGreaterThan(0.473);
  });

  it('the coefficients the lab quantizes are the transform of the image (forwardDctPlanes, tableEntries)', () => {
    const rgba = photoLike(9, 9, 1);
    const layout = dctLayout(9, 9, 'ycbcr420');
    const image = prepareLabImage(rgba, 9, 9);
    expect(Array.from(dctImage(image, 'ycbcr420').coefficients)).toEqual(Array.from(forwardDctPlanes(rgba, layout)));
    const table = tableEntries(layout);
    expect(table[0]).toBe(16); // luma DC
    expect(table[layout.planes[1]!.offset]).toBe(17); // chroma DC
  });
});
