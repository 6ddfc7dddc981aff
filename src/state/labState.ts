import type { Message } from '../i18n/message';
import type { CodecPoint } from '../image/codecs';
import type { LabImage, LabResult, RatePoint } from '../image/labCompute';
import type { MsssimResult } from '../image/metrics';
import type { Lesson } from './lesson';

/** The working size: a longer side is scaled down to this (and the page says so). */
export const LAB_MAX_SIDE = 512;

/** The image the lab works on, as used (after any scaling). */
export interface LoadedImage {
  /** a bundled image's name, or the person's file name */
  name: string;
  /** the person's own image: never in a link, never leaves the browser */
  own: boolean;
  lab: LabImage;
  /** the size before scaling down, or null when it was used as it is */
  scaledFrom: [number, number] | null;
}

/** The image lab's state: plain data the lab's views draw. */
export interface LabState {
  image: LoadedImage | null;
  loading: string | null;
  /** why an image could not be opened, for the person */
  error: string | null;
  result: LabResult | null;
  /** the settings `result` was computed for (labSettingsKey): an older result is not exported */
  resultKey: string | null;
  /** MS-SSIM of the hard and soft reconstructions, computed when a change ends (about 0.4 s) */
  quality: { result: LabResult; hard: MsssimResult; soft: MsssimResult } | null;
  /** the fraction of values clipped to the outer centers by the hard quantizer */
  clipped: number | null;
  codecs: CodecPoint[];
  codecNotes: Message[];
  codecProgress: { done: number; total: number } | null;
  curves: RatePoint[];
}

export const EMPTY_LAB: LabState = {
  image: null,
  loading: null,
  error: null,
  result: null,
  resultKey: null,
  quality: null,
  clipped: null,
  codecs: [],
  codecNotes: [],
  codecProgress: null,
  curves: [],
};

/** What a lab result depends on besides the image, as text (see labJob's inputs). */
export function labSettingsKey(
  lesson: Lesson,
  params: { temperature: number; centerCount: number; spacing: number; distance: string },
): string {
  const common = [
    lesson.transform,
    lesson.dctStep,
    lesson.dctColour,
    params.temperature,
    params.centerCount,
    params.spacing,
    params.distance,
  ];
  if (lesson.transform !== 'learned') return JSON.stringify(common);
  // a learned result also depends on the codec's setup (its steps are in the export beside it)
  const { learnedLambda, learnedChannels, learnedEstimator, learnedSeed, learnedAnneal, learnedSteps, learnedModel } =
    lesson;
  return JSON.stringify([
    ...common,
    learnedLambda,
    learnedChannels,
    learnedEstimator,
    learnedSeed,
    learnedAnneal,
    learnedSteps,
    learnedModel,
  ]);
}
