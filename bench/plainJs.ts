import type { Distance } from '../src/model/quantizer';

/** Preallocated outputs of the plain-JS loop: the same numbers one tfjs update reads back. */
export interface PlainOutputs {
  assignments: Float32Array;
  soft: Float32Array;
  hard: Float32Array;
  bar: Float32Array;
  seedRound: Float32Array;
  gradSoft: Float32Array;
}

export function allocatePlain(count: number, centerCount: number): PlainOutputs {
  return {
    assignments: new Float32Array(count * centerCount),
    soft: new Float32Array(count),
    hard: new Float32Array(count),
    bar: new Float32Array(count),
    seedRound: new Float32Array(count),
    gradSoft: new Float32Array(count),
  };
}

/**
 * The benchmark's baseline: the quantizer's forward values and its gradients in one plain loop
 * (closed-form derivatives; hard = seedRound = 0 and identity = 1 need no work). No tfjs.
 */
export function plainQuantize(
  inputs: Float32Array,
  centers: Float32Array,
  temperature: number,
  distance: Distance,
  out: PlainOutputs,
): void {
  const centerCount = centers.length;
  const sigma = 1 / temperature;
  for (let i = 0; i < inputs.length; i++) {
    const w = inputs[i] as number;
    let best = 0;
    let bestDistance = Infinity;
    let top = -Infinity;
    const row = i * centerCount;
    for (let j = 0; j < centerCount; j++) {
      const diff = w - (centers[j] as number);
      const d = distance === 'l1' ? Math.abs(diff) : diff * diff;
      if (d < bestDistance) {
        bestDistance = d;
        best = j;
      }
      const logit = -sigma * d;
      out.assignments[row + j] = logit;
      if (logit > top) top = logit;
    }
    let total = 0;
    for (let j = 0; j < centerCount; j++) {
      const e = Math.exp((out.assignments[row + j] as number) - top);
      out.assignments[row + j] = e;
      total += e;
    }
    let mean = 0;
    let meanSign = 0;
    for (let j = 0; j < centerCount; j++) {
      const p = (out.assignments[row + j] as number) / total;
      out.assignments[row + j] = p;
      mean += p * (centers[j] as number);
      meanSign += p * Math.sign(w - (centers[j] as number));
    }
    let moment = 0;
    for (let j = 0; j < centerCount; j++) {
      const p = out.assignments[row + j] as number;
      const c = centers[j] as number;
      moment += distance === 'l1' ? p * (c - mean) * (Math.sign(w - c) - meanSign) : p * (c - mean) * (c - mean);
    }
    const hard = centers[best] as number;
    out.soft[i] = mean;
    out.hard[i] = hard;
    out.bar[i] = hard;
    out.seedRound[i] = Math.round(hard);
    out.gradSoft[i] = distance === 'l1' ? -sigma * moment : 2 * sigma * moment;
  }
}
