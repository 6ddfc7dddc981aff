/** The fused op's kernels, registered for cpu, wasm and webgl (register.ts). */
export const SOFT_ASSIGN = 'QuantizerSoftAssign';
export const NEAREST_INDEX = 'QuantizerNearestIndex';

/** Attributes both kernels take: sigma = 1 / T, and whether d is squared (l2) or absolute (l1). */
export interface QuantizerAttrs {
  sigma: number;
  squared: boolean;
  [key: string]: number | boolean;
}
