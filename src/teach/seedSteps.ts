import type { Distance } from '../model/quantizer';
import { SEED_STEP_MARKS } from '../state/lesson';
import type { Mark } from '../state/store';

/** The seed's code, line by line, as the note prints it (TensorFlow 2, Python). */
export const SEED_CODE: readonly string[] = [
  'centers = tf.cast(tf.range(-2, 3), tf.float32)',
  'w_stack = tf.stack([w for _ in range(L)], axis=-1)',
  'w_hard = tf.cast(tf.argmin(input=tf.abs(w_stack - centers), axis=-1), tf.float32) \\',
  '         + tf.reduce_min(input_tensor=centers)',
  'smx = tf.nn.softmax(-1.0 / temperature * tf.abs(w_stack - centers), axis=-1)',
  "w_soft = tf.einsum('ijklm,m->ijkl', smx, centers)",
  'w_bar = tf.round(tf.stop_gradient(w_hard - w_soft) + w_soft)',
];

/** What a step's table shows: one row per probe. */
export type StepTable = 'centers' | 'differences' | 'hard' | 'assignments' | 'soft' | 'bar' | 'gradient';

export interface SeedStep {
  /** indices into SEED_CODE of the lines this step explains */
  lines: readonly number[];
  /** the quantity the figures highlight (state/lesson.ts's SEED_STEP_MARKS) */
  mark: Mark;
  table: StepTable;
}

/**
 * The walkthrough, in the order the seed's code computes things. A step's title and text are the
 * messages `teach:steps.<table>.title` and `.text` (each step has its own table).
 */
export const SEED_STEPS: readonly SeedStep[] = (
  [
    { lines: [0], table: 'centers' },
    { lines: [1], table: 'differences' },
    { lines: [2, 3], table: 'hard' },
    { lines: [4], table: 'assignments' },
    { lines: [5], table: 'soft' },
    { lines: [6], table: 'bar' },
    { lines: [6], table: 'gradient' },
  ] as const
).map((step, k) => ({ ...step, mark: SEED_STEP_MARKS[k] as Mark }));

/** w_i - c_j for every probe and center, [N][L]: the seed's printed `w_stack - centers`. */
export function differences(probes: readonly number[], centers: ArrayLike<number>): number[][] {
  return probes.map((w) => Array.from(centers, (c) => w - c));
}

/**
 * d w_soft / d w from one row of soft assignments, in closed form (an independent check of the
 * autodiff value shown beside it): squared distance 2σ Var_p(c); L1 distance −σ Cov_p(c, sign(w − c)),
 * with sign(0) = 0 as TensorFlow takes it at a kink.
 * @param row the assignments p(c_j | w), [L]
 */
export function softGradientClosedForm(
  w: number,
  row: ArrayLike<number>,
  centers: ArrayLike<number>,
  temperature: number,
  distance: Distance,
): number {
  const sigma = 1 / temperature;
  let meanC = 0;
  let meanS = 0;
  let meanCS = 0;
  let meanC2 = 0;
  for (let j = 0; j < centers.length; j++) {
    const p = row[j] as number;
    const c = centers[j] as number;
    const s = Math.sign(w - c);
    meanC += p * c;
    meanS += p * s;
    meanCS += p * c * s;
    meanC2 += p * c * c;
  }
  if (distance === 'l2') return 2 * sigma * (meanC2 - meanC * meanC);
  return -sigma * (meanCS - meanC * meanS);
}
