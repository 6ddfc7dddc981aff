import { defaultParams } from './fields';
import type { Params } from './params';

export interface Preset {
  /** its name and description are the messages `app:share.preset.<id>` and `<id>Note` */
  id: 'seed' | 'nearlyHard' | 'nearlyFlat' | 'evenCenters' | 'squared';
  /** what it changes from the defaults */
  changes: Partial<Params>;
}

/** Views worth sending to someone, each a link. */
export const PRESETS: readonly Preset[] = [
  { id: 'seed', changes: {} },
  { id: 'nearlyHard', changes: { temperature: 0.05 } },
  { id: 'nearlyFlat', changes: { temperature: 10 } },
  { id: 'evenCenters', changes: { centerCount: 4 } },
  { id: 'squared', changes: { distance: 'l2' } },
];

export function presetParams(preset: Preset): Params {
  return { ...defaultParams(), ...preset.changes };
}
