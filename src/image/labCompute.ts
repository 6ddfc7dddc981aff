/**
 * One press of the image lab: an RGBA image, a transform and the quantizer's settings in; the
 * soft and hard reconstructions, their maps, the rate and the quality out. The quantizer is
 * injected (any engine that maps inputs [N] to soft, hard, index and entropy [N]); see
 * tfImageQuantizer.ts for the one built on src/model/quantizer.ts.
 */
import {
  cropPlanes,
  divideBySteps,
  forwardDct,
  frequencyIndex,
  inverseDct,
  multiplyBySteps,
  padPlanes,
  paddedSize,
  stepSizes,
} from './dct';
import { bitsPerPixel, histogramsByStream, type Histograms } from './entropy';
import { msssim, psnr, type MsssimResult } from './metrics';
import { entropyImage, errorTimesFour, symbolImage } from './paintMaps';
import { centerSpan, inputsToPixels, pixelsToInputs, planesToRgba, rgbaToPlanes } from './pixels';

import type { ImageTransform, LabTransform } from './choices';

export { IMAGE_TRANSFORMS, LAB_TRANSFORMS, type ImageTransform, type LabTransform } from './choices';

/** What an engine returns for inputs w [N]: each [N]. */
export interface QuantizedValues {
  /** w_soft = sum_j p_ij c_j */
  soft: Float32Array;
  /** w_hard = c[argmin_j d(w_i, c_j)] */
  hard: Float32Array;
  /** the hard index argmin_j d(w_i, c_j), ties to the lower index, as whole numbers 0..L-1 */
  index: Float32Array;
  /** -sum_j p_ij log2 p_ij, bits */
  assignmentEntropy: Float32Array;
}

/** An engine: synchronous or asynchronous (WebGL readback). */
export type ImageQuantizer = (inputs: Float32Array) => QuantizedValues | Promise<QuantizedValues>;

/** An image prepared once (planes, DCT coefficients, stream ids), reused by every press. */
export interface LabImage {
  /** [H, W, 4] the image as used */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** [3, H, W] 0..255 */
  planes: Float32Array;
  /** [3 H W] stream of each pixel value: its channel (0..2) */
  pixelStreams: Uint8Array;
  /** Hp, Wp: the size padded to whole 8 x 8 blocks */
  paddedWidth: number;
  paddedHeight: number;
  /** [3, Hp, Wp] DCT coefficients of (x - 128), layout as in dct.ts */
  coefficients: Float32Array;
  /** [3 Hp Wp] stream of each coefficient: 64 channel + frequency (0..191) */
  coefficientStreams: Uint8Array;
}

