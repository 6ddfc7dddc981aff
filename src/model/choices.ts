// The named choices of the maths, as plain constants with no imports: the field table
// (state/fields.ts) reads them here, so the first view loads none of the code that uses them.

/** The gradient estimators the app compares (model/estimators.ts composes each). */
export const ESTIMATORS = ['soft', 'ste', 'hard', 'seedRound', 'identity'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];
