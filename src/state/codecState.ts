import type { MessageValue } from '../i18n/message';
import type { EstimatorName } from '../model/choices';
import type { LoadedImage } from './labState';
import type { LabResult } from '../image/labCompute';

/** One training step's numbers (the whole image's bpp and PSNR are measured every few steps). */
export interface CodecProgress {
  step: number;
  steps: number;
  loss: number;
  /** the file's bits per pixel at the last measurement of the whole image */
  bpp: number;
  psnr: number;
  temperature: number;
  /** since Train was pressed */
  ms: number;
}

/** What a finished run made: its file's numbers and what learning changed. */
export interface CodecOutcome {
  targetBpp: number;
  /** 8 x file bytes / pixels */
  bpp: number;
  psnr: number;
  /** MS-SSIM of the decoded file, null until measured or below 176 px */
  msssim: number | null;
  bytes: number;
  /** from pressing Train to the file, ms */
  trainMs: number;
  steps: number;
  estimator: EstimatorName;
  /** the same codec with the untrained quantizer (uniform centers, equal-distortion steps) at the target */
  untrained: { bpp: number; psnr: number };
  /** the step whose checkpoint the file uses (0: training found nothing better than the start) */
  bestStep: number;
  /** per channel and level (finest first), the trained offsets a_1, a_2, a_3 of the centers k + a_k */
  offsets: number[][];
  /** per channel and subband (coding order), the trained step over the untrained one */
  stepRatios: number[][];
  /** per channel and subband, bits per pixel the file spends there */
  bandBpp: number[][];
  /** subband names in coding order (LL5, HL5, LH5, HH5, ... HH1) */
  bandNames: string[];
}

/** A point of the codec's curve (a sweep over target rates). */
export interface CodecCurvePoint {
  targetBpp: number;
  bpp: number;
  psnr: number;
  untrainedPsnr: number;
}

export interface CodecRun {
  status: 'idle' | 'training' | 'paused' | 'done';
  progress: CodecProgress | null;
  outcome: CodecOutcome | null;
  /** the targets of a sweep in progress and which one trains now, or null */
  sweep: { targets: number[]; index: number } | null;
  curve: CodecCurvePoint[];
  /** the image the curve was swept on (a curve is drawn and exported only beside its own image) */
  curveImage: LoadedImage | null;
  /** what went wrong, for the person (translated when shown) */
  error: MessageValue | null;
  /** counts the runs asked for (Train, Sweep): the trainer (codecLoop.ts) follows the latest */
  run: number;
  /** the last finished result, shown again when the lab comes back to the codec on the same image */
  shown: { image: LoadedImage; result: LabResult } | null;
}

export const EMPTY_CODEC: CodecRun = {
  status: 'idle',
  progress: null,
  outcome: null,
  sweep: null,
  curve: [],
  curveImage: null,
  error: null,
  run: 0,
  shown: null,
};

/**
 * The sweep's curve as the rate-distortion plot draws it and the export holds it: the points of
 * the last sweep, in the order trained, while the lab shows the image they were swept on; else none.
 */
export function shownCodecCurve(
  codec: Pick<CodecRun, 'curve' | 'curveImage'>,
  image: LoadedImage | null,
): readonly CodecCurvePoint[] {
  if (image === null || codec.curveImage !== image) return [];
  // an exact point (infinite PSNR) has no place on the plot's axis, so it is neither drawn nor exported
  return codec.curve.filter((point) => Number.isFinite(point.bpp) && Number.isFinite(point.psnr));
}

/** The target rates a sweep trains, bits per pixel. */
export const CODEC_SWEEP_TARGETS: readonly number[] = [0.1, 0.15, 0.25, 0.4, 0.6];
