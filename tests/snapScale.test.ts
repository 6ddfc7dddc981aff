import { describe, expect, it } from 'vitest';
import { snapOneTwoFive } from '../src/controls/snapScale';

describe('snapOneTwoFive', () => {
  it('lands on the 1-2-5 value nearest on a log scale (geometric midpoints decide)', () => {
    // between 1 and 2 the log midpoint is sqrt(2) = 1.4142; between 2 and 5, sqrt(10) = 3.1623; 5 and 10, sqrt(50) = 7.0711
    expect(snapOneTwoFive(1.41, 1e-3, 1e3)).toBe(1);
    expect(snapOneTwoFive(1.42, 1e-3, 1e3)).toBe(2);
    expect(snapOneTwoFive(3.16, 1e-3, 1e3)).toBe(2);
    expect(snapOneTwoFive(3.17, 1e-3, 1e3)).toBe(5);
    expect(snapOneTwoFive(7.07, 1e-3, 1e3)).toBe(5);
    expect(snapOneTwoFive(7.08, 1e-3, 1e3)).toBe(10);
  });

  it('gives exact decimals in every decade (the issue saw a drag land on 0.002239)', () => {
    expect(snapOneTwoFive(0.002239, 1e-3, 1e3)).toBe(0.002);
    expect(snapOneTwoFive(0.19, 1e-3, 1e3)).toBe(0.2);
    expect(snapOneTwoFive(0.045, 1e-3, 1e3)).toBe(0.05);
    expect(snapOneTwoFive(480, 1e-3, 1e3)).toBe(500);
    const values = Array.from({ length: 600 }, (_, i) => snapOneTwoFive(10 ** (-3 + i / 100), 1e-3, 1e3));
    for (const value of values) {
      const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
      expect([1, 2, 5]).toContain(Number(mantissa.toPrecision(3)));
    }
  });

  it('stays within the bounds and refuses what is not a positive number', () => {
    expect(snapOneTwoFive(1e-4, 1e-3, 1e3)).toBe(1e-3);
    expect(snapOneTwoFive(9000, 1e-3, 1e3)).toBe(1e3);
    expect(snapOneTwoFive(0, 1e-3, 1e3)).toBe(1e-3);
    expect(snapOneTwoFive(Number.NaN, 1e-3, 1e3)).toBe(1e-3);
  });
});
