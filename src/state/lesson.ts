import type { EstimatorName } from '../model/choices';
import type { DctColour, LabTransform, LearnedEstimator, LearnedModelKind } from '../image/choices';
import type { LanguageChoice } from '../i18n/languages';
import type { Distribution, TemperatureSchedule } from '../model/training';
import type { AppState, Mark } from './store';

/** The photographs bundled in public/images (see its README for their sources and licences). */
export const BUNDLED_IMAGES = ['astronaut', 'chelsea', 'coffee'] as const;
export type BundledImage = (typeof BUNDLED_IMAGES)[number];

/** The quantity each step of the seed walkthrough highlights in the figures, in step order. */
export const SEED_STEP_MARKS = [
  'centers',
  'distances',
  'hard',
  'assignments',
  'soft',
  'bar',
  'gradient',
] as const satisfies readonly Mark[];

/** Where the seed walkthrough is: 0 closed, 1..SEED_STEP_COUNT a step. */
export const SEED_STEP_COUNT = SEED_STEP_MARKS.length;

/** The mark shown as highlighted: the one under the pointer, else the walkthrough step's. */
export function shownMark(state: Pick<AppState, 'highlight' | 'lesson'>): Mark | null {
  const { highlight, lesson } = state;
  return highlight ?? (lesson.step > 0 ? (SEED_STEP_MARKS[lesson.step - 1] ?? null) : null);
}

/** Which form of the seed's last line the figures show: both, only as written (with tf.round), or corrected. */
export const SEED_LINES = ['both', 'written', 'corrected'] as const;
export type SeedLine = (typeof SEED_LINES)[number];

/**
 * The teaching part of a view: the walkthrough step, the round-pitfall toggle, the soft-rounding
 * sharpness and the training demo's setup. Shared by URL like the quantizer's params (fields.ts
 * names them in links), but the quantizer's figures never depend on it.
 */
export interface Lesson {
  /** the seed walkthrough's step, 0 when closed */
  step: number;
  seedline: SeedLine;
  /** soft rounding's sharpness α (Agustsson and Theis 2020) */
  alpha: number;
  /** the estimator the training demo trains through */
  estimator: EstimatorName;
  /** rate weight of the training objective D + λ R */
  lambda: number;
  /** the training demo's learning rate (the link calls it `lr`) */
  learningRate: number;
  /** the distribution the training targets are drawn from */
  data: Distribution;
  /** the training demo's random seed */
  seed: number;
  schedule: TemperatureSchedule;
  /** the image lab's bundled image (a person's own image is never put in a link) */
  image: BundledImage;
  /** what the image lab quantizes: the pixel values, their 8x8 DCT coefficients, or a learned code */
  transform: LabTransform;
  /**
   * the image lab's DCT step: coefficients are divided by JPEG's table times this
   * (the link calls it `dctstep`: `step` is the walkthrough's)
   */
  dctStep: number;
  /** the planes the DCT quantizes: RGB, YCbCr, or YCbCr with 4:2:0 chroma (`dctcolour`) */
  dctColour: DctColour;
  /** whether the training demo learns the centers too (Mentzer et al. 2018); the link says `learncenters` */
  learnCenters: boolean;
  /** the image lab's zoom, relative to the whole image fitting its view (`zoom`) */
  labZoom: number;
  /** the image point at the centre of the lab's views, as fractions of the width and height (`focusx`, `focusy`) */
  labFocusX: number;
  labFocusY: number;
  /** where the swipe view cuts from the original (left) to the hard reconstruction (right), 0..1 (`swipe`) */
  labSwipe: number;
  /** the page's language: `en`, `zh`, or `auto` (the browser's; the default, never in a link) */
  lang: LanguageChoice;
  /** the trained codec's target rate in bits per pixel of its file (`cbpp`) */
  codecBpp: number;
  /** the estimator the trained codec's quantizer learns through (`cestimator`) */
  codecEstimator: EstimatorName;
  /** the trained codec's training steps per run (`csteps`); T anneals over them */
  codecSteps: number;
  /** the learned codec's rate weight λ (the link says `llambda`: `lambda` is the training demo's) */
  learnedLambda: number;
  /** the learned codec's latent channels C per 8 x 8 block (`channels`) */
  learnedChannels: number;
  /** the estimator the learned codec trains through (`lestimator`) */
  learnedEstimator: LearnedEstimator;
  /** the learned codec's seed: weights, batches and noise (`lseed`) */
  learnedSeed: number;
  /** whether the learned codec anneals T from the quantizer's T to a twentieth of it (`lanneal`) */
  learnedAnneal: boolean;
  /** the learned codec's step cap (`lsteps`) */
  learnedSteps: number;
  /**
   * which learned codec (`lmodel`): the MLP per 8 x 8 block, or the convolutional one (trained
   * only on hardware WebGL; elsewhere the block model trains and the page says why)
   */
  learnedModel: LearnedModelKind;
}
