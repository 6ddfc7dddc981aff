/**
 * A seeded pseudo-random stream (mulberry32): the same seed gives the same numbers on every
 * machine and backend, so a training run or a noise sample is reproducible from its link.
 * @returns a function giving the next number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from a uniform stream (Box-Muller). */
export function normalFrom(random: () => number): number {
  // 1 - u lies in (0, 1], so the log is finite
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
