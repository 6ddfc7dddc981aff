import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import type { Distance } from '../src/model/quantizer';
import { seededRandom } from '../src/model/random';
import { ALPHA_LIMITS, RELAXATIONS, type RelaxationParams } from '../src/model/relaxations';
import { closedFormSoftGradient, referenceHard } from './reference';
import { useCpuBackend } from './setup-cpu';
import { compareRelaxationsSync } from './blocking';

beforeAll(useCpuBackend);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs((actual[i] as number) - (expected[i] as number));
    expect(diff, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  }
}

/** Float64 soft rounding on the grid c_1 + Δ k, written from the paper's formula: clip(s_α(u)). */
function softRoundReference(w: number, centers: readonly number[], alpha: number): number {
  const first = centers[0] as number;
  const spacing = (centers[1] as number) - first;
  const u = (w - first) / spacing;
  const m = Math.floor(u) + 0.5;
  const s = m + Math.tanh(alpha * (u - m)) / (2 * Math.tanh(alpha / 2));
  return first + spacing * Math.min(Math.max(s, 0), centers.length - 1);
}

/** d/dw of the above: α (1 - tanh²(α r)) / (2 tanh(α/2)) inside [c_1, c_L], 0 outside. */
function softRoundGradientReference(w: number, centers: readonly number[], alpha: number): number {
  const first = centers[0] as number;
  if (w < first || w > (centers[centers.length - 1] as number)) return 0;
  const u = (w - first) / ((centers[1] as number) - first);
  const r = u - (Math.floor(u) + 0.5);
  return (alpha * (1 - Math.tanh(alpha * r) ** 2)) / (2 * Math.tanh(alpha / 2));
}

/** Centers, midpoints, generic interior points and points outside [c_1, c_L], as float32. */
function probePoints(centers: readonly number[]): number[] {
  const spacing = (centers[1] as number) - (centers[0] as number);
  const first = centers[0] as number;
  const last = centers[centers.length - 1] as number;
  const midpoints = centers.slice(1).map((c) => c - spacing / 2);
  const interior = [0.13, 0.37, 0.62, 0.91].map((t) => first + t * (last - first));
  const outside = [first - 3 * spacing, first - 0.3 * spacing, last + 0.7 * spacing, last + 5 * spacing];
  return [...centers, ...midpoints, ...interior, ...outside].map(Math.fround);
}

const base = { temperature: 1, distance: 'l1' as Distance, alpha: 4, noiseSeed: 7 };
const alphas = [0.1, 1, 4, 20];
const counts = [2, 4, 5];
const spacings = [0.5, 1, 2];

