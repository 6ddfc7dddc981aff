import * as tf from '@tensorflow/tfjs-core';
import { englishMessage } from '../src/i18n/messageText';
import { beforeAll, describe, expect, it } from 'vitest';
import { cappedSamples, float32Spacing, GRID_ELEMENT_BUDGET } from '../src/model/grid';
import { ESTIMATORS } from '../src/model/estimators';
import { computeView, gridNote } from '../src/state/compute';
import { defaultParams } from '../src/state/fields';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

const allFinite = (values: ArrayLike<number>) => Array.from(values).every(Number.isFinite);

describe('extreme views', () => {
  it('caps large grids to the work budget and the canvas width', () => {
    expect(cappedSamples(512, 5)).toBe(512);
    expect(cappedSamples(1_048_576, 5)).toBe(16_384);
    expect(cappedSamples(1_048_576, 64)).toBe(GRID_ELEMENT_BUDGET / 64);
    expect(cappedSamples(4096, 64)).toBe(4096);
  });

  it('knows float32 spacing', () => {
    expect(float32Spacing(1)).toBe(2 ** -23);
    expect(float32Spacing(1e5)).toBe(2 ** (16 - 23));
    expect(Math.fround(1e5 + float32Spacing(1e5))).not.toBe(Math.fround(1e5));
    expect(Math.fround(1e5 + float32Spacing(1e5) / 4)).toBe(Math.fround(1e5));
  });

  it('1,048,576 samples at L = 64, T = 1e-3, probes at +-1e6 over a 2e6-wide range: capped, finite, and said', async () => {
    const params = {
      ...defaultParams(),
      samples: 1_048_576,
      centerCount: 64,
      temperature: 1e-3,
      probes: [-1e6, -0.5, 0, 1e6],
      range: [-1e6, 1e6] as [number, number],
    };
    const before = tf.memory().numTensors;
    const view = await computeView(params, null);
    expect(tf.memory().numTensors).toBe(before);
    expect(view.grid.inputCount).toBe(8192);
    expect(englishMessage(view.gridNote!)).toBe(
      'grid capped at 8,192 of 1,048,576 samples (samples × centers ≤ 524,288, at most 16,384 columns)',
    );
    for (const result of [view.grid, view.probes]) {
      expect(allFinite(result.assignments)).toBe(true);
      for (const name of ESTIMATORS) {
        expect(allFinite(result.values[name]), name).toBe(true);
        expect(allFinite(result.gradients[name]), name).toBe(true);
      }
    }
    expect(view.probes.values.hard[0]).toBe(-31.5);
    expect(view.probes.values.hard[3]).toBe(31.5);
  });

  it('a range 1e-6 wide is computed near 0 and flagged where float32 cannot resolve it', () => {
    expect(gridNote({ ...defaultParams(), range: [-5e-7, 5e-7] }, 512)).toBeNull();
    const fine = gridNote({ ...defaultParams(), range: [1e5, 1e5 + 1e-6] }, 512);
    expect(englishMessage(fine!)).toMatch(/finer than float32/);
  });
});
