import { line, pathRound } from 'd3';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeView } from '../src/state/compute';
import { defaultLesson, defaultParams } from '../src/state/fields';
import { SEED_LINES, type SeedLine } from '../src/state/lesson';
import { CURVES, useAppStore, type CurveName, type ViewResult } from '../src/state/store';
import { legendCurves, visibleCurves, visibleLanes } from '../src/state/visibility';
import { arrowLayout, arrowMarks, type ArrowInput } from '../src/viz/arrowMarks';
import type { VectorMark } from '../src/viz/canvasMarks';
import { curveData, curveInput, curveMarks, curveScales, DIMMED_OPACITY, type CurveInput } from '../src/viz/curveMarks';
import { cutOffNote, steepestRelaxation } from '../src/viz/relaxationMarks';
import { SEED } from './seed';
import { closedFormSoftGradient } from './reference';
import { useCpuBackend } from './setup-cpu';
import { compareRelaxationsSync } from './blocking';

beforeAll(useCpuBackend);

const PLOT = { plotWidth: 600 };

/** The default view (the seed's example). */
const defaultView = () => computeView(defaultParams(), null);

/** What the curves are drawn from: a view, with nothing hidden or highlighted, both seed lines. */
function curves(view: ViewResult, changes: Partial<NonNullable<CurveInput>> = {}): CurveInput {
  return { ...curveData(view), hiddenCurves: {}, seedline: 'both', highlight: null, ...changes };
}

/** What the arrows are drawn from: a view, no probe hovered, both seed lines. */
function arrows(view: ViewResult, changes: Partial<ArrowInput> = {}): ArrowInput {
  return { probes: view.probes, params: view.params, hoveredProbe: null, seedline: 'both', ...changes };
}

/** Every subset of the curves, as `hiddenCurves` objects. */
const SUBSETS: Array<Partial<Record<CurveName, true>>> = Array.from({ length: 2 ** CURVES.length }, (_, bits) =>
  Object.fromEntries(CURVES.filter((_, k) => bits & (1 << k)).map((name) => [name, true] as const)),
);

/** The curve names drawn in one panel, from mark ids such as `value:soft` (risers count as w_hard). */
function drawnIn(marks: readonly VectorMark[], panel: 'value' | 'gradient'): CurveName[] {
  const names = marks
    .map((mark) => mark.id.split(':'))
    .filter(([p]) => p === panel)
    .map(([, name]) => (name === 'hard-riser' ? 'hard' : name) as CurveName);
  return [...new Set(names)].sort();
}

/** What the pitfall toggle promises (README, "The round pitfall"): written shows no w_bar, corrected no round line. */
const PITFALL_HIDES: Record<SeedLine, CurveName | null> = { both: null, written: 'bar', corrected: 'seedRound' };

describe('one visibility rule for the curves figure and its export', () => {
  it('every combination of legend toggles and seedline draws exactly the curves the rule allows, in both panels', async () => {
    const view = await defaultView();
    for (const seedline of SEED_LINES) {
      expect(legendCurves(seedline)).not.toContain(PITFALL_HIDES[seedline]);
      for (const hidden of SUBSETS) {
        const expected = CURVES.filter((name) => !hidden[name] && name !== PITFALL_HIDES[seedline]).sort();
        expect(visibleCurves(seedline, hidden).sort()).toEqual(expected);
        const marks = curveMarks(curves(view, { seedline, hiddenCurves: hidden }), PLOT) ?? [];
        const what = `seedline=${seedline}, hidden=${Object.keys(hidden).join(',')}`;
        expect(drawnIn(marks, 'value'), what).toEqual(expected);
        expect(drawnIn(marks, 'gradient'), what).toEqual(expected);
      }
    }
  });

  it('the arrows lose the STE lane as written and the seed-round lane when corrected', async () => {
    const view = await defaultView();
    const lanes = (seedline: SeedLine) => {
      const ids = (arrowMarks(arrows(view, { seedline }), PLOT) ?? []).map((m) => m.id);
      return [...new Set(ids.filter((id) => !id.startsWith('lane:')).map((id) => id.split(':')[1]))].sort();
    };
    expect(lanes('both')).toEqual(['hard', 'identity', 'seedRound', 'soft', 'ste']);
    expect(lanes('written')).toEqual(['hard', 'identity', 'seedRound', 'soft']);
    expect(lanes('corrected')).toEqual(['hard', 'identity', 'soft', 'ste']);
    expect(visibleLanes('written')).not.toContain('ste');
  });
});

