import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  blockSource,
  blocksToImage,
  createBlockSampler,
  imageToBlocks,
  type RgbaImage,
} from '../src/image/learned/blocks';
import {
  ENCODER_PARAMETERS,
  PARAMETER_NAMES,
  createBlockModel,
  readParameters,
  type BlockModel,
  type BlockModelConfig,
  type ParameterName,
} from '../src/image/learned/model';
import { createStopper, createTrainer, type TrainSetting } from '../src/image/learned/train';
import { blockCodec } from '../src/image/learned/blockCodec';
import { readWeightsFile } from '../src/image/learned/codecs';
import { seededRandom } from '../src/model/random';
import { useCpuBackend } from './setup-cpu';
import { finiteDifferenceGradient, referenceLoss, steOffsets, type Parameters64 } from './learnedReference';

beforeAll(useCpuBackend);

const tiny: BlockModelConfig = {
  blockSize: 1,
  hidden: 4,
  channels: 2,
  centers: [-1, -0.5, 0, 0.5, 1],
  distance: 'l2',
  seed: 7,
};

function batchOf(count: number, values: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: count * values }, () => random());
}

function to64(p: Record<ParameterName, Float32Array>): Parameters64 {
  const out = {} as Parameters64;
  for (const name of PARAMETER_NAMES) out[name] = Float64Array.from(p[name]);
  return out;
}

/** tfjs's gradient of the loss with respect to every parameter */
function tfGradients(
  model: BlockModel,
  batch: Float32Array,
  setting: TrainSetting,
): Record<ParameterName, Float32Array> {
  const d = 3 * model.config.blockSize ** 2;
  const grads = tf.tidy(() => {
    const b = model.config.blockSize;
    const blocks = tf.tensor4d(batch, [batch.length / d, b, b, 3]);
    return tf.variableGrads(() => blockCodec(model).lossTerms(blocks, setting).loss).grads;
  });
  const out = {} as Record<ParameterName, Float32Array>;
  for (const name of PARAMETER_NAMES) {
    const g = grads[model.variables[name].name] as tf.Tensor;
    out[name] = g.dataSync() as Float32Array;
    g.dispose();
  }
  return out;
}

function expectClose(
  actual: Record<ParameterName, ArrayLike<number>>,
  expected: Record<ParameterName, ArrayLike<number>>,
  tolerance: number,
) {
  let largest = 0;
  for (const name of PARAMETER_NAMES)
    for (let k = 0; k < expected[name].length; k++) largest = Math.max(largest, Math.abs(expected[name][k] as number));
  expect(largest).toBeGreaterThan(1e-3); // the comparison means something
  for (const name of PARAMETER_NAMES) {
    for (let k = 0; k < expected[name].length; k++) {
      expect(Math.abs((actual[name][k] as number) - (expected[name][k] as number)), `${name}[${k}]`).toBeLessThan(
        tolerance * largest,
      );
    }
  }
}

