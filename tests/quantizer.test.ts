import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import type { Distance } from '../src/model/quantizer';
import { quantizeSync } from './quantizerHelpers';
import {
  closedFormSoftGradient,
  finiteDifferenceSoftGradient,
  referenceAssignments,
  referenceHard,
  referenceSoft,
} from './reference';
import { SEED } from './seed';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

const seedRun = () =>
  quantizeSync({ inputs: SEED.inputs, centers: SEED.centers, temperature: SEED.temperature, distance: 'l1' });

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs((actual[i] as number) - (expected[i] as number));
    expect(diff, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  }
}

describe('centers', () => {
  it('L = 5, spacing 1 is exactly the seed range -2..2', () => {
    expect(Array.from(makeCenters(5, 1))).toEqual([-2, -1, 0, 1, 2]);
  });
  it('even L gives non-integer centers symmetric about 0', () => {
    expect(Array.from(makeCenters(4, 1))).toEqual([-1.5, -0.5, 0.5, 1.5]);
    expect(Array.from(makeCenters(2, 0.5))).toEqual([-0.25, 0.25]);
  });
  it('rejects counts and spacings outside the rule, naming the value', () => {
    expect(() => makeCenters(0, 1)).toThrow(/1\.\.64, got 0/);
    expect(() => makeCenters(65, 1)).toThrow(/got 65/);
    expect(() => makeCenters(2.5, 1)).toThrow(/integer/);
    expect(() => makeCenters(5, 0)).toThrow(/spacing.*got 0/);
    expect(() => makeCenters(5, Number.NaN)).toThrow(/spacing/);
  });
});

describe("the seed's printed example (L = 5, T = 1, L1)", () => {
  it('soft assignments match smx to 1e-6', () => {
    const result = seedRun();
    expectClose(result.assignments, SEED.smx.flat(), 1e-6, 'smx');
  });
  it('w_soft, w_hard and w_bar match to 1e-6', () => {
    const result = seedRun();
    expectClose(result.values.soft, SEED.soft, 1e-6, 'w_soft');
    expectClose(result.values.hard, SEED.hard, 0, 'w_hard');
    expectClose(result.values.ste, SEED.bar, 1e-6, 'w_bar (STE forward)');
    expectClose(result.values.seedRound, SEED.bar, 0, 'round(w_bar)');
    expectClose(result.values.identity, SEED.hard, 1e-6, 'identity forward');
  });
  it('ties go to the lower index: -0.5 -> -1 and 0.5 -> 0', () => {
    const result = seedRun();
    expect(result.values.hard[1]).toBe(-1);
    expect(result.values.hard[3]).toBe(0);
  });
  it('the probes on centers, w = -1 and w = 1, get the same gradient 0.5806 (sign(0) = 0 at the kink)', () => {
    const result = seedRun();
    const expected = closedFormSoftGradient(-1, SEED.centers, 1, 'l1');
    expect(expected).toBeCloseTo(0.5806, 4);
    expect(result.gradients.ste[0]).toBeCloseTo(expected, 6);
    expect(result.gradients.ste[4]).toBeCloseTo(expected, 6);
  });
  it("tfjs's own abs gradient (-1 at 0) would make them disagree: 0.4668 vs 0.6945", () => {
    const c = tf.tensor1d(SEED.centers);
    const softWithTfjsAbs = (w: tf.Tensor) =>
      tf.sum(tf.mul(tf.softmax(tf.neg(tf.abs(tf.sub(tf.expandDims(w, 1), tf.expandDims(c, 0))))), c), 1);
    const g = tf
      .grad(softWithTfjsAbs)(tf.tensor1d([-1, 1]))
      .arraySync() as number[];
    expect(g[0]).toBeCloseTo(0.4668, 4);
    expect(g[1]).toBeCloseTo(0.6945, 4);
  });
});

describe('hard assignment with other centers', () => {
  it('is a gather, c[argmin d], not argmin + min(centers), for even L and uneven centers', () => {
    const centers = [-3, -0.2, 0.1, 4];
    // no exact ties here: with float32 centers a tie in decimal is not a tie in binary
    const inputs = [-10, -1.7, -1.5, -0.06, -0.04, 0, 1.9, 2.1, 9];
    const float32Centers = centers.map(Math.fround);
    for (const distance of ['l1', 'l2'] as const) {
      const result = quantizeSync({ inputs, centers, temperature: 1, distance });
      const expected = inputs.map((w) => referenceHard(w, float32Centers, distance));
      expectClose(result.values.hard, expected, 0, `hard ${distance}`);
      // the index the batch returns is the one the gather used
      expect(Array.from(result.nearestIndex, (j) => float32Centers[j])).toEqual(expected);
      // argmin + min(centers) would give an index shifted by -3, not a center
      expect(expected).toContain(Math.fround(-0.2));
    }
    const even = Array.from(makeCenters(4, 1));
    const result = quantizeSync({ inputs: [0, 1, -1, 1.2], centers: even, temperature: 1, distance: 'l1' });
    expect(Array.from(result.values.hard)).toEqual([-0.5, 0.5, -1.5, 1.5]);
  });
  it('ties go to the lower index of an unsorted list with repeats, for both distances', () => {
    // dyadic values: every distance below is exact in float32, so the ties are real ties
    const centers = [3, -1, 0.5, -1, 1, 0.25];
    const cases: Array<[number, number]> = [
      [2, 3], // |2 - 3| = |2 - 1|: index 0 beats index 4
      [0.75, 0.5], // |0.75 - 0.5| = |0.75 - 1|: index 2 beats index 4
      [0.375, 0.5], // |0.375 - 0.5| = |0.375 - 0.25|: index 2 beats index 5
      [-1, -1], // on the repeated center
      [-0.375, -1], // |-0.375 + 1| = |-0.375 - 0.25|: index 1 beats index 5
      [10, 3],
      [-10, -1],
    ];
    for (const distance of ['l1', 'l2'] as const) {
      const result = quantizeSync({ inputs: cases.map(([w]) => w), centers, temperature: 1, distance });
      expect(Array.from(result.values.hard), distance).toEqual(cases.map(([, hard]) => hard));
      expect(cases.map(([w]) => referenceHard(w, centers, distance))).toEqual(cases.map(([, hard]) => hard));
      // the batch's own index names the first of the tied centers: 0, 2, 2, 1 (not 3), 1, 0, 1
      expect(Array.from(result.nearestIndex), distance).toEqual([0, 2, 2, 1, 1, 0, 1]);
    }
  });
  it("the seed's round changes forward values when centers are not integers", () => {
    const result = quantizeSync({
      inputs: [-1.4, 0.2, 1.6],
      centers: makeCenters(4, 1),
      temperature: 1,
      distance: 'l1',
    });
    expect(Array.from(result.values.hard)).toEqual([-1.5, 0.5, 1.5]);
    // round half to even: -1.5 -> -2, 0.5 -> 0, 1.5 -> 2
    expect(Array.from(result.values.seedRound)).toEqual([-2, 0, 2]);
  });
});

