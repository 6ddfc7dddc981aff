import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expNegative } from '../src/model/kernels/loops';
import { makeCenters } from '../src/model/centers';
import {
  caseArbitrary,
  expectBatchesEqual,
  expectEngineEqual,
  expectObjectiveEqual,
  describeSummaryEquality,
} from './engineEquality';
import { SEED } from './seed';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

// the brief's bar for cpu and wasm: the fused op equals the reference graph to 1e-6 relative
const REL = 1e-6;

describe('the fused soft assignment equals the reference graph on the cpu backend', () => {
  it("on the seed's example, forward and backward", () => {
    expectEngineEqual(
      {
        inputs: [...SEED.inputs],
        centers: [...SEED.centers],
        temperature: 1,
        distance: 'l1',
        dp: Array.from({ length: 30 }, (_, i) => Math.sin(i)),
        dsoft: Array.from({ length: 6 }, (_, i) => Math.cos(i)),
      },
      REL,
    );
  });
  it('on random parameters with ties, kinks, T from 1e-3 to 1e3 and L up to 64', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => expectEngineEqual(c, REL)),
      { numRuns: 150, seed: 20261128 },
    );
  });
  it('at |w| = 1e6 and L = 64', () => {
    const centers = Array.from(makeCenters(64, 1));
    expectEngineEqual(
      {
        inputs: [-1e6, 1e6, 0, 31.5],
        centers,
        temperature: 1e-3,
        distance: 'l2',
        dp: Array.from({ length: 4 * 64 }, (_, i) => ((i * 7) % 5) - 2),
        dsoft: [1, -1, 0.5, 2],
      },
      REL,
    );
  });
  it("for every field of the app's batch", () => expectBatchesEqual(REL));
  it("for the training objective's gradients, values and learned centers", () => expectObjectiveEqual(REL));
});

describeSummaryEquality('cpu', REL, 150);

describe("the summary kernel's exponential", () => {
  it('equals Math.exp to 1e-10 relative from -104 to 0 (float32 steps by 6e-8)', () => {
    let worst = 0;
    for (let k = 0; k <= 1_000_000; k++) {
      const x = -104 * (k / 1_000_000) ** 2; // dense near 0, where the chain's far terms sit
      worst = Math.max(worst, Math.abs(expNegative(x) / Math.exp(x) - 1));
    }
    expect(worst).toBeLessThan(1e-10);
  });
});
