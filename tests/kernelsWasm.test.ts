import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseArbitrary,
  expectBatchesEqual,
  expectEngineEqual,
  expectObjectiveEqual,
  describeSummaryEquality,
} from './engineEquality';

// the wasm kernel loops over the wasm heap; the app picks wasm where WebGL is software-rendered
beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  // setBackend resolves false where wasm fails to start: these tests would then compare cpu with cpu
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe('wasm');
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

describeSummaryEquality('wasm', REL, 100);