describe('learned block codec: gradients against a float64 reference', () => {
  const batch = batchOf(6, 3, 11);
  const x64 = Float64Array.from(batch);
  const sigma = 2;

  it("'soft': tfjs autodiff equals central finite differences of the float64 loss", () => {
    const model = createBlockModel(tiny);
    const setting: TrainSetting = { estimator: 'soft', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readParameters(model));
    const reference = finiteDifferenceGradient(
      p,
      tiny,
      (q) => referenceLoss(q, tiny, x64, { lambda: 0.1, sigma }).loss,
    );
    expectClose(tfGradients(model, batch, setting), reference, 1e-4);
    model.dispose();
  });

  it("'ste': hard forward, gradient = the soft path's (offsets frozen at the point)", () => {
    const model = createBlockModel(tiny);
    const setting: TrainSetting = { estimator: 'ste', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readParameters(model));
    const offsets = steOffsets(p, tiny, x64, sigma);
    // forward: the loss with hard values and one-hot symbols
    const forward = tf.tidy(
      () =>
        blockCodec(model)
          .lossTerms(tf.tensor4d(batch, [6, 1, 1, 3]), setting)
          .loss.dataSync()[0] as number,
    );
    expect(forward).toBeCloseTo(referenceLoss(p, tiny, x64, { lambda: 0.1, sigma }, offsets).loss, 5);
    expect(offsets.value.some((v) => Math.abs(v) > 1e-3)).toBe(true); // hard differs from soft
    const reference = finiteDifferenceGradient(
      p,
      tiny,
      (q) => referenceLoss(q, tiny, x64, { lambda: 0.1, sigma }, offsets).loss,
      1e-9,
    );
    expectClose(tfGradients(model, batch, setting), reference, 1e-4);
    model.dispose();
  });

  it('one SGD step equals the float64 reference step', () => {
    const model = createBlockModel(tiny);
    const trainer = createTrainer({ optimizer: 'sgd', learningRate: 0.5 });
    const setting: TrainSetting = { estimator: 'soft', lambda: 0.1, temperature: 1 / sigma };
    const p = to64(readParameters(model));
    const reference = referenceLoss(p, tiny, x64, { lambda: 0.1, sigma });
    const g = finiteDifferenceGradient(p, tiny, (q) => referenceLoss(q, tiny, x64, { lambda: 0.1, sigma }).loss);
    const result = blockCodec(model).trainStep(trainer, batch, model.config.blockSize, setting);
    expect(result.loss).toBeCloseTo(reference.loss, 5);
    expect(result.distortion).toBeCloseTo(reference.distortion, 5);
    expect(result.rate).toBeCloseTo(reference.rate, 4);
    const after = readParameters(model);
    const expected = {} as Parameters64;
    for (const name of PARAMETER_NAMES) expected[name] = p[name].map((v, k) => v - 0.5 * (g[name][k] as number));
    for (const name of PARAMETER_NAMES) {
      for (let k = 0; k < after[name].length; k++)
        expect(Math.abs((after[name][k] as number) - (expected[name][k] as number))).toBeLessThan(1e-5);
    }
    trainer.dispose();
    model.dispose();
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

const small: BlockModelConfig = {
  blockSize: 4,
  hidden: 16,
  channels: 4,
  centers: [-2, -1, 0, 1, 2],
  distance: 'l2',
  seed: 3,
};

function run(estimator: TrainSetting['estimator'], steps: number, seed = 5) {
  const image = smoothImage(24, 20);
  const sampler = createBlockSampler(blockSource([{ name: 'ramp', image }], 'ramp'), small.blockSize, seed);
  const model = createBlockModel(small);
  const trainer = createTrainer({ optimizer: 'adam', learningRate: 0.01, seed });
  const setting: TrainSetting = { estimator, lambda: 0.01, temperature: 1 };
  const results = [];
  for (let s = 0; s < steps; s++)
    results.push(blockCodec(model).trainStep(trainer, sampler.next(32), model.config.blockSize, setting));
  return { model, trainer, results, image };
}

describe('learned block codec: training', () => {
  it('seeded runs are bit-identical', () => {
    for (const estimator of ['ste', 'noise'] as const) {
      const a = run(estimator, 5);
      const b = run(estimator, 5);
      expect(b.results).toEqual(a.results);
      const pa = readParameters(a.model);
      const pb = readParameters(b.model);
      for (const name of PARAMETER_NAMES) expect(Array.from(pb[name])).toEqual(Array.from(pa[name]));
      for (const r of [a, b]) {
        r.model.dispose();
        r.trainer.dispose();
      }
    }
  });

  it("'ste' loss falls over 50 steps and the encoder moves", () => {
    const { model, trainer, results } = run('ste', 50);
    const first = results.slice(0, 5).reduce((s, r) => s + r.loss, 0) / 5;
    const last = results.slice(-5).reduce((s, r) => s + r.loss, 0) / 5;
    expect(last).toBeLessThan(0.7 * first);
    expect(results.every((r) => r.encoderMoves)).toBe(true);
    model.dispose();
    trainer.dispose();
  });

  it.each(['hard', 'seedRound'] as const)(
    "'%s': the encoder's gradient is exactly zero and its weights stay put",
    (estimator) => {
      const before = readParameters(createBlockModel(small));
      const { model, trainer, results } = run(estimator, 5);
      expect(results.every((r) => r.encoderGradient === 0 && !r.encoderMoves)).toBe(true);
      const after = readParameters(model);
      for (const name of ENCODER_PARAMETERS) expect(Array.from(after[name])).toEqual(Array.from(before[name]));
      // the decoder still learns from the hard symbols it is given
      expect(Array.from(after.w4)).not.toEqual(Array.from(before.w4));
      model.dispose();
      trainer.dispose();
    },
  );

  it('evaluate: bpp from the hard symbols, PSNR of the decoded image', () => {
    const { model, trainer, image } = run('ste', 20);
    const result = blockCodec(model).evaluate(image);
    expect(result.decoded.length).toBe(image.data.length);
    const blocks = Math.ceil(24 / 4) * Math.ceil(20 / 4);
    const bits = blocks * result.channelBits.reduce((a, b) => a + b, 0);
    expect(result.bpp).toBeCloseTo(bits / (24 * 20), 12);
    expect(result.channelBits.every((b) => b >= 0 && b <= Math.log2(5) + 1e-12)).toBe(true);
    expect(result.psnr).toBeGreaterThan(5);
    model.dispose();
    trainer.dispose();
  });

  it('a create, train, evaluate, dispose cycle leaves no tensors behind', () => {
    for (const estimator of ['ste', 'noise', 'hard'] as const) {
      const before = tf.memory().numTensors;
      const { model, trainer, image } = run(estimator, 3);
      blockCodec(model).evaluate(image);
      model.dispose();
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('stop rule: NaN, step cap, plateau', () => {
    expect(createStopper({ maxSteps: 10, patience: 3 })(1, NaN)).toMatchObject({ stop: true, reason: 'nan' });
    const stop = createStopper({ maxSteps: 10, patience: 3 });
    expect(stop(1, 1).stop).toBe(false);
    expect(stop(2, 2).stop).toBe(false);
    expect(stop(3, 2).stop).toBe(false);
    expect(stop(4, 2)).toMatchObject({ stop: true, reason: 'plateau' });
    expect(createStopper({ maxSteps: 2, patience: 9 })(2, 0)).toMatchObject({ stop: true, reason: 'steps' });
  });
});

describe('learned block codec: blocks and weights files', () => {
  it('blocks round trip an image exactly, with edge replication', () => {
    const image = smoothImage(13, 9);
    const { blocks, grid } = imageToBlocks(image, 8);
    expect(grid).toMatchObject({ columns: 2, rows: 2 });
    expect(Array.from(blocksToImage(blocks, grid))).toEqual(Array.from(image.data));
    // block (1, 1) pixel (7, 7) is image pixel (12, 8) replicated: the bottom-right corner
    const at = 3 * 192 + (7 * 8 + 7) * 3;
    expect(blocks[at]).toBeCloseTo((image.data[(8 * 13 + 12) * 4] as number) / 255, 7);
  });

  it('the sampler labels training on the test image', () => {
    const image = smoothImage(16, 16);
    expect(blockSource([{ name: 'a', image }], 'a').trainsOnTestImage).toBe(true);
    const other = blockSource([{ name: 'b', image }], 'a');
    expect(other.trainsOnTestImage).toBe(false);
    expect(other.label).not.toContain('test image itself');
  });

  it('weights JSON round trip gives the same reconstruction', () => {
    const { model, trainer, image } = run('ste', 10);
    const json = blockCodec(model).weightsJson({ temperature: 1, estimator: 'ste', lambda: 0.01, steps: 10 });
    const loaded = readWeightsFile(json);
    expect(loaded.codec.kind).toBe('block');
    expect(loaded.record).toEqual({ temperature: 1, estimator: 'ste', lambda: 0.01, steps: 10 });
    const a = blockCodec(model).evaluate(image);
    const b = loaded.codec.evaluate(image);
    expect(Array.from(b.decoded)).toEqual(Array.from(a.decoded));
    expect(b.bpp).toBe(a.bpp);
    model.dispose();
    loaded.codec.dispose();
    trainer.dispose();
  });

  it('bad weights files give clear messages', () => {
    const model = createBlockModel(tiny);
    const good = JSON.parse(
      blockCodec(model).weightsJson({ temperature: 1, estimator: 'ste', lambda: 0, steps: 0 }),
    ) as Record<string, unknown>;
    model.dispose();
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
    expect(() => readWeightsFile('{oops')).toThrow(/not valid JSON/);
    expect(() => readWeightsFile('[]')).toThrow(/not a JSON object/);
    expect(() => readWeightsFile(bad({ format: 'x' }))).toThrow(/format must be/);
    expect(() => readWeightsFile(bad({ channels: 0 }))).toThrow(/channels must be an integer/);
    expect(() => readWeightsFile(bad({ estimator: 'magic' }))).toThrow(/estimator must be one of/);
    expect(() => readWeightsFile(bad({ temperature: -1 }))).toThrow(/temperature must be > 0/);
    const weights = good['weights'] as Record<string, { shape: number[]; values: unknown[] }>;
    expect(() => readWeightsFile(bad({ weights: { ...weights, w2: { shape: [9, 9], values: [] } } }))).toThrow(
      /weights.w2 must have shape/,
    );
    expect(() =>
      readWeightsFile(bad({ weights: { ...weights, b4: { ...weights['b4'], values: [null, 0, 0] } } })),
    ).toThrow(/not a finite number/);
  });
});
