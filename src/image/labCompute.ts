/**
 * One press of the image lab: an RGBA image, a transform and the quantizer's settings in; the
 * soft and hard reconstructions, their maps, the rate and the quality out. The quantizer is
 * injected (any engine that maps inputs [N] to soft, hard, index and entropy [N]); see
 * tfImageQuantizer.ts for the one built on src/model/quantizer.ts.
 */
import { encodeLabFileRequest, type LabFileRequest } from './coding/labFileRequest';
import { frequencyIndex } from './dct';
import { symbolsToRgba } from './dctCoding';
import {
  coefficientMapToImage,
  coefficientsToRgba,
  dctLayout,
  forwardDctPlanes,
  tableEntries,
  type DctColour,
  type DctLayout,
} from './dctPlanes';
import { hardSymbols, softValues, windowInputs, type WindowedInputs } from './dctWindow';
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

/** An image prepared once (planes, stream ids), reused by every press; its DCT per colour mode on first use. */
export interface LabImage {
  /** [H, W, 4] the image as used */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** [3, H, W] 0..255 */
  planes: Float32Array;
  /** [3 H W] stream of each pixel value: its channel (0..2) */
  pixelStreams: Uint8Array;
}

/** An image's DCT in one colour mode (dctPlanes.ts). */
export interface DctImage {
  layout: DctLayout;
  /** [layout.size] DCT coefficients of (plane - 128) */
  coefficients: Float32Array;
  /** [layout.size] JPEG's table entry of each coefficient */
  table: Float64Array;
  /** [layout.size] stream of each coefficient: 64 plane + frequency (0..191) */
  streams: Uint8Array;
}

// Each image's DCT per colour mode, made on first use (a 512 x 512 image: about 30 ms).
const dctImages = new WeakMap<LabImage, Map<DctColour, DctImage>>();

/** The image's DCT in a colour mode, computed once. */
export function dctImage(image: LabImage, colour: DctColour): DctImage {
  const known = dctImages.get(image) ?? new Map<DctColour, DctImage>();
  dctImages.set(image, known);
  const cached = known.get(colour);
  if (cached) return cached;
  const layout = dctLayout(image.width, image.height, colour);
  const streams = new Uint8Array(layout.size);
  layout.planes.forEach((plane, index) => {
    const frequency = frequencyIndex(plane.paddedWidth, plane.paddedHeight);
    for (let i = 0; i < frequency.length; i++) streams[plane.offset + i] = 64 * index + (frequency[i] as number);
  });
  const made = { layout, coefficients: forwardDctPlanes(image.rgba, layout), table: tableEntries(layout), streams };
  known.set(colour, made);
  return made;
}

export function prepareLabImage(rgba: Uint8ClampedArray, width: number, height: number): LabImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be whole pixels >= 1, got ${width} x ${height}`);
  }
  const planes = rgbaToPlanes(rgba, width, height);
  const n = width * height;
  const pixelStreams = new Uint8Array(3 * n);
  pixelStreams.fill(1, n, 2 * n).fill(2, 2 * n);
  return { rgba, width, height, planes, pixelStreams };
}

/** The DCT's colour mode when settings name none: JPEG's usual YCbCr 4:2:0. */
export const DEFAULT_DCT_COLOUR: DctColour = 'ycbcr420';

export interface LabSettings {
  transform: ImageTransform;
  /** DCT only: the divisor is JPEG's table (luminance, or chrominance for Cb and Cr) times step (> 0) */
  step: number;
  /**
   * [L] the quantizer's centers, ascending (pixels maps 0..255 onto [c_1, c_L]). DCT: evenly
   * spaced (makeCenters), L >= 2: the window of the unbounded grid of multiples of their
   * spacing that the soft assignment sees (dctWindow.ts)
   */
  centers: Float32Array;
  /** DCT only: the planes quantized; DEFAULT_DCT_COLOUR when absent */
  colour?: DctColour;
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
  /**
   * raw symbol counts: 3 streams (pixels: symbol = center index) or 3 x 64 (dct, stream = 64
   * plane + 8u + v; symbol = q + K for K = min(largest |q|, DCT_HISTOGRAM_REACH), so centerCount
   * = 2 K + 1, a |q| beyond K counted at the edge)
   */
  histograms: Histograms;
  /** entropy estimate, no side information: total ideal code length / (W H) */
  bpp: number;
  /** the lab file of the hard image (coding/container.ts): pixels, DCT and learned write one */
  file?: Uint8Array;
  /** dB, Infinity when exact */
  psnr: number;
  psnrSoft: number;
  msssim: MsssimResult | null;
  msssimSoft: MsssimResult | null;
}

/** The DCT grid's spacing s: the centers' (c_L - c_1) / (L - 1). */
export function gridSpacing(centers: Float32Array): number {
  if (centers.length < 2)
    throw new RangeError(`the DCT's grid needs L >= 2 centers to have a spacing, got ${centers.length}`);
  const spacing = ((centers[centers.length - 1] as number) - (centers[0] as number)) / (centers.length - 1);
  if (!(spacing > 0)) throw new RangeError(`the DCT's centers must ascend, got a spacing of ${spacing}`);
  return spacing;
}

