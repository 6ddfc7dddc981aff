import type { LabResult } from '../image/labCompute';
import { measureMsssim } from '../image/labWorker';
import type { LabState } from './labState';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.setState((state) => ({ lab: { ...state.lab, ...changes } }));

let qualityTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * MS-SSIM of a result's hard and soft images (about 0.4 s each on a 2-core machine), in the lab's
 * worker, once no newer result came for 0.3 s: a drag or a training run does not ask for it on
 * every change, and no press waits for it.
 */
export function measureQualityLater(result: LabResult): void {
  clearTimeout(qualityTimer);
  qualityTimer = setTimeout(() => {
    const current = useAppStore.getState().lab;
    if (current.result !== result || !current.image) return;
    const { rgba, width, height } = current.image.lab;
    void measureMsssim(rgba, [result.hard, result.soft], width, height).then(([hard, soft]) => {
      // a newer result came meanwhile: its own measurement follows
      if (useAppStore.getState().lab.result !== result || !hard || !soft) return;
      setLab({ quality: { result, hard, soft } });
    });
  }, 300);
}

/** Drops a pending measurement (a newer result is on its way). */
export function cancelQuality(): void {
  clearTimeout(qualityTimer);
}
