// The image lab's and the learned codec's named choices, as plain constants: the field table
// (state/fields.ts) reads them here, so the first view loads none of the lab's or the codec's code.
import { ESTIMATORS } from '../model/choices';

/** The fixed transforms the lab quantizes (labCompute.ts). */
export const IMAGE_TRANSFORMS = ['pixels', 'dct'] as const;
export type ImageTransform = (typeof IMAGE_TRANSFORMS)[number];

/**
 * What the lab shows: a fixed transform quantized there, the learned codec (src/image/learned),
 * or the codec trained here (src/image/codec: wavelet, quantizer and entropy model learned per image).
 */
export const LAB_TRANSFORMS = [...IMAGE_TRANSFORMS, 'learned', 'codec'] as const;
export type LabTransform = (typeof LAB_TRANSFORMS)[number];

/** The planes the DCT quantizes: R, G, B; or Y, Cb, Cr with chroma at full size or half size (4:2:0). */
export const DCT_COLOURS = ['rgb', 'ycbcr', 'ycbcr420'] as const;
export type DctColour = (typeof DCT_COLOURS)[number];

/** The estimators the learned codec trains through: the app's, and additive uniform noise. */
export const LEARNED_ESTIMATORS = [...ESTIMATORS, 'noise'] as const;
export type LearnedEstimator = (typeof LEARNED_ESTIMATORS)[number];

/** The learned codecs: the MLP per 8 x 8 block (model.ts), the convolutional one (conv.ts). */
export const LEARNED_MODEL_KINDS = ['block', 'conv'] as const;
export type LearnedModelKind = (typeof LEARNED_MODEL_KINDS)[number];
