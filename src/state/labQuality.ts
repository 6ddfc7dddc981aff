import type { LabResult } from '../image/labCompute';
import { msssim } from '../image/metrics';
import type { LabState } from './labState';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.setState((state) => ({ lab: { ...state.lab, ...changes } }));

let qualityTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * MS-SSIM of a result's hard and soft images (about 0.4 s), once no newer result came for 0.5 s:
 * a drag or a training run does not pay for it on every change.
 */
export function measureQualityLater(result: LabResult): void {
  clearTimeout(qualityTimer);
  qualityTimer = setTimeout(() => {
    const current = useAppStore.getState().lab;
    if (current.result !== result || !current.image) return;
    const { rgba, width, height } = current.image.lab;
    setLab({
      quality: {
        result,
        hard: msssim(rgba, result.hard, width, height),
        soft: msssim(rgba, result.soft, width, height),
      },
    });
  }, 500);
}

/** Drops a pending measurement (a newer result is on its way). */
export function cancelQuality(): void {
  clearTimeout(qualityTimer);
}
