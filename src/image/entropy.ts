/**
 * Rate: the ideal code length of the hard symbols under their own empirical distribution, one
 * histogram per stream, with no side information (the histograms themselves are not counted).
 * It is an entropy estimate, not a bitstream.
 */

/** Symbol counts per stream, [S, L] row-major (S streams, L centers). */
export interface Histograms {
  streamCount: number;
  centerCount: number;
  /** [S, L] row-major, counts[s * L + j] = how often stream s used center j */
  counts: Uint32Array;
}

/**
 * Counts symbols per stream.
 * @param symbols [N] hard indices in 0..L-1 (float32 from tfjs is fine: they are whole numbers)
 * @param streams [N] stream index of each symbol, in 0..S-1
 */
export function histogramsByStream(
  symbols: ArrayLike<number>,
  streams: ArrayLike<number>,
  streamCount: number,
  centerCount: number,
): Histograms {
  if (symbols.length !== streams.length) {
    throw new RangeError(`symbols and streams must have one entry each, got ${symbols.length} and ${streams.length}`);
  }
  const counts = new Uint32Array(streamCount * centerCount);
  for (let i = 0; i < symbols.length; i++) {
    const symbol = symbols[i] as number;
    const stream = streams[i] as number;
    if (!(symbol >= 0 && symbol < centerCount) || !(stream >= 0 && stream < streamCount)) {
      throw new RangeError(
        `symbol ${i} must be in 0..${centerCount - 1} of a stream in 0..${streamCount - 1}, got ${symbol} in ${stream}`,
      );
    }
    counts[stream * centerCount + symbol]! += 1;
  }
  return { streamCount, centerCount, counts };
}

/** Empirical entropy in bits per symbol of one count vector: -sum_j (n_j / n) log2(n_j / n); 0 when empty. */
export function entropyBits(counts: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < counts.length; j++) total += counts[j] as number;
  if (total === 0) return 0;
  let bits = 0;
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j] as number;
    if (n > 0) bits -= (n / total) * Math.log2(n / total);
  }
  return bits;
}

/** Ideal code length of every stream together, in bits: sum_s n_s H_s. */
export function totalCodeLengthBits(histograms: Histograms): number {
  const { streamCount, centerCount, counts } = histograms;
  let bits = 0;
  for (let s = 0; s < streamCount; s++) {
    const row = counts.subarray(s * centerCount, (s + 1) * centerCount);
    let n = 0;
    for (const count of row) n += count;
    bits += n * entropyBits(row);
  }
  return bits;
}

/** Bits per pixel: the total ideal code length over the image's pixel count (W x H, not values). */
export function bitsPerPixel(histograms: Histograms, pixelCount: number): number {
  if (!(pixelCount > 0)) throw new RangeError(`pixel count must be > 0, got ${pixelCount}`);
  return totalCodeLengthBits(histograms) / pixelCount;
}

/**
 * Per-element entropy of the soft assignment, -sum_j p_ij log2 p_ij, in bits (0..log2 L).
 * @param assignments [N, L] row-major rows of p
 * @returns [N]
 */
export function assignmentEntropyBits(
  assignments: Float32Array,
  centerCount: number,
  out = new Float32Array(assignments.length / centerCount),
): Float32Array {
  for (let i = 0; i < out.length; i++) {
    let bits = 0;
    for (let j = 0; j < centerCount; j++) {
      const p = assignments[i * centerCount + j] as number;
      if (p > 0) bits -= p * Math.log2(p);
    }
    out[i] = bits;
  }
  return out;
}

/** Histograms as plain nested arrays for export: [S][L] raw counts. */
export function histogramRows(histograms: Histograms): number[][] {
  const rows: number[][] = [];
  for (let s = 0; s < histograms.streamCount; s++) {
    rows.push(Array.from(histograms.counts.subarray(s * histograms.centerCount, (s + 1) * histograms.centerCount)));
  }
  return rows;
}
