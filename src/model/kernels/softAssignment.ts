import * as tf from '@tensorflow/tfjs-core';
import { cpuKernels } from './cpu';
import { NEAREST_INDEX, SOFT_ASSIGN, SUMMARY, type QuantizerAttrs } from './kernelNames';
import { wasmKernels } from './wasm';
import { webglKernels } from './webgl';

// Registered once for every backend the app can run; a backend that is never started costs nothing.
for (const kernel of [...cpuKernels, ...wasmKernels, ...webglKernels]) {
  if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
}

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

/**
 * The image lab's per-input summary as one kernel, forward only (the lab shows values; no
 * gradient is registered): [4, N], rows w_soft, w_hard, the first nearest index and the soft
 * assignment's entropy in bits. No [N, L] tensor is made. Equals the reference graph
 * (quantizer.ts assignmentSummary) to float32 rounding: tests/kernels*.test.ts, e2e/engine.spec.ts.
 */
export function fusedSummary(w: tf.Tensor1D, centers: tf.Tensor1D, sigma: number, squared: boolean): tf.Tensor2D {
  return tf.engine().runKernel(SUMMARY, { w, centers }, attrsOf(sigma, squared)) as tf.Tensor2D;
}

/**
 * One input set's soft assignment handed to K estimator copies, each with its own gradient path.
 * The explorer's batch feeds K equal copies of w, one per estimator that reads w_soft, so that
 * one backward pass gives each estimator its own derivative (quantizer.ts). The copies are equal
 * by construction, so the kernel runs once, on the first, and every copy gets its w_soft:
 * forward and backward cost one copy instead of K. The gradient is the closed form with dp = 0
 * (nothing downstream reads p): dw_k,i = dsoft_k,i J_i,
 * J_i = d w_soft_i / d w_i = -sigma sum_j p_ij (c_j - w_soft_i) d'(w_i - c_j).
 * The centers are constants here (the batch does not learn them).
 * @returns w_soft [K * N] (copy k at k N), and p [N, L] of the first copy, kept: the caller
 * disposes it (it outlives the gradient's tidy, for the readback)
 */
export function fusedSoftCopies(
  copies: tf.Tensor1D[],
  centers: tf.Tensor1D,
  sigma: number,
  squared: boolean,
): { assignments: tf.Tensor2D; soft: tf.Tensor1D } {
  let kept: tf.Tensor2D | null = null;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args.pop() as tf.GradSaveFunc;
    const inputs = args as tf.Tensor1D[];
    const first = inputs[0] as tf.Tensor1D;
    const [p, soft] = tf.engine().runKernel(SOFT_ASSIGN, { w: first, centers }, attrsOf(sigma, squared)) as [
      tf.Tensor2D,
      tf.Tensor1D,
    ];
    kept = tf.keep(tf.clone(p));
    save([first, p, soft]);
    return {
      value: inputs.length === 1 ? soft : tf.concat(inputs.map(() => soft)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [w, savedP, savedSoft] = saved as [tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
        const diff = tf.sub(tf.expandDims(w, 1), tf.expandDims(centers, 0));
        const slope = squared ? tf.mul(diff, 2) : tf.sign(diff);
        const centered = tf.sub(tf.expandDims(centers, 0), tf.expandDims(savedSoft, 1));
        const jacobian = tf.mul(tf.sum(tf.mul(savedP, tf.mul(centered, slope)), 1), -sigma);
        // + 0 folds -0 into 0, so that "no gradient" reads 0 as in the reference graph
        return tf.split(dy, inputs.length).map((part) => tf.add(tf.mul(part, jacobian), 0));
      },
    };
  });
  try {
    const soft = op(...copies) as tf.Tensor1D;
    return { assignments: kept as unknown as tf.Tensor2D, soft };
  } catch (error) {
    (kept as tf.Tensor | null)?.dispose();
    throw error;
  }
}