const colourOf = (settings: LabSettings) => settings.colour ?? DEFAULT_DCT_COLOUR;

// The last inputs per image: a temperature press keeps the image, transform, step and span.
const lastInputs = new WeakMap<LabImage, { key: string; inputs: Float32Array }>();
// The DCT window behind each residual array the quantizer is given.
const windowsOf = new WeakMap<Float32Array, WindowedInputs>();

/** w = coefficient / (table x step), [layout.size] float64. */
function dividedCoefficients(dct: DctImage, step: number): Float64Array {
  if (!Number.isFinite(step) || step <= 0) throw new RangeError(`DCT step must be a finite number > 0, got ${step}`);
  const out = new Float64Array(dct.coefficients.length);
  for (let i = 0; i < out.length; i++) out[i] = (dct.coefficients[i] as number) / ((dct.table[i] as number) * step);
  return out;
}

/**
 * The quantizer's inputs for this image and settings: pixels, [3 H W] values on the centers'
 * span; dct, [layout.size] residuals w - m s of w = coefficient / (table x step) within the
 * window of the L nearest multiples of s (dctWindow.ts). They do not depend on T: the last ones
 * are kept per image (unless `remember` is false: a background pass leaves the press's inputs in
 * place). The array is shared: read it, never write it.
 */
export function labInputs(image: LabImage, settings: LabSettings, remember = true): Float32Array {
  const { first, last } = centerSpan(settings.centers);
  const key =
    settings.transform === 'pixels'
      ? `pixels|${first}|${last}`
      : `dct|${colourOf(settings)}|${settings.step}|${settings.centers.length}|${first}|${last}`;
  const known = lastInputs.get(image);
  if (known && known.key === key) return known.inputs;
  let inputs: Float32Array;
  if (settings.transform === 'pixels') inputs = pixelsToInputs(image.planes, settings.centers);
  else {
    const dct = dctImage(image, colourOf(settings));
    const windows = windowInputs(
      dividedCoefficients(dct, settings.step),
      settings.centers.length,
      gridSpacing(settings.centers),
    );
    inputs = windows.residuals;
    windowsOf.set(inputs, windows);
  }
  if (remember) lastInputs.set(image, { key, inputs });
  return inputs;
}

/** The window behind DCT inputs that labInputs made. */
function windowsFor(inputs: Float32Array): WindowedInputs {
  const windows = windowsOf.get(inputs);
  if (!windows) throw new RangeError('DCT inputs must come from labInputs, which records their window');
  return windows;
}

