import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignmentEntropyBits } from '../src/image/entropy';
import { computeLab, labInputs, prepareLabImage, rateDistortionCurve, type LabSettings } from '../src/image/labCompute';
import { tfImageQuantizer } from '../src/image/tfImageQuantizer';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';
import { referenceAssignments, referenceHard, referenceSoft } from './reference';
import { useCpuBackend } from './setup-cpu';
import { tfImageQuantizerSync } from './blocking';

beforeAll(useCpuBackend);

function randomImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : Math.floor(random() * 256);
  return rgba;
}

describe('tfjs image engine', () => {
  it('matches the float64 reference: soft, hard, index and entropy of p', () => {
    const centers = [-2, -1, 0, 1, 2];
    const inputs = Float32Array.from([-2.4, -1.5, -0.3, 0, 0.49, 1.7, 3]);
    for (const distance of ['l1', 'l2'] as const) {
      const q = tfImageQuantizerSync({ centers, temperature: 0.3, distance })(inputs);
      inputs.forEach((w, i) => {
        const p = referenceAssignments(w, centers, 0.3, distance);
        expect(q.soft[i]).toBeCloseTo(referenceSoft(w, centers, 0.3, distance), 5);
        expect(q.hard[i]).toBe(referenceHard(w, centers, distance));
        expect(centers[q.index[i]!]).toBe(q.hard[i]);
        expect(q.assignmentEntropy[i]).toBeCloseTo(
          assignmentEntropyBits(Float64Array.from(p) as unknown as Float32Array, 5)[0]!,
          4,
        );
      });
    }
  });

  it('leaves no tensors behind, sync or async', async () => {
    const before = tf.memory().numTensors;
    const inputs = Float32Array.from([0.1, 0.9, -1.2]);
    tfImageQuantizerSync({ centers: [-1, 0, 1], temperature: 1, distance: 'l2' })(inputs);
    await tfImageQuantizer({ centers: [-1, 0, 1], temperature: 1, distance: 'l2' })(inputs);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('lab compute', () => {
  it('bpp is 0 for a flat image, for either transform and any L (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('pixels' as const, 'dct' as const),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        async (value, transform, count, width, height) => {
          const rgba = new Uint8ClampedArray(4 * width * height).fill(value);
          const image = prepareLabImage(rgba, width, height);
          const centers = makeCenters(count, 1);
          const result = await computeLab(
            image,
            { transform, step: 1, centers, withMsssim: false },
            tfImageQuantizerSync({ centers, temperature: 0.5, distance: 'l1' }),
          );
          expect(result.bpp).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the hard reconstruction equals the soft one as T -> 0, away from ties (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom('l1' as const, 'l2' as const),
        async (seed, count, distance) => {
          const width = 6;
          const height = 5;
          const image = prepareLabImage(randomImage(width, height, seed), width, height);
          const centers = makeCenters(count, 1);
          const settings = { transform: 'pixels' as const, step: 1, centers, withMsssim: false };
          const result = await computeLab(
            image,
            settings,
            tfImageQuantizerSync({ centers, temperature: 1e-3, distance }),
          );
          const inputs = labInputs(image, settings);
          const n = width * height;
          for (let i = 0; i < inputs.length; i++) {
            const w = inputs[i]!;
            // float64: how much nearer the nearest center is than the second; near a tie the
            // soft value is a true blend at any T, so those values are left out
            const d = Array.from(centers, (c) => (distance === 'l1' ? Math.abs(w - c) : (w - c) ** 2)).sort(
              (x, y) => x - y,
            );
            if (d[1]! - d[0]! < 0.05) continue;
            const at = 4 * (i % n) + Math.floor(i / n);
            expect(result.soft[at]).toBe(result.hard[at]);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('at high T the soft image differs from the hard one and its entropy map is brighter', async () => {
    const image = prepareLabImage(randomImage(16, 16, 9), 16, 16);
    const centers = makeCenters(5, 1);
    const settings = { transform: 'pixels' as const, step: 1, centers, withMsssim: false };
    const cold = await computeLab(
      image,
      settings,
      tfImageQuantizerSync({ centers, temperature: 1e-3, distance: 'l1' }),
    );
    const hot = await computeLab(image, settings, tfImageQuantizerSync({ centers, temperature: 2, distance: 'l1' }));
    expect(hot.psnr).toBeCloseTo(cold.psnr, 10); // the hard image does not depend on T
    expect(hot.psnrSoft).not.toBeCloseTo(cold.psnrSoft, 1);
    const mean = (a: Uint8ClampedArray) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(hot.entropyMap)).toBeGreaterThan(mean(cold.entropyMap));
  });

  it('a temperature press keeps the hard part; a new L, spacing or step recomputes it, equal to a fresh one', async () => {
    const fresh = (rgba: Uint8ClampedArray, settings: LabSettings, temperature: number) =>
      computeLab(
        prepareLabImage(rgba, 16, 12),
        settings,
        tfImageQuantizerSync({ centers: settings.centers, temperature, distance: 'l1' }),
      );
    const rgba = randomImage(16, 12, 21);
    const image = prepareLabImage(rgba, 16, 12);
    const run = (settings: LabSettings, temperature: number) =>
      computeLab(image, settings, tfImageQuantizerSync({ centers: settings.centers, temperature, distance: 'l1' }));
    for (const transform of ['pixels', 'dct'] as const) {
      const five = { transform, step: 0.5, centers: makeCenters(5, 1), withMsssim: false };
      const first = await run(five, 0.2);
      const second = await run(five, 3);
      // the same arrays: the views keep their pictures
      expect(second.hard).toBe(first.hard);
      expect(second.error).toBe(first.error);
      expect(second.symbols).toBe(first.symbols);
      expect(second.histograms).toBe(first.histograms);
      expect(second.soft).not.toEqual(first.soft);
      // each changed setting recomputes the hard part, and it equals one made from nothing
      const changes = [
        { ...five, centers: makeCenters(4, 1) },
        { ...five, centers: makeCenters(5, 0.5) },
        { ...five, step: 2 },
      ];
      for (const settings of changes) {
        const changed = await run(settings, 3);
        const expected = await fresh(rgba, settings, 3);
        expect(changed.hard).not.toBe(first.hard);
        expect(Array.from(changed.hard)).toEqual(Array.from(expected.hard));
        expect(Array.from(changed.symbols)).toEqual(Array.from(expected.symbols));
        expect(changed.bpp).toBe(expected.bpp);
        expect(changed.psnr).toBe(expected.psnr);
      }
    }
    // the background curves over L leave the press's hard part (and inputs) in place
    const five = { transform: 'pixels' as const, step: 1, centers: makeCenters(5, 1), withMsssim: false };
    const before = await run(five, 1);
    const lists = [2, 3, 8].map((count) => makeCenters(count, 1));
    const curve = lists.map((centers) => ({ ...five, centers }));
    for await (const point of rateDistortionCurve(image, curve, (centers) =>
      tfImageQuantizerSync({ centers, temperature: 1, distance: 'l1' }),
    ))
      expect(point.bpp).toBeGreaterThan(0);
    expect((await run(five, 2)).hard).toBe(before.hard);
    // while a press with other centers replaces it
    await run({ ...five, centers: makeCenters(3, 1) }, 1);
    expect((await run(five, 2)).hard).not.toBe(before.hard);
  });

  it('dct: 3 x 64 streams counting every padded coefficient (4:2:0: chroma at half size); a smaller step gives a better image', async () => {
    const width = 11;
    const height = 9;
    const image = prepareLabImage(randomImage(width, height, 4), width, height);
    const centers = makeCenters(5, 1);
    const coarse = await computeLab(
      image,
      { transform: 'dct', step: 1, colour: 'rgb', centers, withMsssim: false },
      tfImageQuantizerSync({ centers, temperature: 0.01, distance: 'l1' }),
    );
    expect(coarse.histograms.streamCount).toBe(192);
    expect(coarse.histograms.counts.reduce((a, b) => a + b, 0)).toBe(3 * 16 * 16);
    const halved = await computeLab(
      image,
      { transform: 'dct', step: 1, colour: 'ycbcr420', centers, withMsssim: false },
      tfImageQuantizerSync({ centers, temperature: 0.01, distance: 'l1' }),
    );
    // luma 16 x 16 padded; chroma 6 x 5 padded to 8 x 8
    expect(halved.histograms.counts.reduce((a, b) => a + b, 0)).toBe(16 * 16 + 2 * 8 * 8);
    const fine = await computeLab(
      image,
      { transform: 'dct', step: 0.25, colour: 'rgb', centers, withMsssim: false },
      tfImageQuantizerSync({ centers, temperature: 0.01, distance: 'l1' }),
    );
    expect(fine.psnr).toBeGreaterThan(coarse.psnr);
    expect(fine.bpp).toBeGreaterThan(coarse.bpp);
    expect(coarse.bpp).toBeGreaterThan(0);
  });

  it('an identity engine reconstructs the image exactly (pixels); a fine DCT step does too (RGB and YCbCr 4:4:4)', async () => {
    const width = 13;
    const height = 10;
    const rgba = randomImage(width, height, 6);
    const image = prepareLabImage(rgba, width, height);
    const identity = (inputs: Float32Array) => ({
      soft: inputs,
      hard: inputs,
      index: new Float32Array(inputs.length),
      assignmentEntropy: new Float32Array(inputs.length),
    });
    const result = await computeLab(image, { transform: 'pixels', step: 0.7, centers: makeCenters(5, 1) }, identity);
    expect(Array.from(result.hard)).toEqual(Array.from(rgba));
    expect(result.psnr).toBe(Infinity);
    expect(result.bpp).toBe(0);
    expect(result.msssim?.value).toBeNull();
    // every coefficient within 1e-4 x its table entry of its value: the error rounds away
    for (const colour of ['rgb', 'ycbcr'] as const) {
      const centers = makeCenters(3, 1);
      const fine = await computeLab(
        image,
        { transform: 'dct', step: 1e-4, colour, centers },
        tfImageQuantizerSync({ centers, temperature: 1, distance: 'l1' }),
      );
      expect(Array.from(fine.hard)).toEqual(Array.from(rgba));
    }
  });

  it('an asynchronous quantizer and the R-D generator give the numbers of a blocking one', async () => {
    const image = prepareLabImage(randomImage(8, 8, 5), 8, 8);
    const centers = makeCenters(3, 1);
    const settings = { transform: 'pixels' as const, step: 1, centers, withMsssim: false };
    const sync = await computeLab(image, settings, tfImageQuantizerSync({ centers, temperature: 0.2, distance: 'l2' }));
    const async = await computeLab(image, settings, tfImageQuantizer({ centers, temperature: 0.2, distance: 'l2' }));
    expect(async.bpp).toBe(sync.bpp);
    expect(Array.from(async.soft)).toEqual(Array.from(sync.soft));
    const points = [];
    const curve = [makeCenters(2, 1), makeCenters(3, 1)].map((c) => ({ ...settings, centers: c }));
    for await (const point of rateDistortionCurve(image, curve, (c) =>
      tfImageQuantizerSync({ centers: c, temperature: 1, distance: 'l2' }),
    ))
      points.push(point);
    expect(points.map((p) => p.centerCount)).toEqual([2, 3]);
    expect(points[1]!.estimateBpp).toBe(sync.bpp);
    // the curve's rate is the file's: 8 x bytes / (W x H)
    expect(points[1]!.bpp).toBe((8 * (sync.file as Uint8Array).length) / 64);
  });
});
