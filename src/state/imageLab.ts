import { message, type Message } from '../i18n/message';
import type { CodecPoint } from '../image/codecs';
import {
  computeLab,
  labInputs,
  prepareLabImage,
  DCT_CURVE_STEPS,
  rateDistortionCurve,
  type ImageTransform,
  type RatePoint,
} from '../image/labCompute';
import { tfImageQuantizer } from '../image/tfImageQuantizer';
import { encodeLabFileOffThread, sweepCodecsOffThread } from '../image/labWorker';
import { errorMessage } from '../i18n/messageText';
import { makeCenters } from '../model/centers';
import { readImagePixels } from '../browser/readImage';
import { imageLabel, LAB_MAX_SIDE, labSettingsKey, type LabState, type LoadedImage } from './labState';
import { isLabFile, openLabFile } from './labFile';
import { showCodec } from './codecLoop';
import { showLearned } from './learnedLoop';
import type { Job, Timers } from './scheduler';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.getState().updateLab(changes);

/** Draws a decoded image at the working size and reads its pixels. */
function toLoaded(source: CanvasImageSource, width: number, height: number, name: string, own: boolean): LoadedImage {
  const scale = Math.min(1, LAB_MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // opaque: the lab quantizes RGB
  const rgba = readImagePixels(source, w, h);
  return { name, own, lab: prepareLabImage(rgba, w, h), scaledFrom: scale < 1 ? [width, height] : null };
}

/** Starts opening `name`: the lab shows it loading, and any opening still in flight is superseded. */
function startOpening(name: string): number {
  const opening = useAppStore.getState().lab.opening + 1;
  setLab({ opening, loading: name, error: null });
  return opening;
}

/** Whether no later opening than `mine` has been asked for. */
const isLatest = (mine: number) => useAppStore.getState().lab.opening === mine;

/** Opens a bundled image (public/images), relative to the page so any sub-path works. */
export async function openBundledImage(name: string): Promise<void> {
  const mine = startOpening(name);
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}images/${name}.png`);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const bitmap = await createImageBitmap(await response.blob());
    if (!isLatest(mine)) return;
    setLab({ image: toLoaded(bitmap, bitmap.width, bitmap.height, name, false), loading: null, ...RESET });
  } catch (error) {
    if (!isLatest(mine)) return;
    setLab({ loading: null, error: message('lab:messages.openFailed', { name, reason: errorMessage(error) }) });
  }
}

/** Opens a person's own image or lab file (file picker, drop, paste). It stays in this tab. */
export async function openOwnImage(file: Blob & { name?: string }): Promise<void> {
  const name = file.name ?? '';
  const mine = startOpening(name);
  try {
    // a lab file (the "Download compressed" button's) is recognised by its first bytes, not its name
    if (await isLabFile(file)) {
      await openLabFile(file, name, () => isLatest(mine));
      return;
    }
    const bitmap = await createImageBitmap(file);
    if (!isLatest(mine)) return;
    setLab({ image: toLoaded(bitmap, bitmap.width, bitmap.height, name, true), loading: null, ...RESET });
  } catch (error) {
    if (!isLatest(mine)) return;
    setLab({
      loading: null,
      error: message('lab:messages.decodeFailed', {
        name: imageLabel(name, true),
        reason: errorMessage(error),
      }),
    });
  }
}

const RESET: Partial<LabState> = {
  resultKey: null,
  result: null,
  quality: null,
  codecs: [],
  codecNotes: [],
  codecProgress: null,
  curves: [],
  decoded: null,
};

/**
 * Opens the link's bundled image when the lab comes on screen, and when the link names another;
 * off screen, once the page is quiet (so that an export holds the lab's numbers).
 */
export const labImageJob: Job = {
  name: message('app:job.imageLab'),
  inputs: (state) => [state.lesson.image, state.lab.image],
  ready: (state) => state.onScreen.lab === true,
  whenIdle: () => true,
  timing: 'frame',
  run: async () => {
    const { lesson, lab } = useAppStore.getState();
    if (lab.image?.own) return; // the person's own image stays until they choose a bundled one
    if (lab.image?.name === lesson.image || lab.loading === lesson.image) return;
    await openBundledImage(lesson.image);
  },
};

// the last inputs' count per span: a temperature press keeps the inputs array (labInputs)
const lastOutside = new WeakMap<Float32Array, { first: number; last: number; counts: Float64Array }>();

/** How many inputs lie outside [c_1, c_L], and of how many: [outside, all]. */
function outsideCounts(inputs: Float32Array, centers: Float32Array): Float64Array {
  const first = centers[0] as number;
  const last = centers[centers.length - 1] as number;
  const known = lastOutside.get(inputs);
  if (known && known.first === first && known.last === last) return known.counts;
  let outside = 0;
  for (let i = 0; i < inputs.length; i++) {
    const w = inputs[i] as number;
    if (w < first || w > last) outside++;
  }
  const counts = Float64Array.of(outside, inputs.length);
  lastOutside.set(inputs, { first, last, counts });
  return counts;
}

/** The fraction of the quantizer's inputs outside [c_1, c_L]: what the hard value clips. */
function clippedFraction(counts: Float64Array | null): number | null {
  return counts === null ? null : (counts[0] as number) / Math.max(1, counts[1] as number);
}

/**
 * The lab's job: one quantizer pass over the whole image per change of T, the centers, the
 * distance, the transform or the step (one tidy, one readback), then the reconstructions, maps,
 * rate and PSNR. MS-SSIM follows when no press came for QUALITY_QUIET_MS (labQuality.ts). Off screen it
 * runs only after the page has been quiet for IDLE_MS (scheduler.ts).
 */
export const labJob: Job = {
  name: message('app:job.imageLab'),
  inputs: (state) => [
    state.lab.image,
    state.lesson.transform,
    state.lesson.dctStep,
    state.lesson.dctColour,
    state.params.temperature,
    state.params.centerCount,
    state.params.spacing,
    state.params.distance,
    state.backendEpoch,
  ],
  ready: (state) => state.backend !== null && state.onScreen.lab === true && state.lab.image !== null,
  // off screen it catches up when the page is quiet: an export is never left without its numbers
  whenIdle: (state) => state.backend !== null && state.lab.image !== null,
  timing: 'frame',
  run: async () => {
    const { lab, lesson, params, engine } = useAppStore.getState();
    const image = lab.image;
    if (!image) return;
    setLab({ pressedAt: performance.now() });
    if (lesson.transform === 'learned') {
      showLearned();
      return;
    }
    if (lesson.transform === 'codec') {
      showCodec();
      return;
    }
    const centers = makeCenters(params.centerCount, params.spacing);
    const settings = {
      transform: lesson.transform as ImageTransform,
      step: lesson.dctStep,
      colour: lesson.dctColour,
      centers,
      withMsssim: false,
    };
    const quantize = tfImageQuantizer({ centers, temperature: params.temperature, distance: params.distance, engine });
    const counts = outsideCounts(labInputs(image.lab, settings), centers);
    // the press's file is made in the lab's coding worker (on this thread where there is none)
    const result = await computeLab(image.lab, settings, quantize, encodeLabFileOffThread);
    if (useAppStore.getState().lab.image !== image) return;
    setLab({ result, resultKey: labSettingsKey(lesson, params), clipped: clippedFraction(counts) });
  },
};

/** A frame's pause between background steps, ms: input stays responsive between them. */
const FRAME_MS = 16;

/** How long background work over the whole image waits after a press before its next pass. */
export const PRESS_QUIET_MS = 400;

/**
 * Resolves once no press has come for PRESS_QUIET_MS: a background pass over the whole image
 * (150 ms here) started just before a press would make that press wait for it.
 */
async function afterPresses(timers: Timers): Promise<void> {
  await timers.sleep(FRAME_MS);
  await timers.untilQuiet((state) => state.lab.pressedAt, PRESS_QUIET_MS);
}

/**
 * The browser's JPEG and WebP over a sweep of qualities, once per image, in the lab's worker
 * (on this thread where there is none, a frame between points).
 */
export const codecJob: Job = {
  name: message('app:job.codecComparison'),
  inputs: (state) => [state.lab.image],
  ready: (state) => state.lab.image !== null && state.onScreen.lab === true,
  timing: 'frame',
  run: async (timers) => {
    const image = useAppStore.getState().lab.image;
    if (!image) return;
    const { rgba, width, height } = image.lab;
    const points: CodecPoint[] = [];
    const notes: Message[] = [];
    for await (const progress of sweepCodecsOffThread(rgba, width, height)) {
      if (useAppStore.getState().lab.image !== image) return; // another image: its own sweep follows
      if (progress.kind === 'point') {
        // a sweep restarted on this thread sends its points again: one per codec and quality
        const { codec, quality } = progress.point;
        const same = points.findIndex((point) => point.codec === codec && point.quality === quality);
        if (same >= 0) points.splice(same, 1);
        points.push(progress.point);
      } else {
        const note = message('lab:messages.codecNote', { codec: progress.codec, reason: progress.reason });
        if (!notes.some((other) => JSON.stringify(other) === JSON.stringify(note))) notes.push(note);
      }
      setLab({
        codecs: [...points],
        codecNotes: [...notes],
        codecProgress: { done: progress.done, total: progress.total },
      });
      await timers.sleep(FRAME_MS); // input stays responsive between encodes
    }
  },
};

/**
 * The hard quantizer's rate-distortion curves, pixels over L and DCT over the step (its grid is
 * unbounded, so L does not move its hard value), in the background: one point at a time, each
 * after the person's presses have paused (afterPresses).
 */
export const curvesJob: Job = {
  name: message('app:job.curves'),
  inputs: (state) => [
    state.lab.image,
    state.lesson.dctColour,
    state.params.spacing,
    state.params.distance,
    state.backendEpoch,
  ],
  ready: (state) => state.backend !== null && state.lab.image !== null && state.onScreen.lab === true,
  timing: 'frame',
  run: async (timers) => {
    const { lab, lesson, params, engine } = useAppStore.getState();
    const image = lab.image;
    if (!image) return;
    const pixelPoints = [2, 3, 4, 5, 8, 16, 32].map((count) => ({
      transform: 'pixels' as const,
      step: lesson.dctStep,
      centers: makeCenters(count, params.spacing),
    }));
    // the DCT's window: 3 centers are enough for its hard value, which is the nearest multiple
    const window = makeCenters(3, params.spacing);
    const dctPoints = DCT_CURVE_STEPS.map((step) => ({
      transform: 'dct' as const,
      step,
      colour: lesson.dctColour,
      centers: window,
    }));
    const points: RatePoint[] = [];
    // the hard quantizer does not depend on T: any valid temperature gives the same w_hard
    const curve = rateDistortionCurve(
      image.lab,
      [...pixelPoints, ...dctPoints],
      (centers) => tfImageQuantizer({ centers, temperature: 1, distance: params.distance, engine }),
      encodeLabFileOffThread,
    );
    for await (const point of curve) {
      if (useAppStore.getState().lab.image !== image) return;
      points.push(point);
      setLab({ curves: [...points] });
      await afterPresses(timers); // the person's presses go first
    }
  },
};
