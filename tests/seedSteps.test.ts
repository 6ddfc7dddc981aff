import { describe, expect, it } from 'vitest';
import { SEED_STEP_COUNT } from '../src/state/lesson';
import { differences, SEED_CODE, SEED_STEPS, softGradientClosedForm } from '../src/teach/seedSteps';
import { finiteDifferenceSoftGradient, referenceAssignments, type Distance } from './reference';
import { SEED } from './seed';

describe('the seed walkthrough', () => {
  it('quotes the seed code line by line, as the seed note prints it', () => {
    const lines = SEED.source.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(SEED_CODE).toEqual(lines.map((line) => line.replace(/\s+#.*$/, '')));
  });

  it('has one step per link, each pointing at real lines', () => {
    expect(SEED_STEPS).toHaveLength(SEED_STEP_COUNT);
    for (const step of SEED_STEPS) {
      expect(step.lines.length).toBeGreaterThan(0);
      for (const line of step.lines) expect(SEED_CODE[line]).toBeDefined();
    }
  });

  it("prints the seed's w_stack - centers", () => {
    expect(differences(SEED.inputs, SEED.centers)).toEqual(SEED.differences);
  });

  it('checks the autodiff gradient with a closed form that matches finite differences', () => {
    const centers = [-2, -1, 0, 1, 2];
    for (const distance of ['l1', 'l2'] as Distance[]) {
      for (const temperature of [0.3, 1, 4]) {
        for (const w of [-2.7, -1.3, -0.4, 0.2, 0.75, 1.6, 2.4]) {
          const row = referenceAssignments(w, centers, temperature, distance);
          const closed = softGradientClosedForm(w, row, centers, temperature, distance);
          const numeric = finiteDifferenceSoftGradient(w, centers, temperature, distance, 1e-6);
          expect(closed, `${distance} T=${temperature} w=${w}`).toBeCloseTo(numeric, 6);
        }
      }
    }
  });

  it("gives the seed's probes on a center sign(0) = 0, so w = -1 and w = 1 agree", () => {
    const row = (w: number) => referenceAssignments(w, SEED.centers, 1, 'l1');
    const left = softGradientClosedForm(-1, row(-1), SEED.centers, 1, 'l1');
    const right = softGradientClosedForm(1, row(1), SEED.centers, 1, 'l1');
    expect(left).toBeCloseTo(0.5806245, 6);
    expect(right).toBeCloseTo(left, 12);
  });
});
