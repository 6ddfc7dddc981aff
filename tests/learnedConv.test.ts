import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockSource, createBlockSampler, type RgbaImage } from '../src/image/learned/blocks';
import {
  CONV_ENCODER_PARAMETERS,
  CONV_PARAMETER_NAMES,
  createConvModel,
  decodeConv,
  encodeConv,
  type ConvModel,
  type ConvModelConfig,
  type ConvParameterName,
} from '../src/image/learned/conv';
import { convAvailable } from '../src/image/learned/convAvailability';
import { quantize, readVariables } from '../src/image/learned/model';
import { convAvailableFor, learnedModelToTrain } from '../src/engine/learnedModelPlan';
import { englishMessage } from '../src/i18n/messageText';
import { createBlockCodec } from '../src/image/learned/blockCodec';
import { readWeightsFile } from '../src/image/learned/codecs';
import { convCodec } from '../src/image/learned/convCodec';
import { createTrainer, type TrainSetting } from '../src/image/learned/train';
import { seededRandom } from '../src/model/random';
import {
  convFiniteDifferences,
  convSteOffsets,
  referenceConvDecode,
  referenceConvLatents,
  referenceConvLoss,
  type ConvParameters64,
  type Map64,
} from './learnedConvReference';
import { useCpuBackend } from './setup-cpu';

/** The conv model's parameters' current values, copied out. */
const readConvParameters = (model: ConvModel) => readVariables(CONV_PARAMETER_NAMES, model.variables);

beforeAll(useCpuBackend);

/** 2 maps, 2 latent channels, 3 x 3 kernels: 265 parameters, small enough to check every one. */
const tiny: ConvModelConfig = {
  channels: 2,
  filters: 2,
  kernelSize: 3,
  centers: [-1, -0.5, 0, 0.5, 1],
  distance: 'l2',
  seed: 7,
};

function crops(count: number, side: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: count * side * side * 3 }, () => random());
}

function to64(p: Record<ConvParameterName, Float32Array>): ConvParameters64 {
  const out = {} as ConvParameters64;
  for (const name of CONV_PARAMETER_NAMES) out[name] = Float64Array.from(p[name]);
  return out;
}

function map64(values: Float32Array, batch: number, side: number): Map64 {
  return { values: Float64Array.from(values), batch, height: side, width: side, maps: 3 };
}

function tfGradients(model: ConvModel, batch: Float32Array, side: number, setting: TrainSetting) {
  const grads = tf.tidy(() => {
    const images = tf.tensor4d(batch, [batch.length / (side * side * 3), side, side, 3]);
    return tf.variableGrads(() => convCodec(model).lossTerms(images, setting).loss).grads;
  });
  const out = {} as Record<ConvParameterName, Float32Array>;
  for (const name of CONV_PARAMETER_NAMES) {
    const g = grads[model.variables[name].name] as tf.Tensor;
    out[name] = g.dataSync() as Float32Array;
    g.dispose();
  }
  return out;
}

const everyEntry = (_: ConvParameterName, size: number) => Array.from({ length: size }, (_v, k) => k);

/**
 * Every checked entry of tfjs's gradient within `tolerance` x the largest |FD gradient|. tfjs
 * runs in float32 (eps 6e-8) through six layers of sums of up to 27 terms; float64 central
 * differences with step h are off by O(h^2) (truncation) plus 1e-16 / h (rounding), both far
 * below 1e-6 here. So the gap is float32's: measured 7e-8 of the largest gradient for 'soft' and
 * 2e-6 for 'ste' (whose offsets are float32 hard minus soft values in tfjs, float64 in the
 * reference). 1e-4 leaves a factor of 50 and still catches any wrong term (a missing one is O(1)).
 */
