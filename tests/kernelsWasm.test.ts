import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { makeCenters } from '../src/model/centers';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  caseArbitrary,
  expectBatchesEqual,
  expectEngineEqual,
  expectObjectiveEqual,
  expectSummaryEqual,
} from './engineEquality';

// the wasm kernel loops over the wasm heap; the app picks wasm where WebGL is software-rendered
beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  await tf.setBackend('wasm');
  await tf.ready();
});
afterAll(() => tf.setBackend('cpu'));

const REL = 1e-6;

describe('the fused soft assignment equals the reference graph on the wasm backend', () => {
  it('on random parameters with ties, kinks, T from 1e-3 to 1e3 and L up to 64', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => expectEngineEqual(c, REL)),
      { numRuns: 100, seed: 20261128 },
    );
  });
  it("for every field of the app's batch", () => expectBatchesEqual(REL));
  it("for the training objective's gradients", () => expectObjectiveEqual(REL));
});

describe("the image lab's summary kernel equals the reference graph on the wasm backend", () => {
  it('on random parameters with ties, kinks, T from 1e-3 to 1e3, L up to 64, any center order', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.constantFrom('given', 'reversed', 'duplicate' as const), (c, order) =>
        expectSummaryEqual(c, REL, order),
      ),
      { numRuns: 100, seed: 20261129 },
    );
  });
  it('on 4,000 values over and beyond five centers, l1 and l2, T from 1e-3 to 1e3', () => {
    const inputs = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 4000) / 500 - 4);
    for (const distance of ['l1', 'l2'] as const)
      for (const temperature of [1e-3, 0.05, 0.5, 1, 30, 1e3])
        expectSummaryEqual({ inputs, centers: [-2, -1, 0, 1, 2], temperature, distance, dp: [], dsoft: [] }, REL);
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
      expectSummaryEqual(of(1, distance), REL);
      // 0.01 apart, 1e6 away: float32 rounds the distances into ties (to the lower index) and
      // the exponents beyond resolving p, so only the index and w_hard are compared
      expectSummaryEqual(of(0.01, distance), REL, 'given', 'index');
    }
  });
});
