import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import {
  assignmentSummary,
  makeContext,
  nearestIndex,
  softAssign,
  type Distance,
  type Engine,
} from '../src/model/quantizer';
import { objectiveGradients } from '../src/model/trainingObjective';
import { SEED } from './seed';
import { quantizeBatchSync } from './blocking';

/**
 * The fused op against the reference graph on the current backend: forward p, w_soft and the
 * nearest index, and the gradient for w and for the centers under random upstream gradients on
 * both outputs. Shared by the cpu and wasm test files.
 */
export interface Case {
  inputs: number[];
  centers: number[];
  temperature: number;
  distance: Distance;
  /** upstream gradient for p [N * L] and for w_soft [N] */
  dp: number[];
  dsoft: number[];
}

function run(engine: Engine, c: Case) {
  return tf.tidy(() => {
    const q = makeContext(c.centers, c.temperature, c.distance, engine);
    const w = tf.tensor1d(c.inputs);
    const dp = tf.tensor2d(c.dp, [c.inputs.length, c.centers.length]);
    const dsoft = tf.tensor1d(c.dsoft);
    const f = (x: tf.Tensor, centers: tf.Tensor) => {
      const out = softAssign(x as tf.Tensor1D, { ...q, centers: centers as tf.Tensor1D });
      return tf.add(tf.sum(tf.mul(out.assignments, dp)), tf.sum(tf.mul(out.soft, dsoft)));
    };
    const { grads } = tf.valueAndGrads(f)([w, q.centers]);
    const out = softAssign(w, q);
    return {
      p: out.assignments.dataSync() as Float32Array,
      soft: out.soft.dataSync() as Float32Array,
      index: nearestIndex(w, q).dataSync() as Float32Array,
      dw: (grads[0] as tf.Tensor).dataSync() as Float32Array,
      dc: (grads[1] as tf.Tensor).dataSync() as Float32Array,
    };
  });
}

/**
 * Normwise relative error: max_i |a_i - b_i| <= rel * max(max_i |b_i|, termScale). Entry by
 * entry would ask tiny entries (w_soft = sum_j p_j c_j near 0 at T = 1e3; a gradient that cancels
 * to ~0 far from the centers) for more digits than float32 sums of larger terms hold; neither
 * path has them (both are float32). termScale is the size of those terms: max|c| for w_soft,
 * sigma max|c| times the upstream gradient for the derivatives.
 */
export function expectRelative(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  what: string,
  /** the largest term of the sums behind the entries, when it exceeds the entries (cancellation) */
  termScale = 0,
) {
  expect(actual.length, what).toBe(expected.length);
  let scale = termScale;
  let worst = 0;
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const b = expected[i] as number;
    expect(Number.isFinite(a), `${what}[${i}] = ${a}`).toBe(Number.isFinite(b));
    scale = Math.max(scale, Math.abs(b));
    if (Math.abs(a - b) > worst) {
      worst = Math.abs(a - b);
      at = i;
    }
  }
  worstSeen.value = Math.max(worstSeen.value, scale > 0 ? worst / scale : 0);
  expect(
    worst,
    `${what}[${at}]: fused ${actual[at]} vs reference ${expected[at]} (scale ${scale})`,
  ).toBeLessThanOrEqual(rel * scale);
}

/**
 * Gradients are sums of O(sigma c) terms that cancel (far from the centers the L1 gradient is
 * exactly 0): there the reference graph's own float32 error reaches about 4e-6 of the scale
 * (l1, T = 0.3, w = -20: reference 4.6e-6, fused -4.0e-7, exact 0). Values are held to `rel`,
 * gradients to 10 rel.
 */
export const GRADIENT_SLACK = 10;

/** The largest normwise relative difference met so far (for the report). */
export const worstSeen = { value: 0 };

