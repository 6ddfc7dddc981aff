import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBlockCodec } from '../src/image/learned/blockCodec';
import type { LearnedCodec } from '../src/image/learned/codec';
import { LEARNED_CODECS, readWeightsFile } from '../src/image/learned/codecs';
import type { BlockModelConfig } from '../src/image/learned/model';
import { makeCenters } from '../src/model/centers';
import type { Engine } from '../src/model/choices';
import { NEAREST_INDEX, SOFT_ASSIGN, SUMMARY } from '../src/model/kernels/kernelNames';
import { startTraining } from '../src/model/training';
import { computeView } from '../src/state/compute';
import { defaultLesson, defaultParams } from '../src/state/fields';
import { codecSetting } from '../src/state/learnedSession';
import { trainingConfig } from '../src/state/trainingLoop';
import { writeQuery } from '../src/state/url';
import { SEED } from './seed';
import { useCpuBackend } from './setup-cpu';
import { compareRelaxationsSync, quantizeBatchSync, tfImageQuantizerSync, trainStepsSync } from './blocking';

beforeAll(useCpuBackend);

const FUSED_KERNELS = [SOFT_ASSIGN, NEAREST_INDEX, SUMMARY];

/** The fused kernels a piece of work ran, read from tfjs's profile of it. */
async function fusedKernelsOf(work: () => unknown): Promise<string[]> {
  const info = await tf.profile(async () => {
    const result = await work();
    if (result instanceof tf.Tensor) result.dispose();
  });
  return [...new Set(info.kernelNames.filter((name) => FUSED_KERNELS.includes(name)))];
}

/** Runs `work` under each engine: the fused one must run a fused kernel, the reference one none. */
async function expectEngineFollowed(work: (engine: Engine) => unknown): Promise<void> {
  expect(await fusedKernelsOf(() => work('fused'))).not.toEqual([]);
  expect(await fusedKernelsOf(() => work('reference'))).toEqual([]);
}

const centers = Array.from(makeCenters(5, 1));
const block: BlockModelConfig = { blockSize: 1, hidden: 4, channels: 2, centers, distance: 'l1', seed: 3 };

describe('the engine is a parameter of every quantizer entry point, not a page-wide setting', () => {
  it('the batch, the relaxations and the image lab run the engine they are given', async () => {
    await expectEngineFollowed((engine) =>
      quantizeBatchSync({ centers, temperature: 1, distance: 'l1', sets: [{ inputs: SEED.inputs }], engine }),
    );
    await expectEngineFollowed((engine) =>
      compareRelaxationsSync({
        inputs: SEED.inputs,
        centers,
        temperature: 1,
        distance: 'l2',
        alpha: 2,
        noiseSeed: 1,
        engine,
      }),
    );
    await expectEngineFollowed((engine) =>
      tfImageQuantizerSync({ centers, temperature: 1, distance: 'l1', engine })(Float32Array.from(SEED.inputs)),
    );
  });

  it('the training demo and the learned codec (also one read from a weights file) run the engine they are given', async () => {
    const lesson = defaultLesson();
    const state = (engine: Engine) => ({ params: defaultParams(), lesson, engine });
    await expectEngineFollowed((engine) => {
      const config = trainingConfig(state(engine));
      return trainStepsSync(startTraining(config), config, 2);
    });
    const image = { data: new Uint8ClampedArray([10, 200, 30, 255, 90, 0, 255, 255]), width: 2, height: 1 };
    const evaluateWith = (codec: LearnedCodec) => {
      const { decoded } = codec.evaluate(image);
      codec.dispose();
      return decoded;
    };
    await expectEngineFollowed((engine) => evaluateWith(createBlockCodec({ ...block, engine })));
    const file = (() => {
      const codec = createBlockCodec(block);
      const json = codec.weightsJson({ temperature: 1, estimator: 'ste', lambda: 0, steps: 0 });
      codec.dispose();
      return json;
    })();
    await expectEngineFollowed((engine) => evaluateWith(readWeightsFile(file, engine).codec));
    // the page's configs carry the store's engine to the models it creates, of either kind
    for (const kind of ['block', 'conv'] as const) {
      expect(LEARNED_CODECS[kind].labConfig(codecSetting(state('reference'))).engine).toBe('reference');
    }
  });

  it("the view runs the store's engine, and links keep a non-default one", async () => {
    await expectEngineFollowed((engine) => computeView(defaultParams(), null, 0, engine));
    expect(writeQuery(defaultParams(), null, defaultLesson(), 'reference')).toBe('?v=1&engine=reference');
    expect(writeQuery(defaultParams(), null, defaultLesson(), 'fused')).toBe('?v=1');
  });
});
