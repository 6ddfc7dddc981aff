import { line, scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { gridPath } from '../src/viz/gridPath';

const inputs = Float32Array.from([-1, 0, 1]);
const x = scaleLinear([-1, 1], [0, 200]);
const y = scaleLinear([-1, 1], [100, 0]);

describe('gridPath', () => {
  it('draws values over inputs through the scales', () => {
    expect(gridPath('a', inputs, Float32Array.from([-1, 0, 1]), x, y)).toBe('M0,100L100,50L200,0');
    const points: Array<[number, number]> = [
      [x(-1), y(0.5)],
      [x(0), y(0.25)],
      [x(1), y(-1)],
    ];
    expect(gridPath('b', inputs, Float32Array.from([0.5, 0.25, -1]), x, y)).toBe(line()(points));
  });

  it('redraws a curve only when its numbers or its scales change', () => {
    const first = gridPath('c', inputs, Float32Array.from([0, 0, 0]), x, y);
    // new arrays with the same numbers: the same path, not rebuilt
    expect(gridPath('c', Float32Array.from(inputs), Float32Array.from([0, 0, 0]), x, y)).toBe(first);
    expect(gridPath('c', inputs, Float32Array.from([0, 0, 1]), x, y)).toBe('M0,50L100,50L200,0');
    expect(gridPath('c', inputs, Float32Array.from([0, 0, 1]), x, scaleLinear([-1, 1], [50, 0]))).toBe(
      'M0,25L100,25L200,0',
    );
    expect(gridPath('c', Float32Array.from([-1, 0, 0.5]), Float32Array.from([0, 0, 1]), x, y)).toBe(
      'M0,50L100,50L150,0',
    );
    // another curve's key does not see this one's path
    expect(gridPath('d', inputs, Float32Array.from([0, 0, 1]), x, y)).toBe('M0,50L100,50L200,0');
  });
});
