import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAsync, readBlocking, type Readbacks } from '../src/model/readback';
import { useCpuBackend } from './setup-cpu';

beforeAll(useCpuBackend);

/** Two readbacks in a row, the second computed from the first's data; throws after the second on `fail`. */
function* twoReads(fail = false): Readbacks<number[]> {
  const first = yield tf.tensor1d([1, 2, 3]);
  const second = yield tf.tidy(() => tf.mul(tf.tensor1d(Array.from(first)), 2));
  if (fail) throw new RangeError('the reader failed');
  return [...first, ...second];
}

describe('the readback drivers', () => {
  it('the blocking and the asynchronous driver give the same result and dispose every tensor read', async () => {
    const before = tf.memory().numTensors;
    expect(readBlocking(twoReads())).toEqual([1, 2, 3, 2, 4, 6]);
    expect(await readAsync(twoReads())).toEqual([1, 2, 3, 2, 4, 6]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a computation's error reaches the caller, and the tensors read before it are disposed", async () => {
    const before = tf.memory().numTensors;
    expect(() => readBlocking(twoReads(true))).toThrow('the reader failed');
    await expect(readAsync(twoReads(true))).rejects.toThrow('the reader failed');
    expect(tf.memory().numTensors).toBe(before);
  });
});
