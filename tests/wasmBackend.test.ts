import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import { makeGrid } from '../src/model/grid';
import type { QuantizerResult } from '../src/model/quantizer';
import { quantizeSync } from './quantizerHelpers';
import { ESTIMATORS } from '../src/model/estimators';

// wasm is the backend the app picks where WebGL is software-rendered; it runs in node too.
beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  // setBackend resolves false where wasm fails to start: the tests would then compare cpu with cpu
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.setBackend('cpu');
});
afterAll(() => tf.setBackend('cpu'));

async function on(backend: 'cpu' | 'wasm', run: () => QuantizerResult): Promise<QuantizerResult> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  return run();
}

/** tf.round: half to even (and 0 for -0, so that toEqual compares values) */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x) + 0;
  return (floor % 2 === 0 ? floor : floor + 1) + 0;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - (b[i] as number))), 0);
}

describe('the wasm backend gives the cpu backend’s numbers', () => {
  for (const distance of ['l1', 'l2'] as const) {
    for (const [count, temperature] of [
      [5, 1],
      [4, 0.05],
      [32, 0.5],
    ] as const) {
      it(`${distance}, L = ${count}, T = ${temperature}, on a grid through every tie`, async () => {
        // 0.25-steps land on centers and on the midpoints between them (exact ties)
        const inputs = makeGrid(-count, count, 8 * count + 1);
        const params = { inputs, centers: makeCenters(count, 1), temperature, distance, target: 0.3 };
        const cpu = await on('cpu', () => quantizeSync(params));
        const wasm = await on('wasm', () => quantizeSync(params));
        expect(maxDifference(wasm.assignments, cpu.assignments)).toBeLessThan(1e-6);
        // w_hard is a center: the same one, ties included
        expect(Array.from(wasm.values.hard)).toEqual(Array.from(cpu.values.hard));
        for (const name of ESTIMATORS) {
          // w_soft + (w_hard - w_soft) is w_hard up to float32 rounding (it need not be exact, so
          // the seed's round of it is checked against each backend's own w_bar below)
          if (name !== 'seedRound') expect(maxDifference(wasm.values[name], cpu.values[name]), name).toBeLessThan(1e-5);
          expect(maxDifference(wasm.gradients[name], cpu.gradients[name]), name).toBeLessThan(1e-4);
        }
        for (const result of [cpu, wasm]) {
          expect(Array.from(result.values.seedRound, (x) => x + 0)).toEqual(
            Array.from(result.values.ste, roundHalfEven),
          );
        }
      });
    }
  }
});
