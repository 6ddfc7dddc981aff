import { beforeAll, describe, expect, it } from 'vitest';
import { makeCenters } from '../src/model/centers';
import { quantizeSync } from './quantizerHelpers';
import { buildExport } from '../src/state/exportData';
import { defaultParams } from '../src/state/fields';
import { SEED } from './seed';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

describe('export data', () => {
  it('has the stable schema-1 shape with the seed numbers', () => {
    const params = defaultParams();
    const result = quantizeSync({
      inputs: params.probes,
      centers: makeCenters(5, 1),
      temperature: 1,
      distance: 'l1',
      target: 0.3,
    });
    const data = JSON.parse(JSON.stringify(buildExport(params, 'cpu', 'fused', result)));
    expect(Object.keys(data)).toEqual(['app', 'schema', 'params', 'lesson', 'backend', 'engine', 'centers', 'probes']);
    expect(data.lesson).toMatchObject({ step: 0, seedline: 'both', estimator: 'ste' });
    expect(data.params).toEqual({
      temperature: 1,
      centers: 5,
      spacing: 1,
      distance: 'l1',
      probes: SEED.inputs,
      range: [-3, 3],
      samples: 512,
      target: 0.3,
    });
    expect(data.centers).toEqual(SEED.centers);
    expect(Object.keys(data.probes[0])).toEqual(['w', 'hard', 'soft', 'bar', 'assignments', 'grad', 'lossGrad']);
    // the STE's loss gradient at w = -1: (w_hard - target) * dw_soft/dw = (-1 - 0.3) * 0.5806
    expect(data.probes[0].lossGrad.ste).toBeCloseTo(-1.3 * 0.5806245, 5);
    expect(Object.keys(data.probes[0].grad)).toEqual(['soft', 'ste', 'hard', 'seedRound', 'identity']);
    expect(data.probes[0].soft).toBeCloseTo(SEED.soft[0] as number, 6);
    expect(data.probes[5].assignments[4]).toBeCloseTo(SEED.smx[5]?.[4] as number, 6);
    expect(data.probes.map((p: { bar: number }) => p.bar)).toEqual(SEED.bar);
    expect(data.engine).toBe('fused');
    expect(buildExport(params, 'cpu', 'reference', result).engine).toBe('reference');
  });
});
