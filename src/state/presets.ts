import { defaultParams } from './fields';
import type { Params } from './params';

export interface Preset {
  label: string;
  /** what it changes from the defaults */
  changes: Partial<Params>;
  description: string;
}

/** Views worth sending to someone, each a link. */
export const PRESETS: readonly Preset[] = [
  { label: "The seed's example", changes: {}, description: 'L = 5, T = 1, L1, the six inputs of the seed note' },
  { label: 'Nearly hard', changes: { temperature: 0.05 }, description: 'T = 0.05: w_soft hugs the staircase' },
  { label: 'Nearly flat', changes: { temperature: 10 }, description: 'T = 10: w_soft flattens toward the mean' },
  {
    label: 'Even L = 4',
    changes: { centerCount: 4 },
    description: 'non-integer centers: argmin + min(centers) and tf.round break',
  },
  { label: 'Squared distance', changes: { distance: 'l2' }, description: '(w − c)², as in Mentzer et al. 2018' },
];

export function presetParams(preset: Preset): Params {
  return { ...defaultParams(), ...preset.changes };
}
