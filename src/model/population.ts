import { normalFrom, seededRandom } from './random';

/** The distributions the training demo draws its targets from. */
export const DISTRIBUTIONS = ['normal', 'uniform', 'laplace', 'bimodal'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** A training population: what the values should become, and where they start. */
export interface Population {
  /** [N] targets x_i, scaled to the centers' span */
  targets: Float32Array;
  /** [N] initial values y_i: small, around the centers' midpoint, independent of the targets */
  values: Float32Array;
}

/** One draw from the distribution, for centers from `low` to `high` (span S = high - low, midpoint m). */
function drawTarget(distribution: Distribution, low: number, high: number, random: () => number): number {
  const span = high - low;
  const middle = (low + high) / 2;
  switch (distribution) {
    case 'normal':
      return middle + (span / 4) * normalFrom(random);
    case 'uniform':
      return low + span * random();
    case 'laplace': {
      // std S/4 means scale b = S / (4 sqrt 2); -log(1 - u) is an Exp(1) draw, finite since 1 - u is in (0, 1]
      const magnitude = (span / (4 * Math.SQRT2)) * -Math.log(1 - random());
      return random() < 0.5 ? middle - magnitude : middle + magnitude;
    }
    case 'bimodal': {
      const mode = random() < 0.5 ? middle - span / 4 : middle + span / 4;
      return mode + (span / 10) * normalFrom(random);
    }
  }
}

/**
 * Draws a population from one seeded stream: first the N targets, then the N initial values
 * y_i = m + 0.05 S z_i (z standard normal), so the values know nothing of the targets at step 0.
 * m is the centers' midpoint, 0 for the app's symmetric centers.
 * @param centers [L] any order; only their smallest and largest matter
 */
export function drawPopulation(
  seed: number,
  count: number,
  distribution: Distribution,
  centers: ArrayLike<number>,
): Population {
  const sorted = Array.from(centers).sort((a, b) => a - b);
  const low = sorted[0] ?? 0;
  const high = sorted[sorted.length - 1] ?? 0;
  const random = seededRandom(seed);
  const targets = new Float32Array(count);
  for (let i = 0; i < count; i++) targets[i] = drawTarget(distribution, low, high, random);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (low + high) / 2 + 0.05 * (high - low) * normalFrom(random);
  return { targets, values };
}
