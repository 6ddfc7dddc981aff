// The named choices of the maths, as plain constants with no imports: the field table
// (state/fields.ts) reads them here, so the first view loads none of the code that uses them.

/** The gradient estimators the app compares (model/estimators.ts composes each). */
export const ESTIMATORS = ['soft', 'ste', 'hard', 'seedRound', 'identity'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

/**
 * Which soft assignment the quantizer runs: the fused kernels (model/kernels), or the unfused
 * autodiff graph (`?engine=reference`).
 */
export const ENGINES = ['fused', 'reference'] as const;
export type Engine = (typeof ENGINES)[number];
/** The engine of a link without `engine=`. */
export const DEFAULT_ENGINE: Engine = 'fused';
