import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLabFile } from '../src/image/coding/container';
import { entropyBits, histogramRows } from '../src/image/entropy';
import { prepareLabImage } from '../src/image/labCompute';
import { blockCodec } from '../src/image/learned/blockCodec';
import { createBlockModel, type BlockModelConfig } from '../src/image/learned/model';
import { learnedArchitecture, psnrOfMse, sweepLambdas } from '../src/image/learned/plan';
import { buildLearnedExport } from '../src/state/exportData';
import { defaultLesson, defaultParams, fieldOf } from '../src/state/fields';
import { EMPTY_LAB, labSettingsKey } from '../src/state/labState';
import { EMPTY_LEARNED } from '../src/state/learnedState';
import { centersSetting } from '../src/state/learnedWeights';
import { seededRandom } from '../src/model/random';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

function noiseImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : Math.floor(random() * 256);
  return rgba;
}

const config: BlockModelConfig = {
  blockSize: 8,
  hidden: 8,
  channels: 3,
  centers: [-2, -1, 0, 1, 2],
  distance: 'l1',
  seed: 4,
};

describe('the learned codec in the lab', () => {
  it('sweeps 4λ, 2λ, λ/2 and then λ itself, capped by the rule; λ = 0 gets a ladder ending at 0', () => {
    expect(sweepLambdas(0.002)).toEqual([0.008, 0.004, 0.001, 0.002]);
    expect(sweepLambdas(0)).toEqual([0.008, 0.004, 0.001, 0]);
    // 4λ and 2λ both hit the cap of 0.1: it is trained once
    expect(sweepLambdas(0.08, 0.1)).toEqual([0.1, 0.04, 0.08]);
    expect(sweepLambdas(0.1, 0.1)).toEqual([0.05, 0.1]);
    expect(() => sweepLambdas(-1)).toThrow(/λ must be a finite number >= 0, got -1/);
    // the default λ's sweep stays inside the field's rule
    const lambda = fieldOf('learnedLambda');
    for (const value of sweepLambdas(lambda.defaultValue, lambda.rule?.max))
      expect(lambda.check(value).notice).toBeNull();
  });

  it('names the architecture and turns a batch MSE into dB', () => {
    expect(learnedArchitecture(16)).toBe('192-64-16-64-192');
    expect(psnrOfMse(0.01)).toBeCloseTo(20, 12);
    expect(psnrOfMse(0)).toBe(Infinity);
  });

  it("reads the page's evenly spaced centers back from a file, and refuses others", () => {
    expect(centersSetting([-2, -1, 0, 1, 2])).toEqual({ count: 5, spacing: 1 });
    expect(centersSetting(Array.from(new Float32Array([-0.15, -0.05, 0.05, 0.15])))).toEqual({
      count: 4,
      spacing: 0.1,
    });
    expect(centersSetting([0, 1, 2])).toBeNull();
    expect(centersSetting([-1, 0, 3])).toBeNull();
    expect(centersSetting([0])).toBeNull();
  });

  it("gives a lab result whose estimate is evaluate()'s and whose hard image is its file's, one histogram per channel", () => {
    const width = 21;
    const height = 13;
    const image = prepareLabImage(noiseImage(width, height, 9), width, height);
    const model = createBlockModel(config);
    const before = tf.memory().numTensors;
    const result = blockCodec(model).labResult(image, 0.5);
    expect(tf.memory().numTensors).toBe(before);
    const reference = blockCodec(model).evaluate({ data: image.rgba, width, height });
    expect(result.transform).toBe('learned');
    // the hard view is what a reader of the lab file decodes (quantized weights, plain float64)
    const decoded = decodeLabFile(result.file as Uint8Array);
    expect(decoded.ok && Array.from(decoded.rgba)).toEqual(Array.from(result.hard));
    // ... within a few levels of tfjs's float32 decoder on the same symbols (weights at about 5 bits)
    let most = 0;
    result.hard.forEach((value, i) => (most = Math.max(most, Math.abs(value - (reference.decoded[i] as number)))));
    expect(most).toBeLessThanOrEqual(8);
    expect(result.bpp).toBeCloseTo(reference.bpp, 12);
    expect(Math.abs(result.psnr - reference.psnr)).toBeLessThan(0.1);
    for (const view of [result.soft, result.error, result.symbols, result.entropyMap]) {
      expect(view.length).toBe(width * height * 4);
    }
    // 3 x 2 blocks, 3 channels: each channel's histogram counts every block once, and its entropy is evaluate()'s
    const rows = histogramRows(result.histograms);
    expect(rows).toHaveLength(3);
    rows.forEach((row, c) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(6);
      expect(entropyBits(row)).toBeCloseTo(reference.channelBits[c] as number, 12);
    });
    model.dispose();
  });

  it('exports the learned point only while the lab shows it, and the curve whenever there is one', () => {
    const lesson = { ...defaultLesson(), transform: 'learned' as const, learnedChannels: 3 };
    const width = 16;
    const height = 8;
    const image = prepareLabImage(noiseImage(width, height, 2), width, height);
    const model = createBlockModel(config);
    const result = blockCodec(model).labResult(image, 1);
    model.dispose();
    const learned = {
      ...EMPTY_LEARNED,
      evaluation: {
        model: 'block' as const,
        steps: 7,
        estimator: 'ste' as const,
        lambda: 0.002,
        bpp: result.bpp,
        fileBpp: 1.25,
        psnr: result.psnr,
      },
      curve: [{ lambda: 0.004, bpp: 0.5, estimateBpp: 0.25, psnr: 20 }],
    };
    const lab = { ...EMPTY_LAB, result };
    expect(buildLearnedExport(lab, learned, lesson)).toEqual({
      learned: {
        model: 'block-mlp 192-64-3-64-192',
        steps: 7,
        estimator: 'ste',
        lambda: 0.002,
        bpp: result.bpp,
        fileBpp: 1.25,
        psnr: result.psnr,
        msssim: null,
      },
      learnedCurve: [{ lambda: 0.004, bpp: 0.5, estimateBpp: 0.25, psnr: 20 }],
    });
    expect(buildLearnedExport({ ...lab, result: { ...result, transform: 'pixels' } }, learned, lesson)).toEqual({
      learnedCurve: [{ lambda: 0.004, bpp: 0.5, estimateBpp: 0.25, psnr: 20 }],
    });
    expect(buildLearnedExport(EMPTY_LAB, EMPTY_LEARNED, lesson)).toEqual({});
  });

  it('keys a learned result by the codec setup too, so an older one is not exported as current', () => {
    const params = defaultParams();
    const lesson = { ...defaultLesson(), transform: 'learned' as const };
    const key = labSettingsKey(lesson, params);
    expect(labSettingsKey({ ...lesson, learnedChannels: 4 }, params)).not.toBe(key);
    expect(labSettingsKey({ ...lesson, learnedEstimator: 'hard' }, params)).not.toBe(key);
    // pixels and DCT keys ignore the learned fields
    const pixels = { ...lesson, transform: 'pixels' as const };
    expect(labSettingsKey({ ...pixels, learnedChannels: 4 }, params)).toBe(labSettingsKey(pixels, params));
  });
});