function expectClose(
  actual: Record<ConvParameterName, Float32Array>,
  expected: Record<ConvParameterName, Map<number, number>>,
  tolerance: number,
): number {
  let largest = 0;
  for (const name of CONV_PARAMETER_NAMES)
    for (const v of expected[name].values()) largest = Math.max(largest, Math.abs(v));
  expect(largest).toBeGreaterThan(1e-3); // the comparison means something
  let worst = 0;
  for (const name of CONV_PARAMETER_NAMES) {
    for (const [k, v] of expected[name]) {
      const gap = Math.abs((actual[name][k] as number) - v);
      worst = Math.max(worst, gap / largest);
      expect(gap, `${name}[${k}]`).toBeLessThan(tolerance * largest);
    }
  }
  return worst;
}

describe('learned conv codec: shapes and the float64 reference', () => {
  it('latents are [B, H/8, W/8, C]; the decoder gives [B, H, W, 3]', () => {
    const model = createConvModel({ ...tiny, channels: 3, filters: 4, kernelSize: 5 });
    tf.tidy(() => {
      const images = tf.zeros([2, 32, 24, 3]) as tf.Tensor4D;
      const latents = encodeConv(model, images);
      expect(latents.shape).toEqual([2, 4, 3, 3]);
      // the codec quantizes the latent map as rows of C latents (convCodec.ts's forward)
      const q = quantize(model, tf.reshape(latents, [-1, 3]), 'ste', 1);
      expect(q.values.shape).toEqual([2 * 4 * 3, 3]);
      expect(q.assignments.shape).toEqual([2 * 4 * 3 * 3, 5]);
      expect(decodeConv(model, tf.reshape(q.values, latents.shape)).shape).toEqual([2, 32, 24, 3]);
      expect(() => encodeConv(model, tf.zeros([1, 32, 30, 3]) as tf.Tensor4D)).toThrow(
        /width must be a positive multiple of 8, got 30/,
      );
    });
    model.dispose();
  });

  it('tfjs forward equals the float64 reference (latents and decoded, 5 x 5 kernels)', () => {
    const config = { ...tiny, kernelSize: 5, seed: 2 };
    const model = createConvModel(config);
    const batch = crops(2, 16, 4);
    const p = to64(readConvParameters(model));
    const z = referenceConvLatents(p, config, map64(batch, 2, 16));
    const y = referenceConvDecode(p, config, z);
    const [latents, decoded] = tf.tidy(() => {
      const l = encodeConv(model, tf.tensor4d(batch, [2, 16, 16, 3]));
      return [l.dataSync(), decodeConv(model, l).dataSync()];
    });
    expect(Math.max(...z.values.map(Math.abs))).toBeGreaterThan(0.1);
    z.values.forEach((v, i) => expect(Math.abs((latents[i] as number) - v)).toBeLessThan(1e-5));
    y.values.forEach((v, i) => expect(Math.abs((decoded[i] as number) - v)).toBeLessThan(1e-5));
    model.dispose();
  });
});

