import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../src/i18n/i18n';
import { englishMessage, translateMessage } from '../src/i18n/messageText';
import { prepareLabImage } from '../src/image/labCompute';
import { blockSource, createBlockSampler } from '../src/image/learned/blocks';
import { LEARNED_CODECS } from '../src/image/learned/codecs';
import { CONV_DEFAULTS, convCropSize } from '../src/image/learned/plan';
import { createTrainer } from '../src/image/learned/train';
import { seededRandom } from '../src/model/random';
import { buildLearnedExport } from '../src/state/exportData';
import { learnedModel, resetLearned, stepLearned } from '../src/state/learnedLoop';
import { codecSetting } from '../src/state/learnedSession';
import { loadLearnedWeights } from '../src/state/learnedWeights';
import { useAppStore } from '../src/state/store';
import type { BackendStatus } from '../src/engine/backend';
import { useCpuBackend } from './setup-cpu';

// The loop decides by the backend the store reports; tfjs itself runs on its cpu backend here.
// A hardware WebGL report makes the page train the conv model (the kernels are the same ops).
const hardware = {
  name: 'webgl',
  renderer: 'ANGLE (NVIDIA GeForce RTX 3060)',
  failures: [],
  warning: null,
} as unknown as BackendStatus;
const wasm = { name: 'wasm', renderer: null, failures: [], warning: null } as unknown as BackendStatus;

function gradientImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = 4 * (y * width + x);
      rgba[at] = (x * 255) / width;
      rgba[at + 1] = (y * 255) / height;
      rgba[at + 2] = Math.floor(random() * 64);
      rgba[at + 3] = 255;
    }
  return rgba;
}

const width = 24;
const height = 16;
const rgba = gradientImage(width, height, 3);
const image = { name: 'gradient', own: true, lab: prepareLabImage(rgba, width, height), scaledFrom: null };

beforeAll(async () => {
  await useCpuBackend();
  const state = useAppStore.getState();
  useAppStore.setState({
    backend: hardware,
    lab: { ...state.lab, image },
    lesson: { ...state.lesson, transform: 'learned', learnedModel: 'conv', learnedChannels: 2, learnedSeed: 5 },
  });
});
afterAll(() => useAppStore.setState({ backend: null }));

describe('the conv model in the lab, where the backend is hardware WebGL', () => {
  it("trains the conv model: its first step equals the conv codec's own step on the same seeded model, crops and optimizer", () => {
    resetLearned();
    const codec = learnedModel();
    expect(codec?.kind).toBe('conv');
    stepLearned(3, 0);
    const { learned, lab } = useAppStore.getState();
    expect(learned.error).toBeNull();
    expect(learned.step).toBe(3);
    expect(englishMessage(learned.source ?? '')).toMatch(/16×16 crops of gradient/);
    expect(convCropSize(width, height)).toBe(16);

    const state = useAppStore.getState();
    const model = LEARNED_CODECS.conv.create(codecSetting(state));
    const trainer = createTrainer({ optimizer: 'adam', learningRate: CONV_DEFAULTS.learningRate, seed: 5 });
    const sampler = createBlockSampler(
      blockSource([{ name: 'gradient', image: { data: rgba, width, height } }], 'gradient'),
      16,
      5,
    );
    const first = model.trainStep(trainer, sampler.next(CONV_DEFAULTS.batch), 16, {
      estimator: state.lesson.learnedEstimator,
      lambda: state.lesson.learnedLambda,
      temperature: state.params.temperature,
    });
    model.dispose();
    trainer.dispose();
    expect(learned.history[0]?.loss).toBe(first.loss);
    expect(learned.history.every((m) => Number.isFinite(m.loss))).toBe(true);

    // its result is the lab's: the image's size, and the export names the conv architecture
    expect(lab.result?.transform).toBe('learned');
    expect([lab.result?.width, lab.result?.height]).toEqual([width, height]);
    expect(learned.evaluation?.model).toBe('conv');
    const exported = buildLearnedExport(lab, learned, state.lesson);
    expect(exported.learned?.model).toBe('strided-conv 3-32-32-2-32-32-3, 5×5, stride 2');
    expect(exported.learned?.bpp).toBe(lab.result?.bpp);
  });

  it('loads its weights back: the same parameters and the same reconstruction', async () => {
    const codec = learnedModel();
    if (codec?.kind !== 'conv') throw new Error('no conv model');
    const before = codec.readParameters();
    const hard = useAppStore.getState().lab.result?.hard;
    const { params, lesson, learned } = useAppStore.getState();
    const json = codec.weightsJson({
      temperature: params.temperature,
      estimator: lesson.learnedEstimator,
      lambda: learned.lambda,
      steps: learned.step,
    });
    resetLearned(); // back to the seeded weights
    await loadLearnedWeights(new Blob([json], { type: 'application/json' }));
    const loaded = learnedModel();
    expect(useAppStore.getState().learned.error).toBeNull();
    expect(loaded?.kind).toBe('conv');
    if (loaded?.kind !== 'conv') return;
    const after = loaded.readParameters();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before))
      expect(Array.from(after[name] ?? [])).toEqual(Array.from(before[name] ?? []));
    expect(useAppStore.getState().learned.step).toBe(3);
    expect(Array.from(useAppStore.getState().lab.result?.hard ?? [])).toEqual(Array.from(hard ?? []));
  });

  it('on wasm the block model trains instead, and a conv weights file is refused with the reason', async () => {
    const codec = learnedModel();
    if (codec?.kind !== 'conv') throw new Error('no conv model');
    const json = codec.weightsJson({ temperature: 1, estimator: 'ste', lambda: 0.002, steps: 3 });
    useAppStore.setState({ backend: wasm });
    resetLearned();
    expect(learnedModel()?.kind).toBe('block');
    expect(useAppStore.getState().lesson.learnedModel).toBe('conv'); // the link still asks for it
    stepLearned(1, 0);
    expect(useAppStore.getState().learned.evaluation?.model).toBe('block');
    await loadLearnedWeights(Object.assign(new Blob([json]), { name: 'conv.json' }));
    const error = useAppStore.getState().learned.error ?? '';
    expect(englishMessage(error)).toMatch(/conv\.json.*convolutional model.*#8474/);
    // a message, not text: it reads in the language shown, also after a switch
    await setLanguage('zh');
    expect(translateMessage(error)).toMatch(/conv\.json 不能在这里使用：它保存的是卷积模型.*#8474/);
    await setLanguage('en');
    expect(learnedModel()?.kind).toBe('block');
  });
});
