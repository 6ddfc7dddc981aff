import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareLabImage } from '../src/image/labCompute';
import { encodeLabFileRequest, type LabFileRequest } from '../src/image/coding/labFileRequest';
import { decodeLabFile } from '../src/image/coding/container';
import { sweepLambdas } from '../src/image/learned/plan';
import { seededRandom } from '../src/model/random';
import { startSweep, stepLearned } from '../src/state/learnedLoop';
import type { LearnedRun } from '../src/state/learnedState';
import { useAppStore } from '../src/state/store';
import type { BackendStatus } from '../src/engine/backend';
import { useCpuBackend } from './setup-cpu';

// The page makes a learned press's file in the coding worker: its result lands a while after the
// run stopped. Here the "worker" answers after 30 ms, later than the sweep's next step would run.
vi.mock('../src/image/labWorker', () => ({
  labCodingOffThread: () => true,
  codeLabFileOffThread: (request: LabFileRequest) =>
    new Promise((resolve) =>
      setTimeout(() => {
        const bytes = encodeLabFileRequest(request);
        resolve({ bytes, decoded: decodeLabFile(bytes) });
      }, 30),
    ),
  measureMsssim: () => Promise.resolve(null),
}));

const wasm = { name: 'wasm', renderer: null, failures: [], warning: null } as unknown as BackendStatus;
const width = 24;
const height = 16;
const random = seededRandom(11);
const rgba = new Uint8ClampedArray(width * height * 4).map((_, i) =>
  i % 4 === 3 ? 255 : Math.floor(((i >> 2) % width) * 8 + random() * 40),
);
const image = { name: 'noise', own: true, lab: prepareLabImage(rgba, width, height), scaledFrom: null };

beforeAll(async () => {
  await useCpuBackend();
  const state = useAppStore.getState();
  useAppStore.setState({
    backend: wasm,
    lab: { ...state.lab, image },
    lesson: { ...state.lesson, transform: 'learned', learnedModel: 'block', learnedChannels: 2, learnedSteps: 2 },
  });
});
afterAll(() => useAppStore.setState({ backend: null }));

describe('the λ sweep, where presses are made off the thread', () => {
  it('waits for each run’s own press: one point per λ, each with its λ, the chosen λ last', async () => {
    const lambda = useAppStore.getState().lesson.learnedLambda;
    startSweep();
    const evaluations: Array<NonNullable<LearnedRun['evaluation']>> = [];
    const unsubscribe = useAppStore.subscribe(({ learned: { evaluation } }) => {
      if (!evaluation || evaluations.at(-1) === evaluation) return;
      if (evaluations.at(-1)?.lambda === evaluation.lambda) evaluations.pop();
      evaluations.push(evaluation); // the last one of each λ's run
    });
    startSweep();
    for (let turn = 0; turn < 400 && useAppStore.getState().learned.sweep !== null; turn++) {
      if (useAppStore.getState().learned.playing) stepLearned(1, 0);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    unsubscribe();
    const { learned } = useAppStore.getState();
    expect(learned.sweep).toBeNull();
    expect(learned.error).toBeNull();
    expect(learned.curve.map((p) => p.lambda)).toEqual(sweepLambdas(lambda));
    // each λ's run ended on its own press at the cap, and its point is that press's file
    expect(evaluations.map((e) => [e.lambda, e.steps])).toEqual(sweepLambdas(lambda).map((l) => [l, 2]));
    learned.curve.forEach((point, i) => {
      const press = evaluations[i];
      expect(point.bpp).toBe(press?.fileBpp);
      expect(point.psnr).toBe(press?.psnr);
    });
    expect(learned.evaluation?.lambda).toBe(lambda);
  });
});
