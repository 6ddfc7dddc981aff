import { describe, expect, it } from 'vitest';
import { gapToCurve, psnrAtRate } from '../src/viz/rateGap';

describe('a point against a codec at the same rate', () => {
  // a made-up JPEG curve, out of order: 0.5 bpp -> 28 dB, 1 bpp -> 32 dB, 2 bpp -> 36 dB
  const jpeg = [
    { bpp: 2, psnr: 36 },
    { bpp: 0.5, psnr: 28 },
    { bpp: 1, psnr: 32 },
  ];

  it('reads the curve by linear interpolation between the bracketing points', () => {
    expect(psnrAtRate(jpeg, 0.75)).toBeCloseTo(30, 12); // halfway from 28 to 32
    expect(psnrAtRate(jpeg, 1.25)).toBeCloseTo(33, 12); // a quarter of the way from 32 to 36
    expect(psnrAtRate(jpeg, 1)).toBe(32);
    expect(psnrAtRate(jpeg, 2)).toBe(36);
  });

  it('says nothing outside the measured rates, or without a curve', () => {
    expect(psnrAtRate(jpeg, 0.4)).toBeNull();
    expect(psnrAtRate(jpeg, 2.1)).toBeNull();
    expect(psnrAtRate([], 1)).toBeNull();
    expect(psnrAtRate([{ bpp: Number.NaN, psnr: 30 }], 1)).toBeNull();
  });

  it('gives the gap in dB, positive above the curve', () => {
    expect(gapToCurve({ bpp: 0.75, psnr: 31.5 }, jpeg)).toBeCloseTo(1.5, 12);
    expect(gapToCurve({ bpp: 1.5, psnr: 30 }, jpeg)).toBeCloseTo(-4, 12);
    expect(gapToCurve({ bpp: 6.3, psnr: 23.6 }, jpeg)).toBeNull();
    expect(gapToCurve({ bpp: 1, psnr: Number.POSITIVE_INFINITY }, jpeg)).toBeNull();
  });
});
