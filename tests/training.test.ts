import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import { ESTIMATORS } from '../src/model/estimators';
import {
  DEFAULT_TRAINING,
  DISTRIBUTIONS,
  MAX_TRAINING_STEPS,
  lossGradients,
  startTraining,
  trainSteps,
  type TrainingConfig,
  type TrainingState,
} from '../src/model/training';
import { useCpuBackend } from './setup-cpu';
import { nearestIndex, referenceGradients, referenceObjective, type ReferenceSetup } from './trainingReference';
import { trainStepsSync } from './blocking';

beforeAll(useCpuBackend);

const CENTERS = [-2, -1, 0, 1, 2];
const configWith = (changes: Partial<TrainingConfig> = {}): TrainingConfig => ({
  ...DEFAULT_TRAINING,
  centers: makeCenters(5, 1),
  ...changes,
});

function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((e, k) => {
    const a = actual[k] as number;
    // float32 against float64: 1e-4 relative plus 1e-6 absolute
    expect(Math.abs(a - e), `${what}[${k}]: ${a} vs ${e}`).toBeLessThanOrEqual(1e-4 * Math.abs(e) + 1e-6);
  });
}

function referenceOf(state: TrainingState, config: TrainingConfig, temperature: number): ReferenceSetup {
  return {
    values: Array.from(state.values),
    centers: Array.from(state.centers),
    targets: Array.from(state.targets),
    temperature,
    distance: config.distance,
    lambda: config.lambda,
    estimator: config.estimator,
  };
}

describe('gradients against the float64 oracle', () => {
  // spread over every cell, off the centers (L1 kinks) and off the cell boundaries (ties)
  const spread = Float32Array.from([-2.3, -1.2, -0.4, 0.1, 0.45, 0.9, 1.6, 2.2]);
  for (const estimator of ESTIMATORS) {
    for (const distance of ['l1', 'l2'] as const) {
      for (const temperature of [1, 0.3]) {
        for (const lambda of [0, 0.1]) {
          it(`${estimator}, ${distance}, T = ${temperature}, lambda = ${lambda}`, () => {
            const config = configWith({ count: 8, estimator, distance, temperature, lambda, learningRate: 0.01 });
            const drawn = startTraining(config);
            for (const state of [drawn, { ...drawn, values: spread }]) {
              const reference = referenceOf(state, config, temperature);
              const expected = referenceGradients(reference);
              const actual = lossGradients(state, config);
              expectClose(actual.values, expected.values, 'dL/dy');
              expectClose(actual.centers, expected.centers, 'dL/dc');
              if (estimator === 'hard' || estimator === 'seedRound') {
                expect(actual.values.every((g) => g === 0)).toBe(true);
              }
              // trainSteps steps with exactly these gradients: y -= lr N dL/dy, c -= lr dL/dc when learnable
              const scale = Math.fround(config.learningRate * 8);
              const stepOf = (g: Float32Array, x: Float32Array, by: number) =>
                Array.from(x, (v, k) => Math.fround(v - Math.fround((g[k] as number) * by)));
              for (const learnCenters of [false, true]) {
                const next = trainStepsSync(state, { ...config, learnCenters }, 1);
                expect(Array.from(next.values)).toEqual(stepOf(actual.values, state.values, scale));
                const centers = learnCenters
                  ? stepOf(actual.centers, state.centers, Math.fround(config.learningRate))
                  : Array.from(state.centers);
                expect(Array.from(next.centers)).toEqual(centers);
              }
            }
          });
        }
      }
    }
  }

  it('the forward metrics and the symbol counts match the oracle', () => {
    for (const estimator of ESTIMATORS) {
      const config = configWith({ estimator, lambda: 0.3 });
      const state = startTraining(config);
      const expected = referenceObjective(referenceOf(state, config, 1));
      const [first] = state.history;
      expectClose(
        [first?.loss ?? NaN, first?.distortion ?? NaN, first?.rate ?? NaN],
        [expected.loss, expected.distortion, expected.rate],
        `${estimator} metrics`,
      );
      const cells = Array.from(state.values, (y) => nearestIndex(y, CENTERS, 'l1'));
      expect(Array.from(state.counts)).toEqual(CENTERS.map((_, j) => cells.filter((c) => c === j).length));
      if (estimator !== 'soft')
        expectClose(
          state.quantized,
          cells.map((j) => CENTERS[j] as number),
          'yhat',
        );
    }
  });

  it('annealing: step t uses T_t = max(T_min, T0 decay^t) in its loss and its gradient', () => {
    const config = configWith({ count: 8, schedule: 'anneal', temperature: 2, decay: 0.9, minTemperature: 0.5 });
    const run = trainStepsSync(startTraining(config), config, 20);
    run.history.forEach((m) => expect(m.temperature).toBeCloseTo(Math.max(0.5, 2 * 0.9 ** m.step), 12));
    const at = { ...run, step: 5 };
    expectClose(
      lossGradients(at, config).values,
      referenceGradients(referenceOf(at, config, 2 * 0.9 ** 5)).values,
      'T_5',
    );
  });
});

