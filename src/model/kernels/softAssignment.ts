import * as tf from '@tensorflow/tfjs-core';
import { cpuKernels } from './cpu';
import { NEAREST_INDEX, SOFT_ASSIGN, type QuantizerAttrs } from './kernelNames';
import { wasmKernels } from './wasm';
import { webglKernels } from './webgl';

// Registered once for every backend the app can run; a backend that is never started costs nothing.
for (const kernel of [...cpuKernels, ...wasmKernels, ...webglKernels]) {
  if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
}

/** Which soft assignment the quantizer runs: the fused kernels, or the unfused autodiff graph. */
export type Engine = 'fused' | 'reference';
export const ENGINES: readonly Engine[] = ['fused', 'reference'];

const attrsOf = (sigma: number, squared: boolean): QuantizerAttrs => ({ sigma, squared });

/**
 * The fused forward pass's closed-form gradient, for w and for the centers. The kernel returns
 * p [N, L], p_ij = softmax_j(s_ij), s_ij = -sigma d(w_i - c_j), and w_soft [N]. With
 * g_ij = dp_ij + dsoft_i c_j (the upstream gradient reaching s through p and w_soft),
 * ds_ij = p_ij (g_ij - sum_k p_ik g_ik); dw_i = sum_j ds_ij (-sigma d'(w_i - c_j));
 * dc_j = sum_i [ds_ij sigma d'(w_i - c_j) + dsoft_i p_ij]. d' is sign (sign(0) = 0, TF's rule at
 * a kink) for l1 and 2 (w - c) for l2. The backward pass is plain tfjs ops, on any backend.
 */
tf.registerGradient({
  kernelName: SOFT_ASSIGN,
  inputsToSave: ['w', 'centers'],
  outputsToSave: [true, false],
  gradFunc: (dys, saved, attrs) => {
    const [dp, dsoft] = dys as [tf.Tensor2D, tf.Tensor1D];
    const [w, centers, p] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
    const { sigma, squared } = attrs as unknown as QuantizerAttrs;
    const dsoftColumn = tf.expandDims(dsoft, 1);
    const centerRow = tf.expandDims(centers, 0);
    const g = tf.add(dp, tf.mul(dsoftColumn, centerRow));
    const ds = tf.mul(p, tf.sub(g, tf.sum(tf.mul(p, g), 1, true)));
    const diff = tf.sub(tf.expandDims(w, 1), centerRow);
    const slope = squared ? tf.mul(diff, 2) : tf.sign(diff);
    const dsSlope = tf.mul(ds, tf.mul(slope, sigma));
    // + 0 folds -0 into 0, so that "no gradient" reads 0 as in the reference graph
    return {
      w: () => tf.add(tf.neg(tf.sum(dsSlope, 1)), 0),
      centers: () => tf.add(tf.add(tf.sum(dsSlope, 0), tf.sum(tf.mul(dsoftColumn, p), 0)), 0),
    };
  },
});

// argmin has no gradient (TF's has none): zeros for both inputs
tf.registerGradient({
  kernelName: NEAREST_INDEX,
  inputsToSave: ['w', 'centers'],
  gradFunc: (_dy, saved) => {
    const [w, centers] = saved as [tf.Tensor, tf.Tensor];
    return { w: () => tf.zerosLike(w), centers: () => tf.zerosLike(centers) };
  },
});

/**
 * The soft assignment of w [N] to the centers [L] as one kernel with two outputs: p [N, L] and
 * w_soft [N], each differentiable in w and in the centers (the gradient registered above).
 * Shapes and numbers equal the reference graph's (quantizer.ts) to float32 rounding;
 * tests/kernels*.test.ts prove it.
 */
export function fusedSoftAssign(
  w: tf.Tensor1D,
  centers: tf.Tensor1D,
  sigma: number,
  squared: boolean,
): { assignments: tf.Tensor2D; soft: tf.Tensor1D } {
  const [assignments, soft] = tf.engine().runKernel(SOFT_ASSIGN, { w, centers }, attrsOf(sigma, squared)) as [
    tf.Tensor2D,
    tf.Tensor1D,
  ];
  return { assignments: assignments as tf.Tensor2D, soft: soft as tf.Tensor1D };
}

/**
 * argmin_j d(w_i, c_j) as a float [N], ties to the lower index, as one kernel; zero gradient
 * (TF's argmin has none).
 */
export function fusedNearestIndex(w: tf.Tensor1D, centers: tf.Tensor1D, squared: boolean): tf.Tensor1D {
  return tf.engine().runKernel(NEAREST_INDEX, { w, centers }, attrsOf(1, squared)) as tf.Tensor1D;
}
