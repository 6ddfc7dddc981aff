import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, countBits, headerBytes, quantize } from '../src/image/codec/codec';
import { CONTEXT_CLASSES } from '../src/image/codec/coefficients';
import { CONTAINER_BYTES, writeCodecFile } from '../src/image/codec/file';
import { batchTensors, codecLoss, CodecTrainer, type CodecVariables } from '../src/image/codec/train';
import { batchArrays, drawSample, fittedModelBpp, RATE_CLASSES } from '../src/image/codec/trainingBatch';
import { fitStepScale, scaleSteps, uniformParams } from '../src/image/codec/rateControl';
import type { EstimatorName } from '../src/model/estimators';
import { readPng } from './pngImage';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

const astronaut = readPng('public/images/astronaut.png');

/** A w x h crop of astronaut at (x0, y0): the face and the suit's edges. */
function crop(x0: number, y0: number, w: number, h: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(4 * w * h);
  for (let y = 0; y < h; y++) {
    out.set(
      astronaut.rgba.subarray(4 * ((y0 + y) * astronaut.width + x0), 4 * ((y0 + y) * astronaut.width + x0 + w)),
      4 * y * w,
    );
  }
  return out;
}

const SIDE = 128;
const image = crop(150, 60, SIDE, SIDE);
const analysis = analyse(image, SIDE, SIDE);

describe('the training loss', () => {
  /** A small batch and variables near the untrained quantizer, as plain arrays. */
  function setup() {
    const base = uniformParams(analysis, 16);
    const params = scaleSteps(base, fitStepScale(analysis, base, 0.5, 10));
    const sample = drawSample(analysis, 300, 3);
    const arrays = batchArrays(analysis, params, sample);
    const contexts = 3 * analysis.levels * 2 * CONTEXT_CLASSES;
    const logStep = Float32Array.from(params.steps, (s) => Math.log(s / 256));
    const offsets = Float32Array.from({ length: 9 * analysis.levels }, (_, i) => 0.05 * Math.sin(i));
    const logits = Float32Array.from({ length: contexts * RATE_CLASSES }, (_, i) => 0.3 * Math.cos(i));
    return { arrays, contexts, logStep, offsets, logits };
  }

  function lossOf(
    s: ReturnType<typeof setup>,
    values: { logStep: Float32Array; offsets: Float32Array; logits: Float32Array },
    estimator: EstimatorName,
  ): number {
    return tf.tidy(() => {
      const batch = batchTensors(s.arrays, 3 * analysis.bands.length, 3 * analysis.levels, s.contexts);
      const v: CodecVariables = {
        logStep: tf.tensor1d(values.logStep),
        offsets: tf.tensor2d(values.offsets, [3 * analysis.levels, 3]),
        logits: tf.tensor2d(values.logits, [s.contexts, RATE_CLASSES]),
      };
      return codecLoss(v, batch, estimator, 0.3, 50).loss.dataSync()[0] as number;
    });
  }

  function gradientsOf(s: ReturnType<typeof setup>, estimator: EstimatorName): Float64Array[] {
    const grads = tf.tidy(() => {
      const batch = batchTensors(s.arrays, 3 * analysis.bands.length, 3 * analysis.levels, s.contexts);
      const f = (logStep: tf.Tensor, offsets: tf.Tensor, logits: tf.Tensor) =>
        codecLoss(
          { logStep: logStep as tf.Tensor1D, offsets: offsets as tf.Tensor2D, logits: logits as tf.Tensor2D },
          batch,
          estimator,
          0.3,
          50,
        ).loss;
      return tf.grads(f)([
        tf.tensor1d(s.logStep),
        tf.tensor2d(s.offsets, [3 * analysis.levels, 3]),
        tf.tensor2d(s.logits, [s.contexts, RATE_CLASSES]),
      ]);
    });
    const out = grads.map((g) => Float64Array.from(g.dataSync()));
    tf.dispose(grads);
    return out;
  }

  /** Central differences of the loss in one entry of one variable (float32 maths: a wide step). */
  function finiteDifference(
    s: ReturnType<typeof setup>,
    name: 'logStep' | 'offsets' | 'logits',
    index: number,
    estimator: EstimatorName,
    h: number,
  ): number {
    const plus = { logStep: s.logStep.slice(), offsets: s.offsets.slice(), logits: s.logits.slice() };
    const minus = { logStep: s.logStep.slice(), offsets: s.offsets.slice(), logits: s.logits.slice() };
    plus[name][index] = (plus[name][index] as number) + h;
    minus[name][index] = (minus[name][index] as number) - h;
    return (lossOf(s, plus, estimator) - lossOf(s, minus, estimator)) / (2 * h);
  }

  it('has the gradients of its finite differences with the soft estimator (steps, centers, entropy model)', () => {
    const s = setup();
    const [gStep, gOffsets, gLogits] = gradientsOf(s, 'soft') as [Float64Array, Float64Array, Float64Array];
    // the entries with the largest gradients (the others are near float32 noise)
    const largest = (g: Float64Array, count: number) =>
      Array.from(g.keys())
        .sort((a, b) => Math.abs(g[b]!) - Math.abs(g[a]!))
        .slice(0, count);
    for (const [name, g, h] of [
      ['logStep', gStep, 2e-3],
      ['offsets', gOffsets, 2e-3],
      ['logits', gLogits, 2e-2],
    ] as const) {
      for (const index of largest(g, 3)) {
        const fd = finiteDifference(s, name, index, 'soft', h);
        expect(Math.abs(fd - g[index]!), `${name}[${index}]: autodiff ${g[index]}, differences ${fd}`).toBeLessThan(
          0.03 * Math.abs(g[index]!) + 1e-3,
        );
      }
    }
  });

  it('with the STE, the entropy model gradient is that of the hard symbols (finite differences), and the hard estimator gives the quantizer none', () => {
    const s = setup();
    const [, , gLogits] = gradientsOf(s, 'ste') as [Float64Array, Float64Array, Float64Array];
    const index = Array.from(gLogits.keys()).sort((a, b) => Math.abs(gLogits[b]!) - Math.abs(gLogits[a]!))[0]!;
    expect(Math.abs(gLogits[index]!)).toBeGreaterThan(1e-4);
    const fd = finiteDifference(s, 'logits', index, 'ste', 2e-2);
    expect(Math.abs(fd - gLogits[index]!)).toBeLessThan(0.03 * Math.abs(gLogits[index]!) + 1e-3);
    const [steStep, steOffsets] = gradientsOf(s, 'ste') as [Float64Array, Float64Array];
    expect(steStep.some((g) => g !== 0) && steOffsets.some((g) => g !== 0)).toBe(true);
    for (const frozen of ['hard', 'seedRound'] as const) {
      const [hardStep, hardOffsets] = gradientsOf(s, frozen) as [Float64Array, Float64Array];
      expect(hardStep.every((g) => g === 0) && hardOffsets.every((g) => g === 0), frozen).toBe(true);
    }
  });
});

