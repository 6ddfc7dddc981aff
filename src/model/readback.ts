import type * as tf from '@tensorflow/tfjs-core';

/**
 * A computation that needs readbacks: it yields each packed tensor to its driver and receives
 * the tensor's data. One definition serves the blocking driver (node, tests, the cpu and wasm
 * backends) and the asynchronous one (the page, where WebGL must not block). The driver
 * disposes each yielded tensor once it is read.
 */
export type Readbacks<T> = Generator<tf.Tensor, T, Float32Array>;

/** Runs `steps` with blocking readbacks (dataSync). */
export function readBlocking<T>(steps: Readbacks<T>): T {
  let next = steps.next();
  while (!next.done) {
    const packed = next.value;
    let data: Float32Array;
    try {
      data = packed.dataSync() as Float32Array;
    } finally {
      packed.dispose();
    }
    next = steps.next(data);
  }
  return next.value;
}

/** Runs `steps` with asynchronous readbacks (data()). */
export async function readAsync<T>(steps: Readbacks<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const packed = next.value;
    let data: Float32Array;
    try {
      data = (await packed.data()) as Float32Array;
    } finally {
      packed.dispose();
    }
    next = steps.next(data);
  }
  return next.value;
}
