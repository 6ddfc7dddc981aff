import type { MessageValue } from '../i18n/message';
import type { LearnedEstimator } from '../image/learned/model';
import type { LearnedModelKind } from '../image/learned/weights';

/** One training step's numbers, on its minibatch. */
export interface LearnedMetrics {
  step: number;
  /** D + λ R */
  loss: number;
  /** D, mean squared error of values in [0, 1] */
  distortion: number;
  /** R, bits per pixel of the batch's symbols (hard forward, through the estimator) */
  bpp: number;
  /** dB of D: the batch's reconstruction as the decoder saw it */
  psnr: number;
  /** T of this step */
  temperature: number;
}

/** The learned codec on the whole image, hard symbols: the lab's learned point. */
export interface LearnedEvaluation {
  /** which model made it: the MLP per block or the convolutional one */
  model: LearnedModelKind;
  steps: number;
  estimator: LearnedEstimator;
  lambda: number;
  /** entropy of the hard symbols per latent channel, bits per pixel */
  bpp: number;
  /** the lab file's bits per pixel (decoder weights and symbols): 8 x bytes / (W x H) */
  fileBpp: number | null;
  /** dB, null when exact */
  psnr: number | null;
}

/** A point of the learned curve: one λ of a sweep, trained to its stop. */
export interface LearnedPoint {
  lambda: number;
  /** the lab file's bits per pixel (the weights counted), as every lab point on the plot */
  bpp: number;
  /** the entropy estimate of the hard symbols alone */
  estimateBpp: number;
  psnr: number;
}

/** The learned codec's run: plain data the panel, the charts and the export read. */
export interface LearnedRun {
  playing: boolean;
  /** steps taken by the model on screen */
  step: number;
  /** λ the model on screen trains (the field's, or a sweep's) */
  lambda: number;
  history: LearnedMetrics[];
  /** why the run stopped itself, or null */
  stopped: MessageValue | null;
  /** false once a step found the encoder's gradient exactly zero; null before the first step */
  encoderMoves: boolean | null;
  evaluation: LearnedEvaluation | null;
  /** the λ values of a sweep in progress and which one trains now, or null */
  sweep: { lambdas: number[]; index: number } | null;
  curve: LearnedPoint[];
  /** what training draws its batches from, or null before a run */
  source: MessageValue | null;
  /** what went wrong (setup, a weights file), for the person */
  error: MessageValue | null;
  /** what the last weights file did, for the person */
  note: MessageValue | null;
}

export const EMPTY_LEARNED: LearnedRun = {
  playing: false,
  step: 0,
  lambda: 0,
  history: [],
  stopped: null,
  encoderMoves: null,
  evaluation: null,
  sweep: null,
  curve: [],
  source: null,
  error: null,
  note: null,
};
