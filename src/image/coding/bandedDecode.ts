/**
 * A lab file decoded with its conv decoder's run split into horizontal bands (plainDecoder.ts's
 * decodeConvRows), each band run by a caller-given runner (the coding worker's sub-workers, or
 * here): the bands, stacked, are decodeConvPlain's values bit for bit, so the image equals
 * decodeLabFile's. Every other file (and a conv file when a runner fails) decodes as
 * decodeLabFile does.
 */
import { decodeConvRows, latentRowsForImageRows, type ConvLatentMap } from '../learned/plainDecoder';
import type { ConvDecoderWeights } from '../learned/plainDecoder';
import { decodeLabFile, readPayload, type DecodeResult } from './container';
import { convValuesToRgba, readLearnedPayload } from './learnedPayload';

/** One band's work: the decoded image's rows [imageFrom, imageTo), from the latent rows it needs. */
export interface ConvBandTask {
  weights: ConvDecoderWeights;
  latentMap: ConvLatentMap;
  /** [rows, w, C]: the latent rows latentRow0 .. that the band reads (its halo included) */
  latents: Float64Array;
  latentRow0: number;
  imageFrom: number;
  imageTo: number;
}

/** Runs one band: its [imageTo - imageFrom, 8w, 3] values. */
export type ConvBandRunner = (task: ConvBandTask) => Promise<Float64Array>;

/** A band's values, computed here (what each sub-worker runs). */
export function runConvBand(task: ConvBandTask): Float64Array {
  const { weights, latentMap, latents, latentRow0, imageFrom, imageTo } = task;
  return decodeConvRows(weights, latentMap, { values: latents, row0: latentRow0 }, imageFrom, imageTo);
}

/**
 * The tasks that split a conv decode into `bands` horizontal bands of nearly equal height (never
 * more bands than image rows), each with only the latent rows it needs.
 */
export function convBandTasks(
  weights: ConvDecoderWeights,
  latentMap: ConvLatentMap,
  latents: Float64Array,
  bands: number,
): ConvBandTask[] {
  const imageRows = 8 * latentMap.height;
  const count = Math.max(1, Math.min(Math.floor(bands), imageRows));
  const rowValues = latentMap.width * latentMap.channels;
  return Array.from({ length: count }, (_, band) => {
    const imageFrom = Math.round((band * imageRows) / count);
    const imageTo = Math.round(((band + 1) * imageRows) / count);
    const needed = latentRowsForImageRows(latentMap, imageFrom, imageTo);
    const span = latents.slice(needed.from * rowValues, needed.to * rowValues);
    return { weights, latentMap, latents: span, latentRow0: needed.from, imageFrom, imageTo };
  });
}

/**
 * decodeLabFile's result, a conv file's decoder run as `bands` bands through `runBand` (all at
 * once). Never rejects: a band that fails is run here instead.
 */
export async function decodeLabFileInBands(
  bytes: Uint8Array,
  bands: number,
  runBand: ConvBandRunner,
): Promise<DecodeResult> {
  const checked = readPayload(bytes);
  if (!checked.ok || checked.header.transform !== 'learned') return decodeLabFile(bytes);
  const { header, payload } = checked;
  try {
    const read = readLearnedPayload(payload, header);
    if (read.kind === 'rgba')
      return { ok: true, rgba: read.rgba, width: header.width, height: header.height, transform: 'learned' };
    const tasks = convBandTasks(read.weights, read.latentMap, read.latents, bands);
    const parts = await Promise.all(tasks.map((task) => runBand(task).catch(() => runConvBand(task))));
    const values = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
    let at = 0;
    for (const part of parts) {
      values.set(part, at);
      at += part.length;
    }
    const rgba = convValuesToRgba(read, values);
    return { ok: true, rgba, width: header.width, height: header.height, transform: 'learned' };
  } catch {
    // bad bytes: decodeLabFile reads them again and says why, in its own words
    return decodeLabFile(bytes);
  }
}