const largest = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function expectEngineEqual(c: Case, rel: number): void {
  const fused = run('fused', c);
  const reference = run('reference', c);
  const maxC = largest(c.centers);
  // the sums behind dw and dc: sigma d' times the upstream gradient, and dc's direct term dsoft p
  const gradientTerms = (maxC / c.temperature) * (largest(c.dp) + largest(c.dsoft) * maxC) + largest(c.dsoft);
  // p and w_soft carry the float32 rounding of the softmax's exponents, O(ulp(sigma d)): at
  // T = 1e-3 an argument of 370 is rounded to 3e-5, and the two paths round it differently
  // (seen: p 0.7429655 vs 0.7429640, 1.5e-6 apart); at moderate T they agree to 1e-7
  const exponentSlack = c.temperature < 0.01 ? 8 : 1;
  expectRelative(fused.p, reference.p, rel * exponentSlack, 'p');
  expectRelative(fused.soft, reference.soft, rel * 4 * exponentSlack, 'w_soft', maxC);
  expect(Array.from(fused.index), 'nearest index').toEqual(Array.from(reference.index));
  expectRelative(fused.dw, reference.dw, rel * GRADIENT_SLACK, 'dL/dw', gradientTerms);
  expectRelative(fused.dc, reference.dc, rel * GRADIENT_SLACK, 'dL/dc', gradientTerms);
}

/**
 * The image lab's summary kernel against the reference graph: w_soft, w_hard, the first nearest
 * index and the entropy in bits, forward only. `order` reorders the centers (the kernel chains
 * exps along ascending l1 centers and loops directly otherwise): as given, reversed, or with a
 * duplicate.
 */
export function expectSummaryEqual(
  c: Case,
  rel: number,
  order: 'given' | 'reversed' | 'duplicate' = 'given',
  /** 'index': compare w_hard and the index only (where float32 exponents cannot resolve p) */
  fields: 'all' | 'index' = 'all',
): void {
  const centers =
    order === 'reversed'
      ? [...c.centers].reverse()
      : order === 'duplicate'
        ? [...c.centers, c.centers[0] as number]
        : c.centers;
  const of = (engine: Engine) =>
    tf.tidy(() => {
      const q = makeContext(centers, c.temperature, c.distance, engine);
      return assignmentSummary(tf.tensor1d(c.inputs), q).arraySync() as number[][];
    });
  const [soft, hard, index, entropy] = of('fused');
  const reference = of('reference');
  const exponentSlack = c.temperature < 0.01 ? 8 : 1;
  const what = `${c.distance} T=${c.temperature} L=${centers.length} ${order}`;
  expect(hard, `${what} w_hard`).toEqual(reference[1]);
  expect(index, `${what} index`).toEqual(reference[2]);
  if (fields === 'index') return;
  expectRelative(
    soft as number[],
    reference[0] as number[],
    rel * 4 * exponentSlack,
    `${what} w_soft`,
    largest(centers),
  );
  // bits: held against the largest entropy possible, log2 L
  const maxBits = Math.log2(centers.length);
  expectRelative(entropy as number[], reference[3] as number[], rel * 4 * exponentSlack, `${what} entropy`, maxBits);
}

const float = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Random cases, with inputs on centers (kinks) and midway between them (ties) mixed in. */
export const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    count: fc.integer({ min: 2, max: 64 }),
    spacing: fc.constantFrom(0.25, 0.5, 1, 2),
    temperature: fc.oneof(
      fc.constantFrom(1e-3, 1e3, 1, 0.05),
      float(-3, 3).map((e) => 10 ** e),
    ),
    distance: fc.constantFrom<Distance>('l1', 'l2'),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    n: fc.integer({ min: 1, max: 24 }),
  })
  .map(({ count, spacing, temperature, distance, seed, n }) => {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const centers = Array.from(makeCenters(count, spacing));
    const half = ((count - 1) / 2) * spacing;
    const inputs = Array.from({ length: n }, (_, i) => {
      const j = Math.floor(random() * count);
      if (i % 3 === 0) return centers[j] as number; // a kink
      if (i % 3 === 1) return (centers[j] as number) + spacing / 2; // a tie (dyadic spacing: exact)
      return (random() * 2 - 1) * (half + 2 * spacing);
    });
    return {
      inputs,
      centers,
      temperature,
      distance,
      dp: Array.from({ length: n * count }, () => random() * 2 - 1),
      dsoft: Array.from({ length: n }, () => random() * 2 - 1),
    };
  });

