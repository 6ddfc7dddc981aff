import { VIRIDIS_LUT } from './colors';

/**
 * The order of the heatmap's rows, top to bottom: centers by value, largest on top (so the
 * y axis reads upwards like the curve plot's). Ties keep index order.
 * @returns rowOfCenter[j] = the row center j is drawn in
 */
export function heatmapRows(centers: ArrayLike<number>): Int32Array {
  const order = Array.from(centers, (value, index) => ({ value, index })).sort(
    (a, b) => b.value - a.value || a.index - b.index,
  );
  const rowOfCenter = new Int32Array(centers.length);
  order.forEach((entry, row) => (rowOfCenter[entry.index] = row));
  return rowOfCenter;
}

/**
 * Paints p(c_j | w) into RGBA pixels: one column per grid sample, one row per center.
 * @param assignments [N, L] row-major, N = samples
 * @param pixels [L * N * 4] RGBA, row-major with rows top to bottom, written in place
 */
export function paintAssignments(
  assignments: Float32Array,
  samples: number,
  centerCount: number,
  rowOfCenter: Int32Array,
  pixels: Uint8ClampedArray,
): void {
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < centerCount; j++) {
      const p = assignments[i * centerCount + j] as number;
      const level = Math.max(0, Math.min(255, Math.round(p * 255))) * 4;
      const pixel = ((rowOfCenter[j] as number) * samples + i) * 4;
      pixels[pixel] = VIRIDIS_LUT[level] as number;
      pixels[pixel + 1] = VIRIDIS_LUT[level + 1] as number;
      pixels[pixel + 2] = VIRIDIS_LUT[level + 2] as number;
      pixels[pixel + 3] = 255;
    }
  }
}
