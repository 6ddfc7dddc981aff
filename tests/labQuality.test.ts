import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabResult } from '../src/image/labCompute';

// the worker's measure, replaced by a recorder: which images were measured, in order
const measured: Uint8ClampedArray[][] = [];
vi.mock('../src/image/labWorker', () => ({
  measureMsssim: (_original: Uint8ClampedArray, images: readonly Uint8ClampedArray[]) => {
    measured.push([...images]);
    return Promise.resolve(images.map((image) => ({ value: image[0]! / 255, scales: [] })));
  },
}));

const { qualityJob, QUALITY_QUIET_MS } = await import('../src/state/labQuality');
const { startJobs } = await import('../src/state/scheduler');
const { useAppStore } = await import('../src/state/store');

// node has no animation frames: a frame is a macrotask here
Object.assign(globalThis, {
  requestAnimationFrame: (callback: () => void) => setTimeout(callback, 0) as unknown as number,
  cancelAnimationFrame: (handle: number) => clearTimeout(handle),
});
const { prepareLabImage } = await import('../src/image/labCompute');

const rgba = new Uint8ClampedArray(4 * 4).fill(200);
const image = { name: 'test', own: false, lab: prepareLabImage(rgba, 2, 2), scaledFrom: null };
const picture = (value: number) => new Uint8ClampedArray(16).fill(value);
const result = (hard: Uint8ClampedArray, soft: Uint8ClampedArray) => ({ hard, soft }) as unknown as LabResult;

function show(next: LabResult) {
  useAppStore.setState((state) => ({ lab: { ...state.lab, image, result: next } }));
}

let stop: () => void = () => {};
beforeEach(() => {
  vi.useFakeTimers();
  measured.length = 0;
  stop = startJobs([qualityJob]);
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('MS-SSIM after a press (the quality job)', () => {
  it('waits for quiet, measures the hard image once per hard image, and the soft one every time', async () => {
    const hard = picture(51);
    const first = result(hard, picture(102));
    show(first);
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS - 1);
    expect(measured).toEqual([]); // not yet: a press may follow
    await vi.advanceTimersByTimeAsync(1);
    expect(measured).toEqual([[first.hard, first.soft]]);
    expect(useAppStore.getState().lab.quality).toMatchObject({
      result: first,
      hard: { value: 0.2 },
      soft: { value: 0.4 },
    });

    // a temperature press: the same hard image, a new soft one
    const second = result(hard, picture(153));
    show(second);
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS);
    expect(measured[1]).toEqual([second.soft]);
    expect(useAppStore.getState().lab.quality).toMatchObject({
      result: second,
      hard: { value: 0.2 },
      soft: { value: 0.6 },
    });

    // presses closer than the quiet time: only the last is measured; a new hard image is measured
    const third = result(picture(255), picture(0));
    show(result(picture(1), picture(2)));
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS / 2);
    show(third);
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS);
    expect(measured.slice(2)).toEqual([[third.hard, third.soft]]);
    expect(useAppStore.getState().lab.quality).toMatchObject({ result: third, hard: { value: 1 }, soft: { value: 0 } });

    // a press that starts computing restarts the wait, before its result is there
    const fourth = result(picture(9), picture(10));
    show(fourth);
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS - 100);
    useAppStore.setState((state) => ({ lab: { ...state.lab, pressedAt: performance.now() } }));
    await vi.advanceTimersByTimeAsync(200);
    expect(measured).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(QUALITY_QUIET_MS);
    expect(measured[3]).toEqual([fourth.hard, fourth.soft]);
  });
});
