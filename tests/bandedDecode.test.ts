/**
 * A conv file decoded by bands (the runner the coding worker's sub-workers serve, here run in
 * process) against decodeLabFile's one-piece decode: the same RGBA bit for bit, the same answer
 * for every other file and for damaged bytes, and a failing runner's bands decoded here.
 */
import { describe, expect, it } from 'vitest';
import { convBandTasks, decodeLabFileInBands, runConvBand } from '../src/image/coding/bandedDecode';
import { decodeLabFile, encodeLabFile } from '../src/image/coding/container';
import { decoderSizes, encodeLearnedPayload, type LearnedFileModel } from '../src/image/coding/learnedPayload';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';

const random = seededRandom(5);

/** A learned file of a seeded random decoder and symbols (a decoder's bits do not depend on its training). */
function learnedFile(model: LearnedFileModel, width: number, height: number): Uint8Array {
  const side = model.kind === 'conv' ? 8 : model.blockSize;
  const rows = Math.ceil(height / side) * Math.ceil(width / side);
  const decoder = decoderSizes(model).map((size) => Float32Array.from({ length: size }, () => random() - 0.5));
  const indices = Uint8Array.from({ length: rows * model.channels }, () => Math.floor(random() * 5));
  const payload = encodeLearnedPayload({ width, height, model, centers: makeCenters(5, 1), decoder, indices });
  return encodeLabFile('learned', width, height, payload);
}

const inProcess = (task: Parameters<typeof runConvBand>[0]) => Promise.resolve(runConvBand(task));

describe('decodeLabFileInBands', () => {
  it('decodes conv files of odd sizes to decodeLabFile bytes bit for bit, in 1 to 5 bands', async () => {
    for (const [kernelSize, width, height] of [
      [5, 37, 29],
      [3, 9, 50],
      [7, 20, 3],
    ] as const) {
      const file = learnedFile({ kind: 'conv', kernelSize, filters: 6, channels: 3 }, width, height);
      const whole = decodeLabFile(file);
      expect(whole.ok).toBe(true);
      for (const bands of [1, 2, 3, 5]) {
        let calls = 0;
        const result = await decodeLabFileInBands(file, bands, (task) => {
          calls++;
          return inProcess(task);
        });
        expect(result, `k ${kernelSize}, ${width} x ${height}, ${bands} bands`).toEqual(whole);
        expect(calls).toBe(bands);
      }
    }
  });

  it('gives each band only the latent rows it reads, fewer than the whole map when split', () => {
    const model = { kind: 'conv', kernelSize: 5, filters: 4, channels: 2 } as const;
    const latentMap = { height: 12, width: 3, channels: 2, kernelSize: 5 };
    const decoder = decoderSizes(model).map((size) => new Float64Array(size));
    const [filter1, bias1, filter2, bias2, filter3, bias3] = decoder as [Float64Array, ...Float64Array[]];
    const weights = { filter1, bias1, filter2, bias2, filter3, bias3 } as Parameters<typeof convBandTasks>[0];
    const tasks = convBandTasks(weights, latentMap, new Float64Array(12 * 3 * 2), 4);
    expect(tasks.map((t) => [t.imageFrom, t.imageTo])).toEqual([
      [0, 24],
      [24, 48],
      [48, 72],
      [72, 96],
    ]);
    for (const task of tasks) expect(task.latents.length / 6).toBeLessThan(12);
  });

  it('runs here the bands whose runner fails, and answers other and damaged files as decodeLabFile', async () => {
    const file = learnedFile({ kind: 'conv', kernelSize: 5, filters: 4, channels: 2 }, 17, 11);
    const failing = () => Promise.reject(new Error('no worker'));
    expect(await decodeLabFileInBands(file, 3, failing)).toEqual(decodeLabFile(file));
    const block = learnedFile({ kind: 'block', blockSize: 4, hidden: 5, channels: 2 }, 13, 7);
    expect(await decodeLabFileInBands(block, 3, failing)).toEqual(decodeLabFile(block));
    const damaged = file.slice();
    damaged[20] = (damaged[20] as number) ^ 0xff;
    const answer = await decodeLabFileInBands(damaged, 3, inProcess);
    expect(answer.ok).toBe(false);
    expect(answer).toEqual(decodeLabFile(damaged));
    const truncated = file.subarray(0, 30);
    expect(await decodeLabFileInBands(truncated, 3, inProcess)).toEqual(decodeLabFile(truncated));
  });
});