describe('soft rounding (Agustsson and Theis 2020) on the centers grid', () => {
  for (const alpha of alphas) {
    for (const count of counts) {
      for (const spacing of spacings) {
        it(`α = ${alpha}, L = ${count}, Δ = ${spacing}: value, gradient and finite differences`, () => {
          const centers = Array.from(makeCenters(count, spacing));
          const inputs = probePoints(centers);
          const result = compareRelaxationsSync({ ...base, inputs, centers, alpha });
          const expectedValues = inputs.map((w) => softRoundReference(w, centers, alpha));
          expectClose(result.values.softRound, expectedValues, 1e-5, 'value');
          // float32 error in r is amplified by s_α'' (up to ~0.2 α²)
          const tolerance = 1e-6 * (1 + alpha * alpha);
          const expectedGradients = inputs.map((w) => softRoundGradientReference(w, centers, alpha));
          expectClose(result.gradients.softRound, expectedGradients, tolerance, 'gradient vs closed form');
          // central differences straddle the clip's kinks at c_1 and c_L: leave those two out
          const step = 1e-6 * spacing;
          const first = centers[0] as number;
          const last = centers[count - 1] as number;
          inputs.forEach((w, i) => {
            if (Math.abs(w - first) < 2 * step || Math.abs(w - last) < 2 * step) return;
            const difference =
              (softRoundReference(w + step, centers, alpha) - softRoundReference(w - step, centers, alpha)) /
              (2 * step);
            const diff = Math.abs((result.gradients.softRound[i] as number) - difference);
            expect(diff, `finite difference at w = ${w}`).toBeLessThanOrEqual(tolerance);
          });
        });
      }
    }
  }

  it('is continuous at the cell edges: s_α(k) = k, so every center maps to itself', () => {
    for (const alpha of [ALPHA_LIMITS.min, ...alphas, ALPHA_LIMITS.max]) {
      const centers = Array.from(makeCenters(5, 0.5));
      const offsets = [-1e-4, 0, 1e-4];
      const inputs = centers.flatMap((c) => offsets.map((e) => c + e));
      const values = compareRelaxationsSync({ ...base, inputs, centers, alpha }).values.softRound;
      // the slope at an edge is α (1 - tanh²(α/2)) / (2 tanh(α/2)) <= 1: no jump on either side
      inputs.forEach((w, i) => {
        const center = centers[Math.floor(i / offsets.length)] as number;
        const distance = Math.abs((values[i] as number) - center);
        expect(distance, `α = ${alpha}, w = ${w}`).toBeLessThanOrEqual(Math.abs(w - center) + 1e-6);
      });
      expect(Array.from(values.filter((_, i) => i % offsets.length === 1))).toEqual(centers);
    }
  });

  it(`α = ${ALPHA_LIMITS.min} is close to the identity inside [c_1, c_L]`, () => {
    for (const spacing of spacings) {
      const centers = Array.from(makeCenters(4, spacing));
      const inputs = probePoints(centers).filter((w) => w >= (centers[0] as number) && w <= (centers[3] as number));
      const result = compareRelaxationsSync({ ...base, inputs, centers, alpha: ALPHA_LIMITS.min });
      expectClose(result.values.softRound, inputs, 1e-4 * spacing, 'value ≈ w');
      expectClose(
        result.gradients.softRound,
        inputs.map(() => 1),
        1e-3,
        'gradient ≈ 1',
      );
    }
  });

  it(`α = ${ALPHA_LIMITS.max} is within 1e-3 of the hard value away from the midpoints`, () => {
    for (const spacing of spacings) {
      const centers = Array.from(makeCenters(5, spacing));
      const first = centers[0] as number;
      // at least 0.1 Δ from every midpoint
      const inputs = probePoints(centers).filter((w) => {
        const u = (w - first) / spacing;
        return Math.abs(u - Math.floor(u) - 0.5) >= 0.1;
      });
      const result = compareRelaxationsSync({ ...base, inputs, centers, alpha: ALPHA_LIMITS.max });
      expectClose(
        result.values.softRound,
        inputs.map((w) => referenceHard(w, centers, 'l1')),
        1e-3,
        'value ≈ w_hard',
      );
    }
  });

  it("tfjs's floor has a zero gradient, so m = floor(u) + 1/2 is a constant for autodiff", () => {
    const g = tf.tidy(() =>
      tf
        .grad((x) => tf.floor(x))(tf.tensor1d([-1.5, 0, 0.3, 2]))
        .arraySync(),
    );
    expect(g).toEqual([0, 0, 0, 0]);
  });
});

describe('uniform noise (Ballé et al. 2017)', () => {
  for (const spacing of spacings) {
    it(`Δ = ${spacing}: w + u with u the seeded sample in [-Δ/2, Δ/2), gradient 1, band and mean`, () => {
      const centers = Array.from(makeCenters(4, spacing));
      const inputs = [...probePoints(centers), ...Array.from({ length: 200 }, (_, i) => Math.fround(i / 37 - 2.7))];
      const result = compareRelaxationsSync({ ...base, inputs, centers, noiseSeed: 42 });
      const random = seededRandom(42);
      const sample = inputs.map(() => (random() - 0.5) * spacing);
      inputs.forEach((w, i) => {
        const offset = (result.values.noise[i] as number) - w;
        expect(offset).toBeGreaterThanOrEqual(-spacing / 2);
        expect(offset).toBeLessThan(spacing / 2);
        expect(offset).toBeCloseTo(sample[i] as number, 5);
      });
      expect(Array.from(result.gradients.noise)).toEqual(inputs.map(() => 1));
      expectClose(
        result.noiseLow,
        inputs.map((w) => w - spacing / 2),
        1e-6,
        'noiseLow',
      );
      expectClose(
        result.noiseHigh,
        inputs.map((w) => w + spacing / 2),
        1e-6,
        'noiseHigh',
      );
      expect(Array.from(result.noiseMean)).toEqual(inputs);
    });
  }

  it('the same seed gives the same sample, another seed a different one', () => {
    const params: RelaxationParams = { ...base, inputs: [-1, 0, 0.25, 3], centers: [-1, 0, 1] };
    const first = compareRelaxationsSync(params).values.noise;
    expect(compareRelaxationsSync(params).values.noise).toEqual(first);
    expect(compareRelaxationsSync({ ...params, noiseSeed: 8 }).values.noise).not.toEqual(first);
  });

  it('is not clamped to the centers', () => {
    const result = compareRelaxationsSync({ ...base, inputs: [-10, 10], centers: [-1, 0, 1] });
    expect(result.values.noise[0]).toBeLessThan(-9);
    expect(result.values.noise[1]).toBeGreaterThan(9);
  });
});