describe('gradients from tfjs autodiff against closed forms and finite differences', () => {
  const temperatures = [0.01, 0.1, 1, 10];
  const counts = [2, 5, 8, 32];
  const distances: Distance[] = ['l1', 'l2'];
  for (const distance of distances) {
    for (const temperature of temperatures) {
      for (const count of counts) {
        it(`${distance}, T = ${temperature}, L = ${count}`, () => {
          const centers = Array.from(makeCenters(count, 1));
          const first = centers[0] as number;
          const last = centers[count - 1] as number;
          const middle = centers[Math.floor(count / 2)] as number;
          // on centers (kinks for L1), on a Voronoi boundary, off centers, outside the range
          const inputs = [first, middle, last, first + 0.5, 0.3, -0.77, last + 0.6, 0.123 * count, 0.001];
          const result = quantizeSync({ inputs, centers, temperature, distance });
          // float32 error grows with the size of the logits' derivative: sigma * spread (L1), sigma * spread^2 (L2)
          const scale = (1 / temperature) * (distance === 'l2' ? last * last : last);
          const tolerance = 1e-6 * scale;
          const closedForm = inputs.map((w) => closedFormSoftGradient(w, centers, temperature, distance));
          const finiteDifference = inputs.map((w) =>
            finiteDifferenceSoftGradient(w, centers, temperature, distance, 1e-6 * Math.min(temperature, 1)),
          );
          expectClose(result.gradients.soft, closedForm, tolerance, 'soft vs closed form');
          expectClose(result.gradients.soft, finiteDifference, tolerance, 'soft vs finite difference');
          expectClose(result.gradients.ste, closedForm, tolerance, 'ste vs closed form');
          expectClose(result.gradients.ste, finiteDifference, tolerance, 'ste vs finite difference');
          expect(Array.from(result.gradients.hard)).toEqual(inputs.map(() => 0));
          expect(Array.from(result.gradients.seedRound)).toEqual(inputs.map(() => 0));
          expect(Array.from(result.gradients.identity)).toEqual(inputs.map(() => 1));
          // forward values against the float64 reference
          expectClose(
            result.values.soft,
            inputs.map((w) => referenceSoft(w, centers, temperature, distance)),
            2e-6 * Math.max(1, last),
            'w_soft',
          );
          expectClose(
            result.values.hard,
            inputs.map((w) => referenceHard(w, centers, distance)),
            0,
            'w_hard',
          );
          expectClose(result.values.ste, result.values.hard, 2e-6 * Math.max(1, last), 'w_bar forward = w_hard');
          expectClose(
            result.assignments,
            inputs.flatMap((w) => referenceAssignments(w, centers, temperature, distance)),
            2e-6 * Math.max(1, scale / count),
            'assignments',
          );
        });
      }
    }
  }
  it('loss gradients of 1/2 (estimator - target)^2 follow the chain rule, from autodiff of the loss', () => {
    const target = 0.3;
    for (const distance of ['l1', 'l2'] as const) {
      const result = quantizeSync({ inputs: SEED.inputs, centers: SEED.centers, temperature: 0.7, distance, target });
      const loss = result.lossGradients;
      if (!loss) throw new Error('lossGradients missing with a target');
      SEED.inputs.forEach((w, i) => {
        const soft = referenceSoft(w, SEED.centers, 0.7, distance);
        const hard = referenceHard(w, SEED.centers, distance);
        const g = closedFormSoftGradient(w, SEED.centers, 0.7, distance);
        expect(loss.soft[i]).toBeCloseTo((soft - target) * g, 5);
        expect(loss.ste[i]).toBeCloseTo((hard - target) * g, 5);
        expect(loss.identity[i]).toBeCloseTo(hard - target, 6);
        expect(loss.hard[i]).toBe(0);
        expect(loss.seedRound[i]).toBe(0);
      });
    }
    expect(seedRun().lossGradients).toBeNull();
  });

  it('the STE gradient is not trivially zero or one where it matters', () => {
    const result = seedRun();
    for (const g of result.gradients.ste) expect(g > 0.5 && g < 0.9).toBe(true);
  });
});