describe('the entropy model', () => {
  it('fitted to the hard symbols of every coefficient, gives the real file its size to within 10%', () => {
    const { rgba, width, height } = astronaut;
    const whole = analyse(rgba, width, height);
    const base = uniformParams(whole, 16);
    for (const target of [0.15, 0.4]) {
      const params = scaleSteps(base, fitStepScale(whole, base, target, 12));
      const indices = quantize(whole, params);
      const fileBpp = (8 * writeCodecFile(params, indices, width, height).length) / (width * height);
      const every = drawSample(whole, 3 * width * height, 1);
      const { perBand } = countBits(indices, width, whole.levels, whole.bands);
      // the low band is predicted and coded apart; the model covers the detail bands
      const lowBits = [0, 1, 2].reduce((sum, c) => sum + perBand[c * whole.bands.length]!, 0);
      const modelBpp =
        fittedModelBpp(batchArrays(whole, params, every), width * height) +
        (lowBits + 8 * (headerBytes(whole.levels, whole.bands.length, params.filter.length > 0) + CONTAINER_BYTES)) /
          (width * height);
      expect(Math.abs(modelBpp - fileBpp) / fileBpp).toBeLessThan(0.1);
    }
  });
});

describe('training', () => {
  const short = { steps: 24, refreshEvery: 8, sampleSize: 3000 };

  it('meets the target rate within 10% in the real file, and the STE moves the quantizer', () => {
    for (const target of [0.25, 1]) {
      const before = tf.memory().numTensors;
      const trainer = new CodecTrainer(analysis, image, { targetBpp: target, ...short });
      while (!trainer.done) trainer.trainStep();
      const trained = trainer.currentParams();
      expect(trained.offsets.some((a) => a !== 0)).toBe(true);
      expect(trained.steps.some((step, i) => step !== trainer.start.steps[i])).toBe(true);
      const params = trainer.finalParams();
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const file = writeCodecFile(params, quantize(analysis, params), SIDE, SIDE);
      const bpp = (8 * file.length) / (SIDE * SIDE);
      expect(Math.abs(bpp - target) / target).toBeLessThan(0.1);
    }
  });

  it('in parts (as the page runs it: gradient steps, each refresh and the final fit apart) gives the same file', () => {
    const options = { targetBpp: 0.25, ...short };
    const whole = new CodecTrainer(analysis, image, options);
    while (!whole.done) whole.trainStep();
    const expected = whole.finalParams();
    whole.dispose();
    const parted = new CodecTrainer(analysis, image, options);
    let parts = 0;
    const run = <T>(generator: Generator<void, T>): T => {
      for (;;) {
        const next = generator.next();
        if (next.done) return next.value;
        parts += 1;
      }
    };
    let refreshes = 0;
    while (!parted.done) {
      parted.gradientStep();
      if (parted.refreshDue) {
        refreshes += 1;
        run(parted.refreshInParts());
      }
    }
    // 24 steps refreshed every 8: at 8 and 16 (not at the end), each in two parts
    expect(refreshes).toBe(2);
    expect(parts).toBe(2);
    const params = run(parted.finalParamsInParts());
    parted.dispose();
    // the last measurement, then at least two countings apart
    expect(parts).toBeGreaterThanOrEqual(2 + 2);
    expect(Array.from(params.steps)).toEqual(Array.from(expected.steps));
    expect(Array.from(params.offsets)).toEqual(Array.from(expected.offsets));
  });

  it.each(['hard', 'seedRound'] as const)('learns nothing in the quantizer with the %s estimator', (estimator) => {
    const trainer = new CodecTrainer(analysis, image, { targetBpp: 0.5, estimator, ...short });
    while (!trainer.done) trainer.trainStep();
    const trained = trainer.currentParams();
    trainer.dispose();
    expect(Array.from(trained.offsets)).toEqual(Array.from(trainer.start.offsets));
    expect(Array.from(trained.steps)).toEqual(Array.from(trainer.start.steps));
  });
});
