import type { LabResult } from '../image/labCompute';
import { measureMsssim } from '../image/labWorker';
import type { MsssimResult } from '../image/metrics';
import type { LabState } from './labState';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.setState((state) => ({ lab: { ...state.lab, ...changes } }));

let qualityTimer: ReturnType<typeof setTimeout> | undefined;

/** How long the lab waits for quiet before MS-SSIM: a press sequence does not share the CPU with it. */
export const QUALITY_QUIET_MS = 600;

/** The last hard image measured and its MS-SSIM: a temperature press keeps the hard image. */
let lastHard: { original: Uint8ClampedArray; hard: Uint8ClampedArray; value: MsssimResult } | null = null;

/**
 * MS-SSIM of a result's hard and soft images (about 0.4 s each on a 2-core machine), in the lab's
 * worker, once no newer result came for QUALITY_QUIET_MS: a drag or a training run does not ask
 * for it on every change, and no press waits for it. The hard image's is measured once per hard
 * image (a temperature press makes a new soft image only).
 */
export function measureQualityLater(result: LabResult): void {
  clearTimeout(qualityTimer);
  qualityTimer = setTimeout(() => {
    const current = useAppStore.getState().lab;
    if (current.result !== result || !current.image) return;
    const { rgba, width, height } = current.image.lab;
    const known = lastHard && lastHard.original === rgba && lastHard.hard === result.hard ? lastHard.value : null;
    const images = known ? [result.soft] : [result.hard, result.soft];
    void measureMsssim(rgba, images, width, height).then((values) => {
      const [hard, soft] = known ? [known, values[0]] : values;
      if (hard) lastHard = { original: rgba, hard: result.hard, value: hard };
      // a newer result came meanwhile: its own measurement follows
      if (useAppStore.getState().lab.result !== result || !hard || !soft) return;
      setLab({ quality: { result, hard, soft } });
    });
  }, QUALITY_QUIET_MS);
}

/** Drops a pending measurement (a newer result is on its way). */
export function cancelQuality(): void {
  clearTimeout(qualityTimer);
}
