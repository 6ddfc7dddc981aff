/**
 * An independent float64 reference of the quantizer in plain JS (no tfjs), and the closed-form
 * derivatives from the seed's notes. Tests compare the tfjs model against these.
 */
export type Distance = 'l1' | 'l2';

function distance(w: number, c: number, kind: Distance): number {
  return kind === 'l1' ? Math.abs(w - c) : (w - c) ** 2;
}

/** softmax_j(-d(w, c_j) / T) in float64, max-shifted */
export function referenceAssignments(
  w: number,
  centers: readonly number[],
  temperature: number,
  kind: Distance,
): number[] {
  const logits = centers.map((c) => -distance(w, c, kind) / temperature);
  const top = Math.max(...logits);
  const weights = logits.map((z) => Math.exp(z - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((x) => x / total);
}

export function referenceSoft(w: number, centers: readonly number[], temperature: number, kind: Distance): number {
  const p = referenceAssignments(w, centers, temperature, kind);
  return p.reduce((acc, pj, j) => acc + pj * (centers[j] as number), 0);
}

/** c[argmin_j d], ties to the lower index */
export function referenceHard(w: number, centers: readonly number[], kind: Distance): number {
  let best = 0;
  centers.forEach((c, j) => {
    if (distance(w, c, kind) < distance(w, centers[best] as number, kind)) best = j;
  });
  return centers[best] as number;
}

function expectation(p: readonly number[], f: (j: number) => number): number {
  return p.reduce((acc, pj, j) => acc + pj * f(j), 0);
}

/**
 * Closed forms, sigma = 1 / T:
 *   l2: d w_soft / dw = 2 sigma Var_p(c)
 *   l1: d w_soft / dw = -sigma Cov_p(c, sign(w - c)), with sign(0) = 0
 */
export function closedFormSoftGradient(
  w: number,
  centers: readonly number[],
  temperature: number,
  kind: Distance,
): number {
  const sigma = 1 / temperature;
  const p = referenceAssignments(w, centers, temperature, kind);
  const c = (j: number) => centers[j] as number;
  const meanC = expectation(p, c);
  if (kind === 'l2') return 2 * sigma * expectation(p, (j) => (c(j) - meanC) ** 2);
  const s = (j: number) => Math.sign(w - c(j));
  const meanS = expectation(p, s);
  return -sigma * expectation(p, (j) => (c(j) - meanC) * (s(j) - meanS));
}

/** Central finite difference of the float64 w_soft. */
export function finiteDifferenceSoftGradient(
  w: number,
  centers: readonly number[],
  temperature: number,
  kind: Distance,
  step: number,
): number {
  return (
    (referenceSoft(w + step, centers, temperature, kind) - referenceSoft(w - step, centers, temperature, kind)) /
    (2 * step)
  );
}
