/**
 * The lab's plan for the learned block codec: its defaults, the size of a training batch, when a
 * run stops, and the λ values a sweep trains. Pure numbers, no tfjs.
 */
import type { LearnedEstimator, LearnedModelKind } from '../choices';

/** The link fields' defaults and the architecture the lab trains (192 -> 64 -> C -> 64 -> 192). */
export const LEARNED_DEFAULTS = {
  lambda: 0.002,
  channels: 16,
  estimator: 'ste' as LearnedEstimator,
  seed: 1,
  steps: 1500,
  hidden: 64,
  /** blocks per training step */
  batch: 256,
  learningRate: 3e-3,
  /** stop when the loss has not beaten its best for this many steps */
  patience: 300,
  /** annealing ends at T / this */
  annealFactor: 20,
} as const;

/** How many λ values a sweep trains. */
export const SWEEP_SIZE = 4;
/** λ for a sweep when the chosen λ is 0 (a geometric ladder, 0 last). */
const ZERO_SWEEP = [0.008, 0.004, 0.001, 0];

/**
 * The λ values a sweep trains, one after another: 4λ, 2λ, λ/2, then λ itself last, so the model
 * left on screen when the sweep ends is the one the chosen λ asks for. Capped at `max` (the
 * field's rule). With λ = 0: 0.008, 0.004, 0.001, 0.
 */
export function sweepLambdas(lambda: number, max = 0.1): number[] {
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`λ must be a finite number >= 0, got ${lambda}`);
  if (lambda === 0) return [...ZERO_SWEEP];
  const ladder = [4 * lambda, 2 * lambda, lambda / 2].map((value) => Math.min(max, value));
  // values the cap merged are trained once
  return [...new Set(ladder.filter((value) => value !== lambda)), lambda];
}

/** PSNR in dB of a mean squared error of values in [0, 1] (Infinity when exact). */
export function psnrOfMse(mse: number): number {
  return mse === 0 ? Infinity : -10 * Math.log10(mse);
}

/** The layer widths of a block model with C channels (the lab's by default), e.g. "192-64-16-64-192". */
export function learnedArchitecture(channels: number, hidden: number = LEARNED_DEFAULTS.hidden, blockSize = 8): string {
  const d = 3 * blockSize * blockSize;
  return [d, hidden, channels, hidden, d].join('-');
}

/**
 * The convolutional codec the lab trains where hardware WebGL is (conv.ts): F filters of k x k,
 * trained on square crops of the image, a few per step.
 */
export const CONV_DEFAULTS = {
  filters: 32,
  kernelSize: 5,
  /** the side of a training crop (a multiple of 8; smaller images use their largest) */
  crop: 64,
  /** crops per training step */
  batch: 8,
  learningRate: 2e-3,
} as const;

/**
 * The side of the conv model's training crops for an image: CONV_DEFAULTS.crop, or the largest
 * multiple of 8 that fits a smaller image; 0 when not even an 8 x 8 crop fits.
 */
export function convCropSize(width: number, height: number): number {
  return Math.min(CONV_DEFAULTS.crop, Math.floor(Math.min(width, height) / 8) * 8);
}

/** A conv model's maps with C channels (the lab's by default), e.g. "3-32-32-16-32-32-3, 5×5, stride 2". */
export function convArchitecture(
  channels: number,
  f: number = CONV_DEFAULTS.filters,
  k: number = CONV_DEFAULTS.kernelSize,
): string {
  return `${[3, f, f, channels, f, f, 3].join('-')}, ${k}×${k}, stride 2`;
}

/**
 * Each kind's architecture name (the weights file's `architecture` field) and the lab's layer
 * widths for C channels, in words: "block-mlp 192-64-16-64-192", "strided-conv 3-32-...".
 */
export const LEARNED_ARCHITECTURES: Record<
  LearnedModelKind,
  { name: 'block-mlp' | 'strided-conv'; layers: (channels: number) => string }
> = {
  block: { name: 'block-mlp', layers: (channels) => learnedArchitecture(channels) },
  conv: { name: 'strided-conv', layers: (channels) => convArchitecture(channels) },
};
