import { interpolateViridis } from 'd3';
import { describe, expect, it } from 'vitest';
import { viridis, VIRIDIS_RGB } from '../src/image/viridis';
import { VIRIDIS_LUT } from '../src/viz/colors';

const hex = (bytes: ArrayLike<number>, at: number) =>
  `#${[0, 1, 2].map((c) => (bytes[at + c] as number).toString(16).padStart(2, '0')).join('')}`;

describe('the viridis table', () => {
  it("is d3's interpolateViridis at every t, clamped outside [0, 1]", () => {
    for (let i = -10; i <= 1010; i++) expect(viridis(i / 1000)).toBe(interpolateViridis(i / 1000));
  });
  it('as bytes: entry k is the colour at k / 255, for the lab maps (RGB) and the heatmap (RGBA, opaque)', () => {
    for (let k = 0; k < 256; k++) {
      expect(hex(VIRIDIS_RGB, 3 * k)).toBe(interpolateViridis(k / 255));
      expect(hex(VIRIDIS_LUT, 4 * k)).toBe(interpolateViridis(k / 255));
      expect(VIRIDIS_LUT[4 * k + 3]).toBe(255);
    }
  });
});
