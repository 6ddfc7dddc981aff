import { message, type Message, type MessageValue } from '../i18n/message';
import type { CodecPoint } from '../image/codecs';
import type { TransformName } from '../image/coding/container';
import type { LabImage, LabResult, RatePoint } from '../image/labCompute';
import type { MsssimResult } from '../image/metrics';
import type { Lesson } from './lesson';

/** The working size: a longer side is scaled down to this (and the page says so). */
export const LAB_MAX_SIDE = 512;

/** The image the lab works on, as used (after any scaling). */
export interface LoadedImage {
  /** a bundled image's name, or the person's file name ('' for a pasted one: imageLabel) */
  name: string;
  /** the person's own image: never in a link, never leaves the browser */
  own: boolean;
  lab: LabImage;
  /** the size before scaling down, or null when it was used as it is */
  scaledFrom: [number, number] | null;
}

/**
 * How an image or file is named to the person: its name, quoted where it is a file's, or "the
 * pasted image" (a message, so it reads in the language shown) where it has none.
 */
export function imageLabel(name: string, quoted = false): MessageValue {
  if (name === '') return message('lab:messages.pastedImage');
  return quoted ? JSON.stringify(name.slice(0, 60)) : name;
}

/** A lab file the person opened, decoded: shown as the hard view while its settings are the lab's. */
export interface DecodedLabFile {
  /** the file's name */
  name: string;
  /** its size in bytes */
  bytes: number;
  transform: TransformName;
  width: number;
  height: number;
  /** [H, W, 4] the decoded image */
  rgba: Uint8ClampedArray;
  /** labSettingsKey of the result it is shown with: another result (a change) shows its own hard view */
  resultKey: string | null;
}

/** The image lab's state: plain data the lab's views draw. */
export interface LabState {
  image: LoadedImage | null;
  loading: string | null;
  /** why an image could not be opened, for the person (translated when shown) */
  error: MessageValue | null;
  result: LabResult | null;
  /** the settings `result` was computed for (labSettingsKey): an older result is not exported */
  resultKey: string | null;
  /** when the lab last started computing for a change of its settings (a press), performance.now() ms */
  pressedAt: number;
  /** MS-SSIM of the hard and soft reconstructions, computed when a change ends (about 0.4 s) */
  quality: { result: LabResult; hard: MsssimResult; soft: MsssimResult } | null;
  /** the fraction of values clipped to the outer centers by the hard quantizer */
  clipped: number | null;
  codecs: CodecPoint[];
  codecNotes: Message[];
  codecProgress: { done: number; total: number } | null;
  curves: RatePoint[];
  /** a lab file the person opened (coding/container.ts), decoded */
  decoded: DecodedLabFile | null;
  /**
   * Counts the openings asked for (imageLab.ts): an image that finishes loading after a later one
   * was asked for (a bundled image still downloading when the person drops their own) is dropped.
   */
  opening: number;
}

export const EMPTY_LAB: LabState = {
  image: null,
  loading: null,
  error: null,
  result: null,
  resultKey: null,
  pressedAt: -Infinity,
  quality: null,
  clipped: null,
  codecs: [],
  codecNotes: [],
  codecProgress: null,
  curves: [],
  decoded: null,
  opening: 0,
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

/** The current result's file as the lab reports it: its size, its rate and the entropy estimate beside it. */
export interface LabFileNumbers {
  bytes: number;
  /** 8 x bytes / (W x H) */
  bpp: number;
  /** the entropy estimate of the same symbols, no side information */
  estimateBpp: number;
}

/** The numbers of a result's file (null where its transform writes none). */
export function fileNumbers(result: LabResult): LabFileNumbers | null {
  if (!result.file) return null;
  const bytes = result.file.length;
  return { bytes, bpp: (8 * bytes) / (result.width * result.height), estimateBpp: result.bpp };
}
