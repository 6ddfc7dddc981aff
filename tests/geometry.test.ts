import { describe, expect, it } from 'vitest';
import { arrowMark, arrowStepSize, voronoiCells } from '../src/viz/geometry';

/** The boundaries between the cells inside the domain. */
function voronoiBoundaries(centers: ArrayLike<number>, domain: readonly [number, number]): number[] {
  return voronoiCells(centers, domain)
    .slice(1)
    .map((cell) => cell.x0);
}

describe('Voronoi cells', () => {
  it("the seed's centers have boundaries at the half-integers", () => {
    expect(voronoiBoundaries([-2, -1, 0, 1, 2], [-3, 3])).toEqual([-1.5, -0.5, 0.5, 1.5]);
    const cells = voronoiCells([-2, -1, 0, 1, 2], [-3, 3]);
    expect(cells.map((c) => [c.center, c.x0, c.x1])).toEqual([
      [-2, -3, -1.5],
      [-1, -1.5, -0.5],
      [0, -0.5, 0.5],
      [1, 0.5, 1.5],
      [2, 1.5, 3],
    ]);
  });
  it('handles unsorted, repeated and uneven centers, and clips to the domain', () => {
    const cells = voronoiCells([1, -3, 1, 0.2], [-1, 5]);
    // -3's cell ends at -1.4, left of the domain: dropped; the repeated 1 keeps index 0
    expect(cells).toEqual([
      { index: 3, center: 0.2, x0: -1, x1: 0.6 },
      { index: 0, center: 1, x0: 0.6, x1: 5 },
    ]);
    expect(voronoiBoundaries([1, -3, 1, 0.2], [-1, 5])).toEqual([0.6]);
  });
});

describe('gradient arrows', () => {
  it('picks one round step size so that the longest arrow is at most a fifth of the axis', () => {
    expect(arrowStepSize(0.7, 6)).toBe(1); // 0.2 * 6 / 0.7 = 1.71 -> 1
    expect(arrowStepSize(0.1, 6)).toBe(10); // 12 -> 10
    expect(arrowStepSize(3, 6)).toBe(0.2); // 0.4 -> 0.2
    expect(arrowStepSize(0.024, 6)).toBe(50); // 50 -> 50
    expect(arrowStepSize(0, 6)).toBe(1);
    expect(arrowStepSize(Number.NaN, 6)).toBe(1);
    for (const m of [1e-6, 0.003, 0.7, 42, 1e5]) expect(arrowStepSize(m, 6) * m).toBeLessThanOrEqual(1.2 + 1e-12);
  });
  it('an arrow moves w against the loss gradient; zero gradients get a mark, not an arrow', () => {
    expect(arrowMark(1, 0.58, 0.406, 1)).toEqual({ kind: 'arrow', from: 1, to: 1 - 0.406 });
    expect(arrowMark(-1, 0.58, -0.75, 2)).toEqual({ kind: 'arrow', from: -1, to: 0.5 });
    expect(arrowMark(0.5, 0, 0, 1)).toEqual({ kind: 'no-gradient', at: 0.5 });
    expect(arrowMark(0.5, 0.8, 0, 1)).toEqual({ kind: 'at-target', at: 0.5 });
  });
});