describe('a run', () => {
  const losses = (state: TrainingState) => state.history.map((m) => m.loss);

  it('is deterministic: the same seed gives bit-identical runs, another seed another run', () => {
    const config = configWith({ learnCenters: true });
    const first = trainStepsSync(startTraining(config), config, 100);
    const second = trainStepsSync(startTraining(config), config, 100);
    expect(second).toEqual(first);
    const other = trainStepsSync(startTraining({ ...config, seed: 2 }), { ...config, seed: 2 }, 100);
    expect(Array.from(other.targets)).not.toEqual(Array.from(first.targets));
    expect(Array.from(other.values)).not.toEqual(Array.from(first.values));
  });

  it('reads back asynchronously to the same bits, including a run that stops inside a batch', async () => {
    const config = configWith({ learnCenters: true });
    const start = startTraining(config);
    expect(await trainSteps(start, config, 40)).toEqual(trainStepsSync(start, config, 40));
    // the hard quantizer stops itself after ten still steps: the batch is re-run up to there
    const still = configWith({ estimator: 'hard' });
    const stopped = await trainSteps(startTraining(still), still, 50);
    expect(stopped.stopped?.kind).toBe('converged');
    expect(stopped).toEqual(trainStepsSync(startTraining(still), still, 50));
  });

  it('gives the same result however the steps are batched', () => {
    const config = configWith({ schedule: 'anneal', learnCenters: true });
    const start = startTraining(config);
    const whole = trainStepsSync(start, config, 60);
    const pieces = trainStepsSync(trainStepsSync(trainStepsSync(start, config, 1), config, 24), config, 35);
    expect(pieces).toEqual(whole);
    expect(start.step).toBe(0); // the input state is not changed
    expect(start.history).toHaveLength(1);
  });

  it('STE learns: its loss falls below half in 300 steps; soft and identity learn too', () => {
    for (const estimator of ['ste', 'soft', 'identity'] as const) {
      const config = configWith({ estimator });
      const run = trainStepsSync(startTraining(config), config, 300);
      expect(run.stopped, estimator).toBeNull();
      const first = run.history[0];
      const last = run.history[300];
      if (!first || !last) throw new Error('history must hold steps 0..300');
      expect(last.loss, estimator).toBeLessThan(0.5 * first.loss);
      expect(last.distortion, estimator).toBeLessThan(0.5 * first.distortion);
    }
  });

  it('hard and the seed round learn nothing and pause as converged after 10 steps', () => {
    for (const estimator of ['hard', 'seedRound'] as const) {
      const config = configWith({ estimator });
      const start = startTraining(config);
      const run = trainStepsSync(start, config, 50);
      expect(run.stopped).toEqual({ kind: 'converged', move: 1e-7, steps: 10 });
      expect(run.step).toBe(10);
      expect(run.history).toHaveLength(11);
      expect(Array.from(run.values)).toEqual(Array.from(start.values));
      expect(new Set(losses(run))).toEqual(new Set([start.history[0]?.loss]));
      // a paused run stays paused
      expect(trainStepsSync(run, config, 5)).toBe(run);
    }
  });

  it('the rate weight lambda trades distortion for entropy', () => {
    const after = (lambda: number) => {
      const config = configWith({ lambda });
      return trainStepsSync(startTraining(config), config, 300).history[300];
    };
    const [free, priced] = [after(0), after(0.3)];
    expect((free?.rate ?? 0) - (priced?.rate ?? 0)).toBeGreaterThan(0.3);
    expect(priced?.distortion).toBeGreaterThan(free?.distortion ?? Infinity);
  });

  it('learns the centers with learnCenters, keeps them otherwise', () => {
    for (const learnCenters of [false, true]) {
      const config = configWith({ learnCenters, distribution: 'bimodal' });
      const run = trainStepsSync(startTraining(config), config, 100);
      const moved = Math.max(...Array.from(run.centers, (c, j) => Math.abs(c - (CENTERS[j] as number))));
      if (learnCenters) expect(moved).toBeGreaterThan(0.01);
      else expect(moved).toBe(0);
    }
  });

  it('draws every distribution scaled to the centers and starts the values small', () => {
    for (const distribution of DISTRIBUTIONS) {
      const state = startTraining(configWith({ distribution, count: 4096, centers: [1, 3, 5, 9] }));
      const mean = (xs: Float32Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = (xs: Float32Array) => {
        const middle = mean(xs);
        return Math.sqrt(mean(xs.map((x) => (x - middle) ** 2)));
      };
      // span S = 8, midpoint 5: std S/4 = 2 (uniform: S / sqrt 12; bimodal: sqrt((S/4)^2 + (S/10)^2))
      const expectedStd = { normal: 2, laplace: 2, uniform: 8 / Math.sqrt(12), bimodal: Math.hypot(2, 0.8) }[
        distribution
      ];
      expect(mean(state.targets), distribution).toBeCloseTo(5, 0);
      expect(std(state.targets) / expectedStd, distribution).toBeCloseTo(1, 1);
      expect(mean(state.values)).toBeCloseTo(5, 1);
      expect(std(state.values)).toBeCloseTo(0.05 * 8, 1);
    }
  });
});

describe('auto-pause and limits', () => {
  it('pauses as diverged when the loss becomes NaN, at that step', () => {
    const config = configWith({ learningRate: 1e20, distance: 'l2' });
    const run = trainStepsSync(startTraining(config), config, 50);
    // the step it happens at depends on how float32 overflows in the soft assignment (the fused
    // kernel keeps the softmax finite a little longer than the unfused graph): the run must stop
    // exactly there, with the last finite state before it
    expect(run.stopped).toMatchObject({ kind: 'divergedLoss', loss: NaN });
    const at = run.stopped?.kind === 'divergedLoss' ? run.stopped.step : NaN;
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThan(10);
    expect(run.step).toBe(at);
    expect(run.history).toHaveLength(at + 1);
    expect(Number.isNaN(run.history[at]?.loss)).toBe(true);
    expect(run.history.slice(0, at).every((metrics) => Number.isFinite(metrics.loss))).toBe(true);
    const injected = {
      ...startTraining(configWith()),
      values: Float32Array.from({ length: 256 }, (_, i) => (i ? 0 : Infinity)),
    };
    expect(trainStepsSync(injected, configWith(), 5).stopped).toMatchObject({
      kind: expect.stringMatching(/^diverged/),
      step: 1,
    });
  });

  it(`stops at the step limit of ${MAX_TRAINING_STEPS}`, () => {
    const config = configWith({ count: 8 });
    const late = { ...startTraining(config), step: MAX_TRAINING_STEPS - 5 };
    const run = trainStepsSync(late, config, 20);
    expect(run.step).toBe(MAX_TRAINING_STEPS);
    expect(run.history.map((m) => m.step)).toEqual([0, 4996, 4997, 4998, 4999, 5000]);
    expect(run.stopped).toEqual({ kind: 'stepLimit', limit: MAX_TRAINING_STEPS });
  });

  it('leaves the tensor count flat', () => {
    const before = tf.memory().numTensors;
    for (const estimator of ESTIMATORS) {
      const config = configWith({ estimator, learnCenters: true, schedule: 'anneal' });
      const run = trainStepsSync(trainStepsSync(startTraining(config), config, 30), config, 7);
      lossGradients(run, config);
    }
    trainStepsSync(startTraining(configWith({ learningRate: 1e20, distance: 'l2' })), configWith(), 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad config, naming the rule and the value', () => {
    const bad: Array<[Partial<TrainingConfig>, RegExp]> = [
      [{ count: 0 }, /count must be an integer in 1\.\.4096, got 0/],
      [{ count: 4097 }, /got 4097/],
      [{ count: 2.5 }, /count .* got 2\.5/],
      [{ lambda: -1 }, /lambda must be finite and >= 0, got -1/],
      [{ lambda: Infinity }, /lambda .* got Infinity/],
      [{ learningRate: 0 }, /learning rate must be finite and > 0, got 0/],
      [{ learningRate: NaN }, /learning rate .* got NaN/],
      [{ temperature: 1e-4 }, /temperature must be in \[0\.001, 1000\], got 0\.0001/],
      [{ temperature: 2000 }, /temperature .* got 2000/],
      [{ minTemperature: 0 }, /minimum temperature .* got 0/],
      [{ decay: 1.5 }, /decay must be in \(0, 1\], got 1\.5/],
      [{ centers: [1] }, /at least 2 centers, got 1/],
      [{ centers: [0, NaN] }, /center 1 must be finite, got NaN/],
      [{ centers: [3, 3] }, /span a range > 0/],
      [{ seed: 1.5 }, /seed must be an integer, got 1\.5/],
      [{ estimator: 'magic' as never }, /estimator must be one of .*, got magic/],
      [{ distribution: 'cauchy' as never }, /distribution .* got cauchy/],
      [{ schedule: 'cosine' as never }, /schedule .* got cosine/],
      [{ distance: 'l3' as never }, /distance .* got l3/],
    ];
    for (const [change, message] of bad) expect(() => startTraining(configWith(change))).toThrow(message);
    const state = startTraining(configWith());
    expect(() => trainStepsSync(state, configWith(), -1)).toThrow(/steps must be an integer >= 0, got -1/);
    expect(() => trainStepsSync(state, configWith({ centers: [0, 1] }), 1)).toThrow(/5 centers but the config 2/);
  });
});
