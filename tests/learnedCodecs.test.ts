import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLabFile } from '../src/image/coding/container';
import { encodeLabFileRequest } from '../src/image/coding/labFileRequest';
import { prepareLabImage } from '../src/image/labCompute';
import { psnr } from '../src/image/metrics';
import { blockSource, createBlockSampler } from '../src/image/learned/blocks';
import type { CodecConfig } from '../src/image/learned/codec';
import { LEARNED_CODECS, readWeightsFile } from '../src/image/learned/codecs';
import { createTrainer } from '../src/image/learned/train';
import { LEARNED_MODEL_KINDS } from '../src/image/learned/weights';
import { makeCenters } from '../src/model/centers';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

// One contract, every kind: what the lab's loop (state/learnedLoop.ts) asks of a learned codec.
const width = 40;
const height = 20;
const rgba = new Uint8ClampedArray(width * height * 4);
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++) {
    const at = (y * width + x) * 4;
    rgba.set([(x * 255) / width, (y * 255) / height, 128 + 100 * Math.sin(x / 3 + y / 5), 255], at);
  }
}
const image = { data: rgba, width, height };
const setting: CodecConfig = {
  channels: 4,
  centers: Array.from(makeCenters(5, 1)),
  distance: 'l2',
  seed: 7,
  engine: 'fused',
};
/** both kinds: every latent row stands for 8 x 8 pixels, and the image is covered by 5 x 3 of them */
const PIXELS_PER_ROW = 64;
const ROWS = Math.ceil(width / 8) * Math.ceil(height / 8);

describe.each(LEARNED_MODEL_KINDS.map((kind) => [kind]))('the %s codec keeps the learned-codec contract', (kind) => {
  it('creates, steps, evaluates, presses a file the plain decoder reads, round-trips its weights, and frees it all', () => {
    const entry = LEARNED_CODECS[kind];
    expect(entry.kind).toBe(kind);
    const before = tf.memory().numTensors;
    const codec = entry.create(setting);
    expect(codec.kind).toBe(kind);
    expect(codec.config).toMatchObject(setting);
    expect(codec.encoderVariables.length).toBeGreaterThan(0);
    expect(codec.encoderVariables.every((v) => codec.variables.includes(v))).toBe(true);
    const names = Object.keys(codec.readParameters());
    expect(names).toHaveLength(codec.variables.length);

    // one step of each estimator: finite numbers, loss = D + λ bpp, rate = bpp x pixels per row
    const sampling = entry.sampling(width, height);
    if (!('side' in sampling)) throw new Error(`no sample side for ${width} x ${height}`);
    const sampler = createBlockSampler(blockSource([{ name: 'ramp', image }], 'ramp'), sampling.side, 3);
    const trainer = createTrainer({ learningRate: entry.learningRate, seed: 3 });
    const initial = codec.readParameters();
    for (const estimator of ['ste', 'noise', 'hard'] as const) {
      const step = codec.trainStep(trainer, sampler.next(2), sampling.side, {
        estimator,
        lambda: 0.05,
        temperature: 0.5,
      });
      for (const value of [step.loss, step.distortion, step.rate, step.bpp, step.encoderGradient]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      expect(step.loss).toBeCloseTo(step.distortion + 0.05 * step.bpp, 6);
      expect(step.rate).toBeCloseTo(step.bpp * PIXELS_PER_ROW, 5);
      // 'hard' passes no gradient to the encoder; the STE and noise do
      expect(step.encoderMoves).toBe(estimator !== 'hard');
    }
    const trained = codec.readParameters();
    expect(names.some((name) => trained[name]?.some((v, i) => v !== initial[name]?.[i]))).toBe(true);
    expect(() =>
      codec.trainStep(trainer, sampler.next(1).subarray(1), sampling.side, {
        estimator: 'ste',
        lambda: 0,
        temperature: 1,
      }),
    ).toThrow(/multiple of/);

    // evaluate: the whole image, rate = rows x the channels' entropies / pixels
    const evaluation = codec.evaluate(image);
    expect(evaluation.decoded.length).toBe(rgba.length);
    expect(evaluation.channelBits).toHaveLength(setting.channels);
    const bits = ROWS * evaluation.channelBits.reduce((a, b) => a + b, 0);
    expect(evaluation.bpp).toBeCloseTo(bits / (width * height), 12);
    expect(Number.isFinite(evaluation.psnr)).toBe(true);

    // the press's file decodes in plain float64 (quantized weights) to the lab's hard view, within a
    // the tfjs decoder's image of the same symbols
    const lab = prepareLabImage(rgba, width, height);
    const press = codec.press(lab, 0.5);
    expect(press.fileRequest.model.kind).toBe(kind);
    expect(press.fileRequest.indices).toHaveLength(ROWS * setting.channels);
    const decoded = decodeLabFile(encodeLabFileRequest(press.fileRequest));
    if (!decoded.ok) throw new Error(`the press's file does not decode: ${decoded.detail}`);
    const result = codec.labResult(lab, 0.5);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(result.hard));
    // the two decoders of the same symbols agree to within the weights' quantization (about 5 bits a weight)
    const agreement = psnr(evaluation.decoded, decoded.rgba);
    expect(agreement).toBeGreaterThan(35);
    expect(Math.abs(result.psnr - evaluation.psnr)).toBeLessThan(0.1);
    expect(result.bpp).toBeCloseTo(evaluation.bpp, 12);

    // the weights file reads back to the same kind, config and parameters, and the same image
    const record = { temperature: 0.5, estimator: 'ste' as const, lambda: 0.05, steps: 3 };
    const loaded = readWeightsFile(codec.weightsJson(record), 'fused');
    expect(loaded.record).toEqual(record);
    expect(loaded.codec.kind).toBe(kind);
    expect(loaded.codec.config).toEqual(codec.config);
    expect(loaded.codec.architecture).toBe(codec.architecture);
    const back = loaded.codec.readParameters();
    for (const name of names) expect(Array.from(back[name] ?? [])).toEqual(Array.from(trained[name] ?? []));
    expect(Array.from(loaded.codec.evaluate(image).decoded)).toEqual(Array.from(evaluation.decoded));
    // the lab's own architecture: nothing to refuse
    expect(codec.labMismatch()).toBeNull();

    loaded.codec.dispose();
    codec.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
