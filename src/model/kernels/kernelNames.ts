/** The fused op's kernels, registered for cpu, wasm and webgl (register.ts). */
export const SOFT_ASSIGN = 'QuantizerSoftAssign';
export const NEAREST_INDEX = 'QuantizerNearestIndex';
/** The image lab's forward pass: [4, N] rows w_soft, w_hard, nearest index, entropy (bits). */
export const SUMMARY = 'QuantizerSummary';

/** Attributes the kernels take: sigma = 1 / T, and whether d is squared (l2) or absolute (l1). */
export interface QuantizerAttrs {
  sigma: number;
  squared: boolean;
  [key: string]: number | boolean;
}