export function prepareLabImage(rgba: Uint8ClampedArray, width: number, height: number): LabImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be whole pixels >= 1, got ${width} x ${height}`);
  }
  const planes = rgbaToPlanes(rgba, width, height);
  const n = width * height;
  const pixelStreams = new Uint8Array(3 * n);
  pixelStreams.fill(1, n, 2 * n).fill(2, 2 * n);
  const padded = paddedSize(width, height);
  const coefficients = forwardDct(padPlanes(planes, width, height), padded.width, padded.height);
  const frequency = frequencyIndex(padded.width, padded.height);
  const coefficientStreams = new Uint8Array(coefficients.length);
  for (let i = 0; i < coefficients.length; i++) {
    coefficientStreams[i] = Math.floor(i / frequency.length) * 64 + (frequency[i % frequency.length] as number);
  }
  return {
    rgba,
    width,
    height,
    planes,
    pixelStreams,
    paddedWidth: padded.width,
    paddedHeight: padded.height,
    coefficients,
    coefficientStreams,
  };
}

export interface LabSettings {
  transform: ImageTransform;
  /** DCT only: the divisor is the JPEG luminance table times step (> 0) */
  step: number;
  /** [L] the quantizer's centers, ascending (pixels maps 0..255 onto [c_1, c_L]) */
  centers: Float32Array;
  /** compute MS-SSIM too (two 5-scale passes; the UI may skip it during a drag); default true */
  withMsssim?: boolean;
}

export interface LabResult {
  transform: LabTransform;
  width: number;
  height: number;
  /** each [H, W, 4] RGBA, rounded and clipped */
  soft: Uint8ClampedArray;
  hard: Uint8ClampedArray;
  /** |hard - original| x 4 */
  error: Uint8ClampedArray;
  /** hard indices as grey levels per channel (DCT: in coefficient position) */
  symbols: Uint8ClampedArray;
  /** mean soft-assignment entropy over channels, viridis 0..log2 L */
  entropyMap: Uint8ClampedArray;
  /** raw symbol counts: 3 streams (pixels) or 3 x 64 (dct, stream = 64 channel + 8u + v) */
  histograms: Histograms;
  /** entropy estimate, no side information: total ideal code length / (W H) */
  bpp: number;
  /** dB, Infinity when exact */
  psnr: number;
  psnrSoft: number;
  msssim: MsssimResult | null;
  msssimSoft: MsssimResult | null;
}

// The last step's divisors per image: a press calls for them three times (in, soft, hard).
const lastSizes = new WeakMap<LabImage, { step: number; sizes: Float32Array }>();
function sizesFor(image: LabImage, step: number): Float32Array {
  const cached = lastSizes.get(image);
  if (cached && cached.step === step) return cached.sizes;
  const sizes = stepSizes(image.paddedWidth, image.paddedHeight, step);
  lastSizes.set(image, { step, sizes });
  return sizes;
}

// The last inputs per image: a temperature press keeps the image, transform, step and span.
const lastInputs = new WeakMap<LabImage, { key: string; inputs: Float32Array }>();

/**
 * The quantizer's inputs for this image and settings, [3 H W] (pixels) or [3 Hp Wp] (dct). They
 * depend on the transform, the step and (pixels) the centers' span, not on T: the last ones are
 * kept per image (unless `remember` is false: a background pass leaves the press's inputs in place).
 * The array is shared: read it, never write it.
 */
export function labInputs(image: LabImage, settings: LabSettings, remember = true): Float32Array {
  const { first, last } = centerSpan(settings.centers);
  const key = settings.transform === 'pixels' ? `pixels|${first}|${last}` : `dct|${settings.step}`;
  const known = lastInputs.get(image);
  if (known && known.key === key) return known.inputs;
  const inputs =
    settings.transform === 'pixels'
      ? pixelsToInputs(image.planes, settings.centers)
      : divideBySteps(image.coefficients, sizesFor(image, settings.step));
  if (remember) lastInputs.set(image, { key, inputs });
  return inputs;
}

/** Quantized values back to 0..255 planes [3, H, W] (not rounded). */
function toPlanes(image: LabImage, settings: LabSettings, values: Float32Array): Float32Array {
  if (settings.transform === 'pixels') return inputsToPixels(values, settings.centers);
  const sizes = sizesFor(image, settings.step);
  const padded = inverseDct(multiplyBySteps(values, sizes), image.paddedWidth, image.paddedHeight);
  return cropPlanes(padded, image.width, image.height);
}

/** Per-element maps in coefficient layout cropped to [3, H, W] (pixels: unchanged). */
function toImageLayout(image: LabImage, settings: LabSettings, values: Float32Array): Float32Array {
  return settings.transform === 'pixels' ? values : cropPlanes(values, image.width, image.height);
}

/** What w_hard decides: the same for every temperature (a T press keeps all of it). */
interface HardPart {
  transform: ImageTransform;
  step: number;
  centers: Float32Array;
  /** a copy of the hard indices these were made from */
  index: Float32Array;
  hard: Uint8ClampedArray;
  error: Uint8ClampedArray;
  symbols: Uint8ClampedArray;
  histograms: Histograms;
  bpp: number;
  psnr: number;
}

// The last hard part per image: a temperature press changes w_soft and the entropy, not w_hard.
const lastHard = new WeakMap<LabImage, HardPart>();

const sameValues = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The hard reconstruction, its error, symbols, histograms, rate and PSNR. They follow from the
 * transform, the step, the centers and the hard indices alone, so when all four equal the last
 * press's (compared value by value, about 1 ms), the last arrays are returned as they are: the
 * views keep their pictures and nothing is recomputed.
 */
function hardPart(image: LabImage, settings: LabSettings, q: QuantizedValues, remember = true): HardPart {
  const { transform, centers } = settings;
  const step = transform === 'dct' ? settings.step : 0;
  const known = lastHard.get(image);
  if (
    remember &&
    known &&
    known.transform === transform &&
    known.step === step &&
    sameValues(known.centers, centers) &&
    sameValues(known.index, q.index)
  ) {
    return known;
  }
  const { width, height } = image;
  const hard = planesToRgba(toPlanes(image, settings, q.hard), width, height);
  const dct = transform === 'dct';
  const histograms = histogramsByStream(
    q.index,
    dct ? image.coefficientStreams : image.pixelStreams,
    dct ? 3 * 64 : 3,
    centers.length,
  );
  const part: HardPart = {
    transform,
    step,
    centers: Float32Array.from(centers),
    index: q.index.slice(),
    hard,
    error: errorTimesFour(image.rgba, hard),
    symbols: symbolImage(toImageLayout(image, settings, q.index), centers.length, width, height),
    histograms,
    bpp: bitsPerPixel(histograms, width * height),
    psnr: psnr(image.rgba, hard),
  };
  if (remember) lastHard.set(image, part);
  return part;
}

/** Everything after the quantizer (pure CPU work). */
export function finishLab(image: LabImage, settings: LabSettings, q: QuantizedValues): LabResult {
  const { width, height } = image;
  const centerCount = settings.centers.length;
  const soft = planesToRgba(toPlanes(image, settings, q.soft), width, height);
  const { hard, error, symbols, histograms, bpp, psnr: psnrHard } = hardPart(image, settings, q);
  const withMsssim = settings.withMsssim ?? true;
  return {
    transform: settings.transform,
    width,
    height,
    soft,
    hard,
    error,
    symbols,
    entropyMap: entropyImage(toImageLayout(image, settings, q.assignmentEntropy), centerCount, width, height),
    histograms,
    bpp,
    psnr: psnrHard,
    psnrSoft: psnr(image.rgba, soft),
    msssim: withMsssim ? msssim(image.rgba, hard, width, height) : null,
    msssimSoft: withMsssim ? msssim(image.rgba, soft, width, height) : null,
  };
}

/** One press: inputs, the injected quantizer (awaited if it is asynchronous), then finishLab. */
export async function computeLab(image: LabImage, settings: LabSettings, quantize: ImageQuantizer): Promise<LabResult> {
  return finishLab(image, settings, await quantize(labInputs(image, settings)));
}

/** One press with a synchronous quantizer (node, tests). */
export function computeLabSync(
  image: LabImage,
  settings: LabSettings,
  quantize: (inputs: Float32Array) => QuantizedValues,
): LabResult {
  return finishLab(image, settings, quantize(labInputs(image, settings)));
}

/** A point of a rate-distortion curve over L. */
export interface RatePoint {
  transform: ImageTransform;
  centerCount: number;
  bpp: number;
  psnr: number;
}

/**
 * The hard quantizer's rate and PSNR for each center list (e.g. makeCenters(L, spacing) for
 * L = 2..8), one at a time so the UI can yield between points. MS-SSIM is skipped (cost).
 * @param quantizerFor the engine for one center list (the temperature does not change w_hard)
 */
export async function* rateDistortionCurve(
  image: LabImage,
  transform: ImageTransform,
  step: number,
  centerLists: readonly Float32Array[],
  quantizerFor: (centers: Float32Array) => ImageQuantizer,
): AsyncGenerator<RatePoint> {
  for (const centers of centerLists) {
    const settings = { transform, step, centers };
    const q = await quantizerFor(centers)(labInputs(image, settings, false));
    // the hard part only, and not kept: the press's own stays for its next temperature
    const { bpp, psnr } = hardPart(image, settings, q, false);
    yield { transform, centerCount: centers.length, bpp, psnr };
  }
}