/** The soft reconstruction: RGBA [H, W, 4] from the quantizer's soft values. */
function softImage(
  image: LabImage,
  settings: LabSettings,
  inputs: Float32Array,
  soft: Float32Array,
): Uint8ClampedArray {
  const { width, height } = image;
  if (settings.transform === 'pixels') return planesToRgba(inputsToPixels(soft, settings.centers), width, height);
  const dct = dctImage(image, colourOf(settings));
  const values = softValues(windowsFor(inputs), soft);
  const coefficients = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    coefficients[i] = (values[i] as number) * ((dct.table[i] as number) * settings.step);
  }
  return coefficientsToRgba(coefficients, dct.layout);
}

/** Per-element maps in coefficient layout as image layout [3, H, W] (pixels: unchanged). */
function toImageLayout(image: LabImage, settings: LabSettings, values: Float32Array): Float32Array {
  return settings.transform === 'pixels'
    ? values
    : coefficientMapToImage(values, dctImage(image, colourOf(settings)).layout);
}

/** The widest DCT histogram kept for the figures and the export: q in -127..127. */
export const DCT_HISTOGRAM_REACH = 127;

/**
 * The ideal code length of the symbols under each stream's own empirical distribution, in bits
 * (entropy.ts's estimate; q is unbounded, so |q| <= DCT_HISTOGRAM_REACH is counted in a table
 * and the rare larger ones in a map).
 */
function sparseCodeLengthBits(symbols: Int32Array, streams: Uint8Array, streamCount: number): number {
  const width = 2 * DCT_HISTOGRAM_REACH + 1;
  const near = new Uint32Array(streamCount * width);
  const far = new Map<string, number>();
  const totals = new Float64Array(streamCount);
  for (let i = 0; i < symbols.length; i++) {
    const q = symbols[i] as number;
    const stream = streams[i] as number;
    totals[stream]! += 1;
    if (q >= -DCT_HISTOGRAM_REACH && q <= DCT_HISTOGRAM_REACH) near[stream * width + q + DCT_HISTOGRAM_REACH]! += 1;
    else far.set(`${stream}|${q}`, (far.get(`${stream}|${q}`) ?? 0) + 1);
  }
  let bits = 0;
  for (let k = 0; k < near.length; k++) {
    const count = near[k] as number;
    if (count > 0) bits -= count * Math.log2(count / (totals[Math.floor(k / width)] as number));
  }
  for (const [key, count] of far) {
    bits -= count * Math.log2(count / (totals[Number(key.slice(0, key.indexOf('|')))] as number));
  }
  return bits;
}

/** The DCT's hard part that the pixels transform has no use for: symbols, counts, file. */
interface DctCode {
  symbols: Int32Array;
  histograms: Histograms;
  /** the entropy estimate of all symbols, bits */
  estimateBits: number;
  /** q clamped into the window's index range, for the symbol map [layout.size] */
  shown: Float32Array;
  /** what the lab file is made of (encodeLabFileRequest makes it) */
  fileRequest: LabFileRequest;
  hard: Uint8ClampedArray;
}

/**
 * The hard symbols q of a DCT press, their counts per stream (symbol q + K), the lab file and
 * the hard image decoded from the symbols exactly as a reader of the file decodes them.
 */
export function dctCode(image: LabImage, settings: LabSettings, inputs: Float32Array, index: Float32Array): DctCode {
  const colour = colourOf(settings);
  const dct = dctImage(image, colour);
  const spacing = gridSpacing(settings.centers);
  const symbols = hardSymbols(windowsFor(inputs), index);
  let largest = 0;
  for (let i = 0; i < symbols.length; i++) largest = Math.max(largest, Math.abs(symbols[i] as number));
  const reach = Math.min(largest, DCT_HISTOGRAM_REACH);
  const lowest = Math.floor((settings.centers.length - 1) / 2);
  const shown = new Float32Array(symbols.length);
  const offsetSymbols = new Float32Array(symbols.length);
  for (let i = 0; i < symbols.length; i++) {
    const q = symbols[i] as number;
    offsetSymbols[i] = Math.min(reach, Math.max(-reach, q)) + reach;
    shown[i] = Math.min(settings.centers.length - 1, Math.max(0, q + lowest));
  }
  const { width, height } = image;
  return {
    symbols,
    histograms: histogramsByStream(offsetSymbols, dct.streams, 3 * 64, 2 * reach + 1),
    estimateBits: sparseCodeLengthBits(symbols, dct.streams, 3 * 64),
    shown,
    fileRequest: { transform: 'dct', width, height, colour, step: settings.step, spacing, symbols },
    hard: symbolsToRgba(symbols, dct.layout, settings.step, spacing),
  };
}

