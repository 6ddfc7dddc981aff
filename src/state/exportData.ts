import { ESTIMATORS, type EstimatorName } from '../model/estimators';
import type { Engine, QuantizerResult } from '../model/quantizer';
import { downloadBlob } from '../browser/download';
import { englishMessage } from '../i18n/messageText';
import type { BackendName } from '../engine/backendPlan';
import { byLinkName, DEFAULT_LESSON, type ViewFields } from './fields';
import type { Lesson } from './lesson';
import { fileNumbers, imageLabel, labSettingsKey, type LabState } from './labState';
import { histogramRows } from '../image/entropy';
import type { DctColour } from '../image/choices';
import type { LabTransform } from '../image/labCompute';
import type { LearnedEstimator } from '../image/learned/model';
import { EMPTY_CODEC, shownCodecCurve, type CodecCurvePoint, type CodecRun } from './codecState';
import { EMPTY_LEARNED, type LearnedPoint, type LearnedRun } from './learnedState';
import { LEARNED_ARCHITECTURES } from '../image/learned/plan';
import type { Params } from './params';

/** The export file's shape. Schema 1: later versions add fields, never rename them. */
export interface ExportedData {
  app: 'quantization-playground';
  schema: 1;
  /** the quantizer's params under their link names (`temperature`, `centers`, ...) */
  params: Record<string, ViewFields[keyof ViewFields]>;
  /** the walkthrough step, the pitfall toggle, α and the training setup, under their link names */
  lesson: Record<string, ViewFields[keyof ViewFields]>;
  backend: BackendName;
  /** which soft assignment computed the numbers: the fused kernels or the reference graph */
  engine: Engine;
  centers: number[];
  probes: Array<{
    w: number;
    hard: number;
    soft: number;
    bar: number;
    assignments: number[];
    grad: Record<EstimatorName, number>;
    /** d/dw of the toy loss 1/2 (estimator(w) - target)^2, params.target */
    lossGrad: Record<EstimatorName, number>;
  }>;
  /** the image lab's numbers, when it has a result (added in schema 1; older files lack it) */
  imageLab?: ExportedImageLab;
}

/** The image lab's current result: what the PNG downloads of it reproduce. */
export interface ExportedImageLab {
  /** a bundled image's name, or the person's file name */
  image: string;
  width: number;
  height: number;
  transform: LabTransform;
  step: number;
  /** the planes the DCT quantizes: rgb, ycbcr or ycbcr420 */
  dctColour: DctColour;
  /** the DCT's curve over the step: the file's bits per pixel, the entropy estimate beside it, PSNR */
  dctCurve: Array<{ step: number; bpp: number; estimateBpp: number; psnr: number }>;
  /** entropy estimate of the hard symbols, no side information, bits per pixel */
  bpp: number;
  /** dB on 8-bit RGB; null when exact (infinite) */
  psnr: number | null;
  psnrSoft: number | null;
  /** MS-SSIM of the hard reconstruction, null until computed or below 176 px */
  msssim: number | null;
  msssimSoft: number | null;
  /** raw symbol counts per stream: [stream][symbol] */
  histograms: number[][];
  codecs: Array<{ codec: string; quality: number; bpp: number; psnr: number }>;
  /**
   * the lab file of the current result (added for #22): `bytes` is the size of the file the
   * "Download compressed" button saves, bpp = 8 x bytes / (width x height), estimateBpp the entropy
   * estimate above (no side information); absent where the transform writes no file
   */
  file?: { bytes: number; bpp: number; estimateBpp: number };
  /** the learned codec's result, when the lab shows it (transform = learned) */
  learned?: ExportedLearned;
  /** the learned curve: one point per λ of the last sweep, in the order trained */
  learnedCurve?: LearnedPoint[];
  /** the codec trained here, when the lab shows its file (transform = codec); bpp from the file */
  codec?: ExportedCodec;
  /** the codec's curve as the rate-distortion plot draws it: one point per target of the last sweep on this image */
  codecCurve?: CodecCurvePoint[];
}

/** The codec trained here: its file's numbers and how it trained. */
export interface ExportedCodec {
  bpp: number;
  psnr: number;
  msssim: number | null;
  bytes: number;
  trainMs: number;
  steps: number;
  estimator: EstimatorName;
  targetBpp: number;
  /** the untrained quantizer's PSNR at the same target */
  untrainedPsnr: number;
}

/** The codec's part of the lab's export. */
function buildCodecExport(lab: LabState, codec: CodecRun): Pick<ExportedImageLab, 'codec' | 'codecCurve'> {
  const out: Pick<ExportedImageLab, 'codec' | 'codecCurve'> = {};
  const outcome = codec.outcome;
  if (lab.result?.transform === 'codec' && outcome) {
    const { bpp, psnr, msssim, bytes, trainMs, steps, estimator, targetBpp } = outcome;
    out.codec = {
      bpp,
      psnr,
      msssim,
      bytes,
      trainMs,
      steps,
      estimator,
      targetBpp,
      untrainedPsnr: outcome.untrained.psnr,
    };
  }
  // exactly the curve the rate-distortion plot draws
  const curve = shownCodecCurve(codec, lab.image);
  if (curve.length > 0) out.codecCurve = curve.map((point) => ({ ...point }));
  return out;
}

