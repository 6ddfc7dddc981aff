import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeContext } from '../src/model/quantizer';
import { expressions } from './quantizerHelpers';
import { stopGradient } from '../src/model/stopGradient';
import { closedFormSoftGradient } from './reference';
import { SEED } from './seed';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

describe('stopGradient', () => {
  it('passes the value forward and no gradient back', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const { value, grad } = tf.valueAndGrad((v: tf.Tensor1D) => stopGradient(tf.mul(v, v)))(x, tf.onesLike(x));
    expect(Array.from(value.dataSync())).toEqual([1, 4, 9]);
    expect(Array.from(grad.dataSync(), (g) => g + 0)).toEqual([0, 0, 0]); // + 0 folds -0
  });

  it("the literal port wSoft.add(wHard.sub(wSoft)) has zero gradient; the STE with stopGradient has w_soft's", () => {
    const w = tf.tensor1d(SEED.inputs);
    const q = makeContext(SEED.centers, 1, 'l1', 'fused');
    const naive = (x: tf.Tensor) => {
      const soft = expressions.softQuantize(x as tf.Tensor1D, q);
      return tf.add(soft, tf.sub(expressions.hardQuantize(x as tf.Tensor1D, q), soft));
    };
    const naiveGrad = tf.grad(naive)(w, tf.onesLike(w)).dataSync();
    const steGrad = tf
      .grad((x: tf.Tensor) => expressions.straightThrough(x as tf.Tensor1D, q))(w, tf.onesLike(w))
      .dataSync();
    // forward values agree (both are w_hard) ...
    expect(Array.from(naive(w).dataSync())).toEqual(SEED.hard);
    // ... but only the stopGradient version passes a gradient
    expect(Array.from(naiveGrad, (g) => g + 0)).toEqual(SEED.inputs.map(() => 0));
    SEED.inputs.forEach((x, i) => {
      expect(steGrad[i]).toBeCloseTo(closedFormSoftGradient(x, SEED.centers, 1, 'l1'), 6);
      expect(Math.abs(steGrad[i] as number)).toBeGreaterThan(0.5);
    });
  });
});