describe('the marks trace the data', () => {
  it("w_soft's canvas path is d3's line through the grid", async () => {
    const view = await defaultView();
    const soft = curveMarks(curves(view), PLOT)?.find((mark) => mark.id === 'value:soft');
    const recorder = pathRound(3);
    soft?.trace(recorder);
    const { x, y } = curveScales(curveData(view), PLOT.plotWidth);
    const points = Array.from(view.gridInputs, (w, i): [number, number] => [
      x(w),
      y(view.grid.values.soft[i] as number),
    ]);
    expect(recorder.toString()).toBe(line()(points));
  });

  it('the arrows: at the seed probes the STE moves all six and hard and the round line pass nothing', async () => {
    const ids = (arrowMarks(arrows(await defaultView()), PLOT) ?? []).map((mark) => mark.id);
    const count = (pattern: RegExp) => ids.filter((id) => pattern.test(id)).length;
    expect(count(/^arrow:ste:\d+$/)).toBe(SEED.inputs.length);
    expect(count(/^no-gradient:hard:\d+$/)).toBe(SEED.inputs.length);
    expect(count(/^no-gradient:seedRound:\d+$/)).toBe(SEED.inputs.length);
  });

  it('a kept scale k holds across temperatures, so arrow lengths compare: each is k |dl/dw| in w', async () => {
    const warm = await defaultView();
    const cold = await computeView({ ...defaultParams(), temperature: 0.2 }, null);
    const kept = arrowLayout(warm, PLOT.plotWidth).step;
    // left to itself k follows the longest arrow, and changes with T (the seed's probes: 0.5 at T = 1)
    expect(kept).toBe(0.5);
    expect(arrowLayout(cold, PLOT.plotWidth).step).not.toBe(kept);
    expect(arrowLayout(cold, PLOT.plotWidth, kept).step).toBe(kept);
    // at T = 0.2 with the kept k, the STE's arrow at each probe spans k |dl/dw| of the axis
    const marks = arrowMarks(arrows(cold), { ...PLOT, fixedStep: kept }) ?? [];
    const [low, high] = cold.params.range;
    const pxPerUnit = PLOT.plotWidth / (high - low);
    /** The first point a mark's trace visits: the head's tip, or the tail circle's right edge. */
    const firstX = (id: string) => {
      const recorder = pathRound(6);
      marks.find((mark) => mark.id === id)?.trace(recorder);
      return Number(/^M([-\d.]+),/.exec(recorder.toString())?.[1]);
    };
    let compared = 0;
    cold.params.probes.forEach((w, i) => {
      const lossGradient = cold.probes.lossGradients!.ste[i] as number;
      const end = w - kept * lossGradient;
      if (lossGradient === 0 || end < low || end > high) return;
      const tail = marks.find((mark) => mark.id === `arrow:ste:${i}:tail`);
      expect(tail, `probe ${i}`).toBeDefined();
      // the tail is a circle: its trace starts on its rim, 2.5 px right of the centre
      const length = firstX(`arrow:ste:${i}:head`) - (firstX(`arrow:ste:${i}:tail`) - 2.5);
      expect(length, `probe ${i}`).toBeCloseTo(-kept * lossGradient * pxPerUnit, 3);
      compared++;
    });
    expect(compared).toBeGreaterThan(2);
  });

  it('a hovered probe thickens its marks in every lane', async () => {
    const marks = arrowMarks(arrows(await defaultView(), { hoveredProbe: 2 }), PLOT) ?? [];
    const active = marks.filter((mark) => mark.active).map((mark) => mark.id);
    expect(active.sort()).toEqual([
      'arrow:identity:2',
      'arrow:soft:2',
      'arrow:ste:2',
      'no-gradient:hard:2',
      'no-gradient:seedRound:2',
    ]);
  });
});

