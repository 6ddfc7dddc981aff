import * as tf from '@tensorflow/tfjs-core';
import { withGradient } from '../stopGradient';
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
 * The fused forward pass with its closed-form gradient, for w and for the centers:
 * packed [N, L + 1] = [p | w_soft], p_ij = softmax_j(s_ij), s_ij = -sigma d(w_i - c_j).
 * With g_ij = dp_ij + dsoft_i c_j (the upstream gradient reaching s through p and w_soft),
 * ds_ij = p_ij (g_ij - sum_k p_ik g_ik); dw_i = sum_j ds_ij (-sigma d'(w_i - c_j));
 * dc_j = sum_i [ds_ij sigma d'(w_i - c_j) + dsoft_i p_ij]. d' is sign (sign(0) = 0, TF's rule at
 * a kink) for l1 and 2 (w - c) for l2. The backward pass is plain tfjs ops.
 */
function packedOp(sigma: number, squared: boolean) {
  return withGradient((w: tf.Tensor, centers: tf.Tensor, save: tf.GradSaveFunc) => {
    const packed = tf.engine().runKernel(SOFT_ASSIGN, { w, centers }, attrsOf(sigma, squared)) as tf.Tensor2D;
    save([w, centers, packed]);
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedW, savedCenters, savedPacked] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
        const l = savedCenters.shape[0];
        const p = tf.slice(savedPacked, [0, 0], [-1, l]);
        const dp = tf.slice(dy, [0, 0], [-1, l]);
        const dsoft = tf.slice(dy, [0, l], [-1, 1]);
        const centerRow = tf.expandDims(savedCenters, 0);
        const g = tf.add(dp, tf.mul(dsoft, centerRow));
        const ds = tf.mul(p, tf.sub(g, tf.sum(tf.mul(p, g), 1, true)));
        const diff = tf.sub(tf.expandDims(savedW, 1), centerRow);
        const slope = squared ? tf.mul(diff, 2) : tf.sign(diff);
        const dsSlope = tf.mul(ds, tf.mul(slope, sigma));
        // + 0 folds -0 into 0, so that "no gradient" reads 0 as in the reference graph
        const dw = tf.add(tf.neg(tf.sum(dsSlope, 1)), 0);
        const dc = tf.add(tf.add(tf.sum(dsSlope, 0), tf.sum(tf.mul(dsoft, p), 0)), 0);
        return [dw, dc];
      },
    };
  });
}

const packedOps = new Map<string, ReturnType<typeof packedOp>>();

/**
 * The soft assignment of w [N] to the centers [L] as one kernel: p [N, L] and w_soft [N], each
 * differentiable in w and in the centers (closed form, see packedOp). Shapes and numbers equal
 * the reference graph's (quantizer.ts) to float32 rounding; tests/kernels*.test.ts prove it.
 */
export function fusedSoftAssign(
  w: tf.Tensor1D,
  centers: tf.Tensor1D,
  sigma: number,
  squared: boolean,
): { assignments: tf.Tensor2D; soft: tf.Tensor1D } {
  // tf.customGrad takes tensors only: one op per (sigma, distance), kept for reuse
  const key = `${sigma}|${squared}`;
  let op = packedOps.get(key);
  if (!op) {
    if (packedOps.size > 64) packedOps.clear();
    op = packedOp(sigma, squared);
    packedOps.set(key, op);
  }
  const packed = op(w, centers) as tf.Tensor2D;
  const l = centers.shape[0];
  return {
    assignments: tf.slice(packed, [0, 0], [-1, l]),
    soft: tf.reshape(tf.slice(packed, [0, l], [-1, 1]), [-1]),
  };
}

const nearestOps = new Map<boolean, (w: tf.Tensor, centers: tf.Tensor) => tf.Tensor>();

/**
 * argmin_j d(w_i, c_j) as a float [N], ties to the lower index, as one kernel; zero gradient
 * (TF's argmin has none).
 */
export function fusedNearestIndex(w: tf.Tensor1D, centers: tf.Tensor1D, squared: boolean): tf.Tensor1D {
  let op = nearestOps.get(squared);
  if (!op) {
    op = withGradient((x: tf.Tensor, c: tf.Tensor) => ({
      value: tf.engine().runKernel(NEAREST_INDEX, { w: x, centers: c }, attrsOf(1, squared)) as tf.Tensor,
      gradFunc: () => [tf.zerosLike(x), tf.zerosLike(c)],
    }));
    nearestOps.set(squared, op);
  }
  return op(w, centers) as tf.Tensor1D;
}