/** The whole app-facing surface under both engines: every field of a batch, and the objective. */
export function expectBatchesEqual(rel: number): void {
  for (const distance of ['l1', 'l2'] as const) {
    for (const temperature of [1e-3, 0.3, 1, 1e3]) {
      const centers = makeCenters(64, 0.5);
      const batch = (engine: Engine) =>
        quantizeBatchSync({
          centers,
          temperature,
          distance,
          sets: [
            { inputs: SEED.inputs, target: 0.3 },
            { inputs: Array.from({ length: 97 }, (_, i) => -20 + i * 0.41) },
          ],
          engine,
        });
      const fused = batch('fused');
      const reference = batch('reference');
      fused.forEach((result, k) => {
        const other = reference[k];
        if (!other) throw new Error('missing set');
        const what = `${distance} T=${temperature} set ${k}`;
        const maxC = largest(centers);
        const gradientTerms = (maxC / temperature) * maxC;
        expectRelative(result.assignments, other.assignments, rel, `${what} p`);
        expect(Array.from(result.nearestIndex), what).toEqual(Array.from(other.nearestIndex));
        for (const name of Object.keys(result.values) as Array<keyof typeof result.values>) {
          expectRelative(result.values[name], other.values[name], rel, `${what} value ${name}`, maxC);
          const grad = `${what} grad ${name}`;
          expectRelative(result.gradients[name], other.gradients[name], rel * GRADIENT_SLACK, grad, gradientTerms);
          if (result.lossGradients && other.lossGradients) {
            const loss = `${what} loss ${name}`;
            expectRelative(
              result.lossGradients[name],
              other.lossGradients[name],
              rel * GRADIENT_SLACK,
              loss,
              gradientTerms,
            );
          }
        }
      });
    }
  }
}

/** The training objective's gradients, for values and learned centers, under both engines. */
export function expectObjectiveEqual(rel: number): void {
  const values = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7) * 2.5);
  const targets = Array.from({ length: 40 }, (_, i) => Math.cos(i * 0.9) * 2);
  for (const estimator of ['soft', 'ste', 'hard', 'seedRound', 'identity'] as const) {
    for (const distance of ['l1', 'l2'] as const) {
      const of = (engine: Engine) =>
        tf.tidy(() => {
          const g = objectiveGradients(tf.tensor1d(values), tf.tensor1d(makeCenters(5, 1.1)), tf.tensor1d(targets), {
            estimator,
            distance,
            sigma: 1 / 0.4,
            lambda: 0.2,
            engine,
          });
          return [g.terms, g.valueGradient, g.centerGradient].map((t) => t.dataSync() as Float32Array);
        });
      const fused = of('fused');
      const reference = of('reference');
      ['terms', 'dL/dy', 'dL/dc'].forEach((name, k) =>
        expectRelative(
          fused[k] as Float32Array,
          reference[k] as Float32Array,
          k === 0 ? rel : rel * GRADIENT_SLACK,
          `${estimator} ${distance} ${name}`,
        ),
      );
    }
  }
}

/**
 * The summary kernel's tests for one backend (tests/kernels.test.ts on cpu, kernelsWasm.test.ts
 * on wasm): random cases in any center order, 4,000 values at T from 1e-3 to 1e3, and |w| = 1e6.
 */
export function describeSummaryEquality(backend: string, rel: number, numRuns: number): void {
  describe(`the image lab's summary kernel equals the reference graph on the ${backend} backend`, () => {
    it('on random parameters with ties, kinks, T from 1e-3 to 1e3, L up to 64, any center order', () => {
      fc.assert(
        fc.property(caseArbitrary, fc.constantFrom('given', 'reversed', 'duplicate' as const), (c, order) =>
          expectSummaryEqual(c, rel, order),
        ),
        { numRuns, seed: 20261129 },
      );
    });
    it('on 4,000 values over and beyond five centers, l1 and l2, T from 1e-3 to 1e3', () => {
      const inputs = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 4000) / 500 - 4);
      for (const distance of ['l1', 'l2'] as const)
        for (const temperature of [1e-3, 0.05, 0.5, 1, 30, 1e3])
          expectSummaryEqual({ inputs, centers: [-2, -1, 0, 1, 2], temperature, distance, dp: [], dsoft: [] }, rel);
    });
    it('at |w| = 1e6 with L = 64, and where float32 distances tie', () => {
      const inputs = [-1e6, 1e6, 0, 0.315, 31.5, 1e5 + 0.005];
      const of = (spacing: number, distance: 'l1' | 'l2') => ({
        inputs,
        centers: Array.from(makeCenters(64, spacing)),
        temperature: 1e-3,
        distance,
        dp: [],
        dsoft: [],
      });
      for (const distance of ['l1', 'l2'] as const) {
        expectSummaryEqual(of(1, distance), rel);
        // 0.01 apart, 1e6 away: float32 rounds the distances into ties (to the lower index) and
        // the exponents beyond resolving p, so only the index and w_hard are compared
        expectSummaryEqual(of(0.01, distance), rel, 'given', 'index');
      }
    });
  });
}
