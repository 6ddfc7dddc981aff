import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import { ESTIMATORS } from '../src/model/estimators';
import { quantize, quantizeSync } from './quantizerHelpers';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

describe('resources and extremes', () => {
  it('leaves the tensor count flat over 500 updates', async () => {
    const before = tf.memory().numTensors;
    for (let k = 0; k < 500; k++) {
      const params = {
        inputs: [-1, -0.5, 0, 0.5, 1, 1.5, k / 100],
        centers: makeCenters(2 + (k % 7), 1),
        temperature: 0.01 + k / 50,
        distance: k % 2 ? ('l1' as const) : ('l2' as const),
      };
      if (k % 2) quantizeSync(params);
      else await quantize(params);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const distance of ['l1', 'l2'] as const) {
    for (const temperature of [1e-3, 1e3]) {
      for (const count of [2, 64]) {
        it(`outputs are finite at T = ${temperature}, L = ${count}, ${distance}, inputs up to +-1e6`, () => {
          const inputs = [-1e6, -123.4, -1, -0.5, 0, 1e-7, 0.5, 31.5, 1e6];
          const result = quantizeSync({ inputs, centers: makeCenters(count, 1), temperature, distance });
          expect(allFinite(result.assignments)).toBe(true);
          for (const name of ESTIMATORS) {
            expect(allFinite(result.values[name]), `${name} values`).toBe(true);
            expect(allFinite(result.gradients[name]), `${name} gradients`).toBe(true);
          }
          // each assignment row is a distribution
          for (let i = 0; i < inputs.length; i++) {
            const row = result.assignments.slice(i * count, (i + 1) * count);
            expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          }
        });
      }
    }
  }

  it('rejects bad parameters with the rule and the value', () => {
    const base = { inputs: [0], centers: [-1, 1], temperature: 1, distance: 'l1' as const };
    expect(() => quantizeSync({ ...base, temperature: 0 })).toThrow(/temperature must be in .*got 0/);
    expect(() => quantizeSync({ ...base, temperature: Number.NaN })).toThrow(/temperature/);
    expect(() => quantizeSync({ ...base, temperature: 1e4 })).toThrow(/got 10000/);
    expect(() => quantizeSync({ ...base, inputs: [0, Number.POSITIVE_INFINITY] })).toThrow(/input 1 must be finite/);
    expect(() => quantizeSync({ ...base, centers: [] })).toThrow(/1\.\.64 values, got 0/);
    expect(() => quantizeSync({ ...base, centers: [0, Number.NaN] })).toThrow(/center 1 must be finite/);
    expect(() => quantizeSync({ ...base, distance: 'l3' as never })).toThrow(/distance must be/);
  });
});
