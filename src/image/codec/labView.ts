/**
 * The trained codec's result in the lab's shape (labCompute.ts's LabResult), so the lab's views,
 * numbers, rate-distortion point, Download compressed and export read it as the other transforms'.
 *
 *   hard, soft  the lab file decoded (the codec's view is its file: there is no soft image)
 *   symbols     |index| of each wavelet coefficient (clipped at 7) in the Mallat layout, R G B =
 *               the three colour-transform channels: the pyramid of subbands
 *   entropy     flat (the codec's rate is its file)
 *   histograms  one stream per channel: index clipped to -7..7
 *   bpp         the file's bits per pixel
 */
import { decodeLabFile } from '../coding/container';
import { histogramsByStream } from '../entropy';
import type { LabImage, LabResult } from '../labCompute';
import { psnr } from '../metrics';
import { entropyImage, errorTimesFour, symbolImage } from '../paintMaps';

const REACH = 7;

export function codecLabResult(image: LabImage, file: Uint8Array, indices: readonly Int32Array[]): LabResult {
  const { width, height, rgba } = image;
  const decoded = decodeLabFile(file);
  // the file was written a moment ago: a failure here is a bug in the coder, not bad input
  if (!decoded.ok) throw new Error(`the codec's own file does not decode: ${decoded.detail}`);
  const n = width * height;
  const magnitudes = new Float32Array(3 * n);
  const symbols = new Float32Array(3 * n);
  indices.forEach((plane, c) => {
    for (let i = 0; i < n; i++) {
      const q = plane[i] as number;
      magnitudes[c * n + i] = Math.min(REACH, Math.abs(q));
      symbols[c * n + i] = Math.max(-REACH, Math.min(REACH, q)) + REACH;
    }
  });
  const streams = Uint8Array.from({ length: 3 * n }, (_, i) => (i >= 2 * n ? 2 : i >= n ? 1 : 0));
  const quality = psnr(rgba, decoded.rgba);
  return {
    transform: 'codec',
    width,
    height,
    soft: decoded.rgba,
    hard: decoded.rgba,
    error: errorTimesFour(rgba, decoded.rgba),
    symbols: symbolImage(magnitudes, REACH + 1, width, height),
    entropyMap: entropyImage(new Float32Array(3 * n), 2, width, height),
    histograms: histogramsByStream(symbols, streams, 3, 2 * REACH + 1),
    bpp: (8 * file.length) / n,
    file,
    psnr: quality,
    psnrSoft: quality,
    msssim: null,
    msssimSoft: null,
  };
}