describe('linked highlighting on the canvas', () => {
  const highlighted = (marks: VectorMark[] | null) =>
    (marks ?? [])
      .filter((m) => m.highlighted)
      .map((m) => m.id)
      .sort();

  it('a hovered term highlights its curve in both panels, "gradient" only w_soft\'s derivative (and the STE\'s on it)', async () => {
    const view = await defaultView();
    expect(highlighted(curveMarks(curves(view, { highlight: 'soft' }), PLOT))).toEqual(['gradient:soft', 'value:soft']);
    expect(highlighted(curveMarks(curves(view, { highlight: 'gradient' }), PLOT))).toEqual([
      'gradient:bar',
      'gradient:soft',
    ]);
    expect(highlighted(curveMarks(curves(view), PLOT))).toEqual([]);
  });

  it('as written, the zero line is bold in the "no gradient" colour and the other derivatives are faint', async () => {
    const view = await defaultView();
    const byId = (marks: VectorMark[] | null) => new Map((marks ?? []).map((m) => [m.id, m]));
    const written = byId(curveMarks(curves(view, { seedline: 'written' }), PLOT));
    expect(written.get('axis:zero')).toMatchObject({ stroke: '--zero', width: 3 });
    for (const name of ['identity', 'hard', 'soft'])
      expect(written.get(`gradient:${name}`)?.opacity).toBe(DIMMED_OPACITY);
    expect(written.get('gradient:seedRound')?.opacity).toBeUndefined();
    // the value panel is untouched: the forward values are what the toggle does not change
    expect(written.get('value:soft')?.opacity).toBeUndefined();
    const both = byId(curveMarks(curves(view), PLOT));
    expect(both.get('axis:zero')).toMatchObject({ stroke: '--border', width: 1 });
    expect([...both.values()].filter((m) => m.opacity !== undefined)).toEqual([]);
  });

  it("the walkthrough's w_soft step (5) highlights w_soft without a hover (the store's selector)", async () => {
    const state = { ...useAppStore.getState(), view: await defaultView(), lesson: { ...defaultLesson(), step: 5 } };
    expect(highlighted(curveMarks(curveInput({ ...state, highlight: null }), PLOT))).toEqual([
      'gradient:soft',
      'value:soft',
    ]);
  });
});

describe('the relaxations figure names the curve it cuts off', () => {
  const centers = [-2, -1, 0, 1, 2];
  const midpoints = [-1.5, -0.5, 0.5, 1.5];
  const inputs = [-2.5, ...midpoints, 0, 0.25, 2.5];
  const run = (temperature: number, alpha: number) =>
    compareRelaxationsSync({ inputs, centers, temperature, distance: 'l1', alpha, noiseSeed: 7 });

  it('at a low temperature the soft-to-hard STE peaks highest, at its closed-form slope', () => {
    const temperature = 0.05;
    const { gradients } = run(temperature, 4);
    const closedForm = Math.max(...inputs.map((w) => closedFormSoftGradient(w, centers, temperature, 'l1')));
    const steepest = steepestRelaxation(gradients);
    expect(steepest.name).toBe('ste');
    expect(steepest.slope).toBeCloseTo(closedForm, 3);
    const note = cutOffNote(gradients, (value) => value.toFixed(1));
    expect(note).toBe(`soft-to-hard STE peaks at ${closedForm.toFixed(1)} (cut off)`);
    expect(note).not.toContain('soft rounding');
  });

  it('at a large α soft rounding peaks at α / (2 tanh(α/2)), and the note names it', () => {
    const alpha = 50;
    const { gradients } = run(1, alpha);
    const peak = alpha / (2 * Math.tanh(alpha / 2));
    expect(steepestRelaxation(gradients)).toEqual({ name: 'softRound', slope: expect.closeTo(peak, 4) as number });
    expect(cutOffNote(gradients, (value) => value.toFixed(1))).toBe(
      `soft rounding peaks at ${peak.toFixed(1)} (cut off)`,
    );
  });

  it('no note when every curve fits (the default view: T = 1, α = 4)', () => {
    expect(cutOffNote(run(1, 4).gradients, String)).toBeNull();
  });
});