/** What w_hard decides: the same for every temperature (a T press keeps all of it). */
interface HardPart {
  transform: ImageTransform;
  step: number;
  colour: DctColour | null;
  centers: Float32Array;
  /** a copy of the hard indices these were made from */
  index: Float32Array;
  hard: Uint8ClampedArray;
  error: Uint8ClampedArray;
  symbols: Uint8ClampedArray;
  histograms: Histograms;
  bpp: number;
  psnr: number;
  file: Uint8Array | null;
}

// The last hard part per image: a temperature press changes w_soft and the entropy, not w_hard.
const lastHard = new WeakMap<LabImage, HardPart>();

const sameValues = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Makes a lab file from its request, on the page's thread or in the lab's worker
 * (labWorker.ts encodeLabFileOffThread); either gives the bytes encodeLabFileRequest gives.
 */
export type LabFileEncoder = (request: LabFileRequest) => Promise<Uint8Array>;

/** encodeLabFileRequest on this thread, as a LabFileEncoder. */
const encodeHere: LabFileEncoder = (request) => Promise.resolve(encodeLabFileRequest(request));

/**
 * The last press's hard part when this press's transform, step, colour, centers and hard indices
 * all equal its own (compared value by value, about 1 ms): the views keep their pictures and
 * nothing is recomputed. Null otherwise.
 */
function knownHardPart(image: LabImage, settings: LabSettings, q: QuantizedValues): HardPart | null {
  const { transform, centers } = settings;
  const known = lastHard.get(image);
  const same =
    known &&
    known.transform === transform &&
    known.step === (transform === 'dct' ? settings.step : 0) &&
    known.colour === (transform === 'dct' ? colourOf(settings) : null) &&
    sameValues(known.centers, centers) &&
    sameValues(known.index, q.index);
  return same ? known : null;
}

/**
 * The hard reconstruction, its error, symbols, histograms, rate and PSNR, and the request its
 * lab file is made from. They follow from the transform, the step, the centers and the hard
 * indices alone.
 */
function newHardPart(
  image: LabImage,
  settings: LabSettings,
  inputs: Float32Array,
  q: QuantizedValues,
): { part: Omit<HardPart, 'file'>; fileRequest: LabFileRequest } {
  const { transform, centers } = settings;
  const { width, height } = image;
  const code = transform === 'dct' ? dctCode(image, settings, inputs, q.index) : null;
  const hard = code ? code.hard : planesToRgba(inputsToPixels(q.hard, centers), width, height);
  const histograms = code ? code.histograms : histogramsByStream(q.index, image.pixelStreams, 3, centers.length);
  const part = {
    transform,
    step: transform === 'dct' ? settings.step : 0,
    colour: transform === 'dct' ? colourOf(settings) : null,
    centers: Float32Array.from(centers),
    index: q.index.slice(),
    hard,
    error: errorTimesFour(image.rgba, hard),
    symbols: symbolImage(toImageLayout(image, settings, code ? code.shown : q.index), centers.length, width, height),
    histograms,
    bpp: code ? code.estimateBits / (width * height) : bitsPerPixel(histograms, width * height),
    psnr: psnr(image.rgba, hard),
  };
  // pixels: the indices through per-channel adaptive models (coding/pixelsPayload.ts); its
  // decoder maps them back through the same inputsToPixels and planesToRgba as `hard` above
  const fileRequest: LabFileRequest = code
    ? code.fileRequest
    : { transform: 'pixels', width, height, centers: Float32Array.from(centers), indices: part.index };
  return { part, fileRequest };
}

