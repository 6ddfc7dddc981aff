/**
 * The subbands of a wavelet plane in coding order (coarsest first: LL, then HL, LH, HH of each
 * level from the coarsest to the finest), with their places in the Mallat layout, their parents
 * (the same orientation one level coarser) and their synthesis gains.
 */

import { inverseWavelet, levelRegions, type LevelRegion } from './wavelet';

export const ORIENTATIONS = ['LL', 'HL', 'LH', 'HH'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export interface Subband {
  /** position in coding order (0 is LL) */
  index: number;
  /** 1 = finest ... levels = coarsest; LL has the coarsest level */
  level: number;
  orientation: Orientation;
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** the subband one level coarser with the same orientation; -1 for LL and the coarsest details */
  parent: number;
}

/** The subbands of a width x height plane after `levels` levels (1 + 3 levels of them). */
export function subbands(width: number, height: number, levels: number): Subband[] {
  const regions = levelRegions(width, height, levels);
  if (levels === 0) {
    return [{ index: 0, level: 0, orientation: 'LL', x0: 0, y0: 0, width, height, parent: -1 }];
  }
  const coarsest = regions[levels - 1] as LevelRegion;
  const bands: Subband[] = [
    {
      index: 0,
      level: levels,
      orientation: 'LL',
      x0: 0,
      y0: 0,
      width: coarsest.lowWidth,
      height: coarsest.lowHeight,
      parent: -1,
    },
  ];
  for (let level = levels; level >= 1; level--) {
    const r = regions[level - 1] as LevelRegion;
    const highWidth = r.width - r.lowWidth;
    const highHeight = r.height - r.lowHeight;
    const places: [Orientation, number, number, number, number][] = [
      ['HL', r.lowWidth, 0, highWidth, r.lowHeight],
      ['LH', 0, r.lowHeight, r.lowWidth, highHeight],
      ['HH', r.lowWidth, r.lowHeight, highWidth, highHeight],
    ];
    places.forEach(([orientation, x0, y0, w, h]) => {
      const index = bands.length;
      const parent = level === levels ? -1 : index - 3;
      bands.push({ index, level, orientation, x0, y0, width: w, height: h, parent });
    });
  }
  return bands;
}

const gainCache = new Map<number, Float64Array>();

/**
 * Per subband, the energy (sum of squares) of the image that a unit coefficient in its middle
 * synthesises: how much a squared error there costs in pixels. Measured on a 256 x 256 probe
 * with the same number of levels (the encoder's weights; the decoder never needs them).
 */
export function synthesisGains(levels: number): Float64Array {
  const cached = gainCache.get(levels);
  if (cached) return cached;
  const side = 256;
  const bands = subbands(side, side, levels);
  const gains = Float64Array.from(bands, (band) => {
    const plane = new Float64Array(side * side);
    const x = band.x0 + (band.width >> 1);
    const y = band.y0 + (band.height >> 1);
    plane[y * side + x] = 1;
    inverseWavelet(plane, side, side, levels);
    let sum = 0;
    for (const value of plane) sum += value * value;
    return sum;
  });
  gainCache.set(levels, gains);
  return gains;
}