/** The learned codec on the whole image, hard symbols. */
export interface ExportedLearned {
  /** the architecture, e.g. "block-mlp 192-64-16-64-192" or "strided-conv 3-32-32-16-32-32-3, 5×5, stride 2" */
  model: string;
  steps: number;
  estimator: LearnedEstimator;
  lambda: number;
  /** entropy of the hard symbols per latent channel, bits per pixel */
  bpp: number;
  /** the lab file's bits per pixel, its decoder's weights included (null before its first file) */
  fileBpp: number | null;
  psnr: number | null;
  /** null until computed (after training pauses) */
  msssim: number | null;
}

/**
 * The learned codec's part of the lab's export: its point when the lab's result is the learned
 * codec's, and the sweep's curve whenever there is one. Pure.
 */
export function buildLearnedExport(
  lab: LabState,
  learned: LearnedRun,
  lesson: Lesson,
): Pick<ExportedImageLab, 'learned' | 'learnedCurve'> {
  const out: Pick<ExportedImageLab, 'learned' | 'learnedCurve'> = {};
  const evaluation = learned.evaluation;
  if (lab.result?.transform === 'learned' && evaluation) {
    const quality = lab.quality?.result === lab.result ? lab.quality : null;
    out.learned = {
      model: `${LEARNED_ARCHITECTURES[evaluation.model].name} ${LEARNED_ARCHITECTURES[evaluation.model].layers(lesson.learnedChannels)}`,
      steps: evaluation.steps,
      estimator: evaluation.estimator,
      lambda: evaluation.lambda,
      bpp: evaluation.bpp,
      fileBpp: evaluation.fileBpp,
      psnr: evaluation.psnr,
      msssim: quality?.hard.value ?? null,
    };
  }
  if (learned.curve.length > 0) out.learnedCurve = learned.curve.map((point) => ({ ...point }));
  return out;
}

/**
 * The lab's part of the export, or undefined without a result for the current settings (the lab
 * computes only while it is on screen: a result from before a change is not the view's).
 */
export function buildImageLabExport(
  lab: LabState,
  lesson: Lesson,
  params: Params,
  learned: LearnedRun = EMPTY_LEARNED,
  codec: CodecRun = EMPTY_CODEC,
): ExportedImageLab | undefined {
  const { image, result } = lab;
  if (!image || !result || lab.resultKey !== labSettingsKey(lesson, params)) return undefined;
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  const quality = lab.quality?.result === result ? lab.quality : null;
  const file = fileNumbers(result);
  return {
    image: englishMessage(imageLabel(image.name)),
    width: image.lab.width,
    height: image.lab.height,
    transform: result.transform,
    step: lesson.dctStep,
    dctColour: lesson.dctColour,
    dctCurve: lab.curves.flatMap(({ transform, step, bpp, estimateBpp, psnr }) =>
      transform === 'dct' && step !== null ? [{ step, bpp, estimateBpp, psnr }] : [],
    ),
    bpp: result.bpp,
    psnr: finite(result.psnr),
    psnrSoft: finite(result.psnrSoft),
    msssim: quality?.hard.value ?? null,
    msssimSoft: quality?.soft.value ?? null,
    histograms: histogramRows(result.histograms),
    ...(file ? { file } : {}),
    codecs: lab.codecs.map(({ codec, quality: q, bpp, psnr }) => ({ codec, quality: q, bpp, psnr })),
    ...buildLearnedExport(lab, learned, lesson),
    ...buildCodecExport(lab, codec),
  };
}

export const EXPORT_FILE_NAME = 'quantization-playground.json';

// Nine significant digits print every float32 exactly and no noise past it.
const float32 = (value: number) => Number(value.toPrecision(9));

function perEstimator(values: Record<EstimatorName, Float32Array> | null, i: number): Record<EstimatorName, number> {
  return Object.fromEntries(
    ESTIMATORS.map((name) => [name, values ? float32(values[name][i] as number) : Number.NaN]),
  ) as Record<EstimatorName, number>;
}

/** Builds the export from a result and the params, backend and engine it was computed with. Pure. */
export function buildExport(
  params: Params,
  backend: BackendName,
  engine: Engine,
  result: QuantizerResult,
  lesson: Lesson = DEFAULT_LESSON,
): ExportedData {
  const { centerCount } = result;
  return {
    app: 'quantization-playground',
    schema: 1,
    params: byLinkName(params),
    lesson: byLinkName(lesson),
    backend,
    engine,
    centers: Array.from(result.centers, float32),
    probes: params.probes.map((w, i) => ({
      w,
      hard: float32(result.values.hard[i] as number),
      soft: float32(result.values.soft[i] as number),
      bar: float32(result.values.ste[i] as number),
      assignments: Array.from(result.assignments.subarray(i * centerCount, (i + 1) * centerCount), float32),
      grad: perEstimator(result.gradients, i),
      lossGrad: perEstimator(result.lossGradients, i),
    })),
  };
}

/** Offers the export as quantization-playground.json. */
export function downloadExport(data: ExportedData): void {
  downloadBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), EXPORT_FILE_NAME);
}