describe('straight-through estimators: forward w_hard', () => {
  for (const distance of ['l1', 'l2'] as const) {
    for (const temperature of [0.3, 1]) {
      for (const count of counts) {
        it(`${distance}, T = ${temperature}, L = ${count}: ste gradient = d w_soft/dw, identity gradient = 1`, () => {
          const centers = Array.from(makeCenters(count, 1));
          const inputs = probePoints(centers);
          const result = compareRelaxationsSync({ ...base, inputs, centers, temperature, distance });
          const last = centers[count - 1] as number;
          const hard = inputs.map((w) => referenceHard(w, centers, distance));
          expectClose(result.values.ste, hard, 2e-6 * Math.max(1, last), 'ste forward');
          expectClose(result.values.identity, hard, 2e-6 * Math.max(1, Math.max(...inputs.map(Math.abs))), 'identity');
          const scale = (1 / temperature) * (distance === 'l2' ? last * last : last);
          const closedForm = inputs.map((w) => closedFormSoftGradient(w, centers, temperature, distance));
          expectClose(result.gradients.ste, closedForm, 1e-6 * Math.max(1, scale), 'ste gradient');
          expect(Array.from(result.gradients.identity)).toEqual(inputs.map(() => 1));
        });
      }
    }
  }
});

describe('the call as a whole', () => {
  it('returns N values and gradients per relaxation and leaves the tensor count flat', () => {
    const params: RelaxationParams = { ...base, inputs: [-2, -0.5, 0, 0.7, 3], centers: makeCenters(5, 1) };
    compareRelaxationsSync(params);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 50; k++) {
      const result = compareRelaxationsSync({ ...params, alpha: 0.1 + k, noiseSeed: k, distance: k % 2 ? 'l1' : 'l2' });
      for (const name of RELAXATIONS) {
        expect(result.values[name].length).toBe(5);
        expect(result.gradients[name].length).toBe(5);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad parameters with the rule and the value', () => {
    const params: RelaxationParams = { ...base, inputs: [0], centers: [-1, 0, 1] };
    expect(() => compareRelaxationsSync({ ...params, centers: [0] })).toThrow(/at least 2 centers, got 1/);
    expect(() => compareRelaxationsSync({ ...params, centers: [1, 0, -1] })).toThrow(/ascending, got center 1 = 0/);
    expect(() => compareRelaxationsSync({ ...params, centers: [0, 1, 3] })).toThrow(/evenly spaced.*got gap 1/);
    expect(() => compareRelaxationsSync({ ...params, alpha: 0.01 })).toThrow(/alpha must be in \[0.05, 50\], got 0.01/);
    expect(() => compareRelaxationsSync({ ...params, alpha: Number.NaN })).toThrow(/alpha.*got NaN/);
    expect(() => compareRelaxationsSync({ ...params, alpha: 51 })).toThrow(/got 51/);
    expect(() => compareRelaxationsSync({ ...params, temperature: 0 })).toThrow(/temperature must be in .*got 0/);
    expect(() => compareRelaxationsSync({ ...params, noiseSeed: 1.5 })).toThrow(
      /noise seed must be an integer, got 1.5/,
    );
    expect(() => compareRelaxationsSync({ ...params, inputs: [Number.NaN] })).toThrow(/input 0 must be finite/);
    // float32 centers with ulp-level unevenness are accepted
    expect(() => compareRelaxationsSync({ ...params, centers: makeCenters(64, 0.1) })).not.toThrow();
  });
});
