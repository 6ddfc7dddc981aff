import { message } from '../i18n/message';
import { measureMsssim } from '../image/labWorker';
import type { LabState } from './labState';
import type { Job } from './scheduler';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.getState().updateLab(changes);

/** How long the lab waits for quiet before MS-SSIM: a press sequence does not share the CPU with it. */
export const QUALITY_QUIET_MS = 600;

/**
 * MS-SSIM of the lab's result, hard and soft images (about 0.4 s each on a 2-core machine), in
 * the lab's worker, once no press started and no newer result came for QUALITY_QUIET_MS: a drag or
 * a training run does not ask for it on every change, and no press waits for it. The hard image's
 * is measured once per hard image: a temperature press makes a new soft image only, and the
 * measure on screen keeps its hard value.
 */
export const qualityJob: Job = {
  name: message('app:job.quality'),
  inputs: (state) => [state.lab.result, state.lab.image, state.lab.pressedAt],
  ready: ({ lab }) => lab.result !== null && lab.image !== null && lab.quality?.result !== lab.result,
  timing: 'frame',
  quietMs: QUALITY_QUIET_MS,
  run: async () => {
    const { result, image, quality } = useAppStore.getState().lab;
    if (!result || !image) return;
    const { rgba, width, height } = image.lab;
    const known = quality && quality.result.hard === result.hard ? quality.hard : null;
    const values = await measureMsssim(rgba, known ? [result.soft] : [result.hard, result.soft], width, height);
    const [hard, soft] = known ? [known, values[0]] : values;
    // a newer result came meanwhile: its own measurement follows
    if (useAppStore.getState().lab.result !== result || !hard || !soft) return;
    setLab({ quality: { result, hard, soft } });
  },
};
