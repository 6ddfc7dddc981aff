/**
 * What a squared error in each channel and subband costs: the distortion the codec's quantizer
 * allocates its rate against (the untrained steps, the training loss and the choice of
 * checkpoint all use it; the decoder never needs it).
 *
 * The plain RGB mean squared error weights a subband by its synthesis gain only. That spends
 * bits where squared error is cheapest to remove, on the finest detail and on the two colour
 * channels, and on photographs the codec then kept less of the structure that MS-SSIM (on luma,
 * scales weighted 0.04 / 0.29 / 0.30 / 0.24 / 0.13 from the finest) and JPEG (4:2:0 chroma, a
 * luma table) keep. So each subband's gain is multiplied by
 *
 *   (1 + LUMA_EMPHASIS (y . v_c)^2) x LEVEL_WEIGHTS[level - 1]      (LL: the first factor only)
 *
 * where v_c is the colour transform's row for channel c (an error e in that channel is the RGB
 * error e v_c, whose luma Y = 0.299 R + 0.587 G + 0.114 B is e (y . v_c)). Measured with the
 * untrained quantizer in node (docs/codec.md): on rocket at 0.4 bpp MS-SSIM 0.980 -> 0.989
 * (JPEG 0.984) for -0.5 dB, which the post-filter (postFilter.ts) wins back.
 */

import type { Analysis } from './codec';
import { synthesisGains } from './subbands';

/** How much more a squared error in luma costs than the same error spread over R, G and B. */
export const LUMA_EMPHASIS = 16;
/** Multipliers on the detail subbands' gains, finest level first (levels beyond: 1). */
export const LEVEL_WEIGHTS: readonly number[] = [0.2, 0.35, 0.7, 1, 1];
/** Rec. 601 luma weights of R, G, B. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** Per channel, 1 + LUMA_EMPHASIS (y . v_c)^2 for the colour transform's rows v_c, [3]. */
export function channelWeights(matrix: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: 3 }, (_, c) => {
    let luma = 0;
    for (let k = 0; k < 3; k++) luma += (LUMA[k] as number) * (matrix[3 * c + k] as number);
    return 1 + LUMA_EMPHASIS * luma * luma;
  });
}

/**
 * The cost of a unit squared error per channel and subband, [3 * bands] channel-major: the
 * synthesis gain times the channel's and the level's weight.
 */
export function distortionWeights(analysis: Pick<Analysis, 'levels' | 'bands' | 'colour'>): Float64Array {
  const gains = synthesisGains(analysis.levels);
  const channels = channelWeights(analysis.colour.matrix);
  const count = analysis.bands.length;
  return Float64Array.from({ length: 3 * count }, (_, i) => {
    const band = analysis.bands[i % count];
    if (band === undefined) throw new RangeError(`no subband ${i % count}`);
    const level = band.orientation === 'LL' ? 1 : (LEVEL_WEIGHTS[band.level - 1] ?? 1);
    return (gains[band.index] as number) * (channels[Math.floor(i / count)] as number) * level;
  });
}