/** The hard part of a press, its file made by `encodeFile`; kept for the next press if `remember`. */
async function hardPart(
  image: LabImage,
  settings: LabSettings,
  inputs: Float32Array,
  q: QuantizedValues,
  encodeFile: LabFileEncoder,
  remember = true,
): Promise<HardPart> {
  const known = remember ? knownHardPart(image, settings, q) : null;
  if (known) return known;
  const { part, fileRequest } = newHardPart(image, settings, inputs, q);
  const made = { ...part, file: await encodeFile(fileRequest) };
  if (remember) lastHard.set(image, made);
  return made;
}

/** Everything after the quantizer (pure CPU work) around the press's hard part. */
function finishLab(
  image: LabImage,
  settings: LabSettings,
  inputs: Float32Array,
  q: QuantizedValues,
  part: HardPart,
): LabResult {
  const { width, height } = image;
  const centerCount = settings.centers.length;
  const soft = softImage(image, settings, inputs, q.soft);
  const { hard, error, symbols, histograms, bpp, psnr: psnrHard, file } = part;
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
    ...(file ? { file } : {}),
    psnr: psnrHard,
    psnrSoft: psnr(image.rgba, soft),
    msssim: withMsssim ? msssim(image.rgba, hard, width, height) : null,
    msssimSoft: withMsssim ? msssim(image.rgba, soft, width, height) : null,
  };
}

/**
 * One press: inputs, the injected quantizer (awaited if it is asynchronous), the hard part with
 * its file made by `encodeFile` (the lab passes its worker's; here by default), then the rest.
 */
export async function computeLab(
  image: LabImage,
  settings: LabSettings,
  quantize: ImageQuantizer,
  encodeFile: LabFileEncoder = encodeHere,
): Promise<LabResult> {
  const inputs = labInputs(image, settings);
  const q = await quantize(inputs);
  return finishLab(image, settings, inputs, q, await hardPart(image, settings, inputs, q, encodeFile));
}

/** A point of a rate-distortion curve: the pixels' over L, the DCT's over the step. */
export interface RatePoint {
  transform: ImageTransform;
  centerCount: number;
  /** the DCT's step; null for pixels */
  step: number | null;
  /** the file's bits per pixel (8 x bytes / (W x H)) where the transform writes one, else the entropy estimate */
  bpp: number;
  /** the entropy estimate (no side information) */
  estimateBpp: number;
  psnr: number;
}

/** The steps of the DCT's curve: JPEG's qualities from about 5 to 75 (table x 10 to table x 0.5). */
export const DCT_CURVE_STEPS: readonly number[] = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12];

/**
 * The hard quantizer's rate and PSNR for each setting, one at a time so the UI can yield
 * between points: pixels over center lists (e.g. makeCenters(L, spacing) for L = 2..8), DCT over
 * steps with one center list (L does not move the DCT's hard value: its grid is unbounded).
 * MS-SSIM is skipped (cost).
 * @param quantizerFor the engine for one center list (the temperature does not change w_hard)
 * @param encodeFile makes each point's file, whose size is the point's rate
 */
export async function* rateDistortionCurve(
  image: LabImage,
  points: ReadonlyArray<Omit<LabSettings, 'withMsssim'>>,
  quantizerFor: (centers: Float32Array) => ImageQuantizer,
  encodeFile: LabFileEncoder = encodeHere,
): AsyncGenerator<RatePoint> {
  for (const settings of points) {
    const inputs = labInputs(image, settings, false);
    const q = await quantizerFor(settings.centers)(inputs);
    // the hard part only, and not kept: the press's own stays for its next temperature
    const { bpp, psnr, file } = await hardPart(image, settings, inputs, q, encodeFile, false);
    const { transform, centers } = settings;
    yield {
      transform,
      centerCount: centers.length,
      step: transform === 'dct' ? settings.step : null,
      bpp: file ? (8 * file.length) / (image.width * image.height) : bpp,
      estimateBpp: bpp,
      psnr,
    };
  }
}