describe('learned conv codec: gradients against float64 finite differences', () => {
  const side = 16;
  const batch = crops(2, side, 11);
  const x = map64(batch, 2, side);
  const sigma = 2;

  it("'soft': tfjs autodiff equals central differences of the float64 loss, every parameter", () => {
    const model = createConvModel(tiny);
    const setting: TrainSetting = { estimator: 'soft', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readConvParameters(model));
    const reference = convFiniteDifferences(
      p,
      tiny,
      (q) => referenceConvLoss(q, tiny, x, { lambda: 0.1, sigma }).loss,
      everyEntry,
    );
    expectClose(tfGradients(model, batch, side, setting), reference, 1e-4);
    model.dispose();
  });

  it("'ste': hard forward, gradient = the soft path's with the hard - soft offsets frozen", () => {
    const model = createConvModel(tiny);
    const setting: TrainSetting = { estimator: 'ste', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readConvParameters(model));
    const offsets = convSteOffsets(p, tiny, x, sigma);
    expect(offsets.value.some((v) => Math.abs(v) > 1e-3)).toBe(true); // hard differs from soft
    const forward = tf.tidy(
      () =>
        convCodec(model)
          .lossTerms(tf.tensor4d(batch, [2, side, side, 3]), setting)
          .loss.dataSync()[0] as number,
    );
    expect(forward).toBeCloseTo(referenceConvLoss(p, tiny, x, { lambda: 0.1, sigma }, offsets).loss, 5);
    // step 1e-9: see learnedReference.ts's finiteDifferenceGradient on empty histogram cells
    const reference = convFiniteDifferences(
      p,
      tiny,
      (q) => referenceConvLoss(q, tiny, x, { lambda: 0.1, sigma }, offsets).loss,
      everyEntry,
      1e-9,
    );
    expectClose(tfGradients(model, batch, side, setting), reference, 1e-4);
    model.dispose();
  });
  it('one SGD step of the conv codec equals the float64 reference step', () => {
    const model = createConvModel(tiny);
    const trainer = createTrainer({ optimizer: 'sgd', learningRate: 0.5 });
    const setting: TrainSetting = { estimator: 'soft', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readConvParameters(model));
    const loss = (q: ConvParameters64) => referenceConvLoss(q, tiny, x, { lambda: 0.1, sigma });
    const reference = loss(p);
    const g = convFiniteDifferences(p, tiny, (q) => loss(q).loss, everyEntry);
    const result = convCodec(model).trainStep(trainer, batch, side, setting);
    expect(result.loss).toBeCloseTo(reference.loss, 6);
    expect(result.distortion).toBeCloseTo(reference.distortion, 6);
    expect(result.rate).toBeCloseTo(reference.rate, 4);
    expect(result.bpp).toBeCloseTo(reference.bpp, 6);
    const after = readConvParameters(model);
    for (const name of CONV_PARAMETER_NAMES) {
      for (const [k, gradient] of g[name]) {
        const expected = (p[name][k] as number) - 0.5 * gradient;
        expect(Math.abs((after[name][k] as number) - expected), `${name}[${k}]`).toBeLessThan(1e-6);
      }
    }
    release({ model, trainer });
  });
});

function smoothImage(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      data[at] = (x * 255) / (width - 1);
      data[at + 1] = (y * 255) / (height - 1);
      data[at + 2] = 128 + 100 * Math.sin((x + y) / 5);
      data[at + 3] = 255;
    }
  }
  return { data, width, height };
}

const small: ConvModelConfig = { ...tiny, channels: 4, filters: 8, seed: 3, centers: [-2, -1, 0, 1, 2] };
const CROP = 16;

function run(estimator: TrainSetting['estimator'], steps: number, seed = 5) {
  const image = smoothImage(32, 32);
  const sampler = createBlockSampler(blockSource([{ name: 'ramp', image }], 'ramp'), CROP, seed);
  const model = createConvModel(small);
  const trainer = createTrainer({ optimizer: 'adam', learningRate: 0.01, seed });
  const setting: TrainSetting = { estimator, lambda: 0.01, temperature: 1 };
  const results = [];
  for (let s = 0; s < steps; s++) results.push(convCodec(model).trainStep(trainer, sampler.next(4), CROP, setting));
  return { model, trainer, results, image };
}

function release(...runs: { model: ConvModel; trainer: { dispose(): void } }[]) {
  for (const r of runs) {
    r.model.dispose();
    r.trainer.dispose();
  }
}

describe('learned conv codec: training', () => {
  it('seeded runs are bit-identical', () => {
    for (const estimator of ['ste', 'noise'] as const) {
      const a = run(estimator, 3);
      const b = run(estimator, 3);
      expect(b.results).toEqual(a.results);
      const pa = readConvParameters(a.model);
      const pb = readConvParameters(b.model);
      for (const name of CONV_PARAMETER_NAMES) expect(Array.from(pb[name])).toEqual(Array.from(pa[name]));
      release(a, b);
    }
  });

  it("'ste' loss falls over 15 steps on 16 x 16 crops and the encoder moves", () => {
    // measured: about 0.26 over the first 5 steps, 0.07 over the last 5
    const r = run('ste', 15);
    const mean = (list: typeof r.results) => list.reduce((s, x) => s + x.loss, 0) / list.length;
    expect(mean(r.results.slice(-5))).toBeLessThan(0.7 * mean(r.results.slice(0, 5)));
    expect(r.results.every((x) => x.encoderMoves)).toBe(true);
    release(r);
  });

  it("'hard': the encoder's gradient is exactly zero and its weights stay bit-identical", () => {
    const before = createConvModel(small);
    const initial = readConvParameters(before);
    before.dispose();
    const r = run('hard', 5);
    expect(r.results.every((x) => x.encoderGradient === 0 && !x.encoderMoves)).toBe(true);
    const after = readConvParameters(r.model);
    for (const name of CONV_ENCODER_PARAMETERS) expect(Array.from(after[name])).toEqual(Array.from(initial[name]));
    // the decoder still learns from the hard symbols it is given
    expect(Array.from(after.decoderFilter3)).not.toEqual(Array.from(initial.decoderFilter3));
    release(r);
  });

  it("the conv codec's evaluate: pads to multiples of 8, bpp from the hard symbols over the latent positions", () => {
    const r = run('ste', 3);
    const image = smoothImage(30, 20); // padded to 32 x 24: a 4 x 3 latent map
    const result = convCodec(r.model).evaluate(image);
    expect(result.decoded.length).toBe(image.data.length);
    expect(result.channelBits).toHaveLength(small.channels);
    const bits = 4 * 3 * result.channelBits.reduce((a, b) => a + b, 0);
    expect(result.bpp).toBeCloseTo(bits / (30 * 20), 12);
    expect(result.channelBits.every((b) => b >= 0 && b <= Math.log2(12) + 1e-12)).toBe(true);
    expect(result.psnr).toBeGreaterThan(5);
    release(r);
  });

  it('a create, train, evaluate, dispose cycle leaves no tensors behind', () => {
    for (const estimator of ['ste', 'noise', 'hard'] as const) {
      const before = tf.memory().numTensors;
      const r = run(estimator, 2);
      convCodec(r.model).evaluate(r.image);
      release(r);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('a crop side that is not a multiple of 8 is refused by name', () => {
    const model = createConvModel(tiny);
    const trainer = createTrainer();
    const setting: TrainSetting = { estimator: 'ste', lambda: 0, temperature: 1 };
    expect(() => convCodec(model).trainStep(trainer, crops(1, 12, 1), 12, setting)).toThrow(/multiple of 8, got 12/);
    expect(() => convCodec(model).trainStep(trainer, crops(1, 16, 1).subarray(3), 16, setting)).toThrow(
      /multiple of 768/,
    );
    release({ model, trainer });
  });
});

describe('learned conv codec: weights file and availability', () => {
  it('weights JSON round trip gives the same reconstruction; the kind is in the file', () => {
    const r = run('ste', 5);
    const record = { temperature: 1, estimator: 'ste', lambda: 0.01, steps: 5 } as const;
    const json = convCodec(r.model).weightsJson(record);
    expect(JSON.parse(json)).toMatchObject({ model: 'conv', architecture: 'strided-conv', kernelSize: 3 });
    const loaded = readWeightsFile(json);
    expect(loaded.codec.kind).toBe('conv');
    expect(loaded.record).toEqual(record);
    // the architecture from the file; the engine is the reader's (the default here)
    expect(loaded.codec.config).toEqual({ ...small, engine: 'fused' });
    const a = convCodec(r.model).evaluate(r.image);
    const b = loaded.codec.evaluate(r.image);
    expect(Array.from(b.decoded)).toEqual(Array.from(a.decoded));
    expect(b.bpp).toBe(a.bpp);
    loaded.codec.dispose();
    release(r);
  });

  it("block files load as 'block', with or without the model field (older files have none)", () => {
    const block = createBlockCodec({ blockSize: 2, hidden: 3, channels: 2, centers: [0, 1], distance: 'l1', seed: 1 });
    const json = block.weightsJson({ temperature: 1, estimator: 'ste', lambda: 0, steps: 0 });
    block.dispose();
    const file = JSON.parse(json) as Record<string, unknown>;
    expect(file['model']).toBe('block');
    delete file['model'];
    for (const text of [json, JSON.stringify(file)]) {
      const loaded = readWeightsFile(text);
      expect(loaded.codec.kind).toBe('block');
      loaded.codec.dispose();
    }
    expect(() => readWeightsFile(JSON.stringify({ ...file, model: 'gan' }))).toThrow(/model must be "block" or "conv"/);
    expect(() => readWeightsFile(JSON.stringify({ ...file, model: 'conv' }))).toThrow(
      /architecture must be "strided-conv"/,
    );
  });

  it('bad conv files give clear messages', () => {
    const model = createConvModel(tiny);
    const good = JSON.parse(
      convCodec(model).weightsJson({ temperature: 1, estimator: 'ste', lambda: 0, steps: 0 }),
    ) as Record<string, unknown>;
    model.dispose();
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    expect(() => readWeightsFile(bad({ kernelSize: 4 }))).toThrow(/kernelSize must be odd, got 4/);
    expect(() => readWeightsFile(bad({ filters: 0 }))).toThrow(/filters must be an integer/);
    const weights = good['weights'] as Record<string, unknown>;
    expect(() =>
      readWeightsFile(bad({ weights: { ...weights, decoderFilter1: { shape: [3, 3, 2, 3], values: [] } } })),
    ).toThrow(/weights.decoderFilter1 must have shape \[3, 3, 2, 2\]/);
  });

  it('convAvailable: only hardware WebGL, and a reason everywhere', () => {
    const table = [
      ['webgl', true, true, /GPU/],
      ['webgl', false, false, /software-rendered.*10–300× slower than plain JavaScript/],
      ['wasm', false, false, /wasm.*#8474/],
      ['wasm', true, false, /wasm.*#8474/],
      ['cpu', false, false, /plain JavaScript/],
      ['webgpu', true, false, /only on hardware WebGL, not on “webgpu”/],
    ] as const;
    for (const [backend, hardware, available, reason] of table) {
      const verdict = convAvailable(backend, hardware);
      expect(verdict.available, `${backend} ${hardware}`).toBe(available);
      const words = englishMessage(verdict.reason);
      expect(words).toMatch(reason);
      expect(words.split('. ')).toHaveLength(1); // one sentence
    }
    const swiftshader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';
    const gpu = 'ANGLE (NVIDIA GeForce RTX 3060)';
    expect(convAvailableFor({ name: 'webgl', renderer: swiftshader }).available).toBe(false);
    expect(convAvailableFor({ name: 'webgl', renderer: gpu }).available).toBe(true);
    expect(convAvailableFor({ name: 'wasm', renderer: gpu }).available).toBe(false);
    // what trains: conv only where asked for and available; otherwise block, with the reason
    expect(learnedModelToTrain('conv', { name: 'webgl', renderer: gpu })).toEqual({ kind: 'conv', passedOver: null });
    expect(learnedModelToTrain('block', { name: 'webgl', renderer: gpu })).toEqual({ kind: 'block', passedOver: null });
    expect(learnedModelToTrain('conv', null)).toEqual({ kind: 'block', passedOver: null });
    const passed = learnedModelToTrain('conv', { name: 'wasm', renderer: null });
    expect(passed.kind).toBe('block');
    expect(englishMessage(passed.passedOver!)).toMatch(/#8474/);
    expect(englishMessage(learnedModelToTrain('conv', { name: 'webgl', renderer: swiftshader }).passedOver!)).toMatch(
      /software-rendered/,
    );
  });
});
