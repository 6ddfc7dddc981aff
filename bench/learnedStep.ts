/**
 * Step time of the learned block codec (src/image/learned) in node, on tfjs cpu and wasm:
 * a 192 -> 64 -> 16 -> 64 -> 192 model, 256 random 8 x 8 blocks a step, the STE, Adam.
 * Run with `npx vitest run --config bench/vitest.learned.config.ts` (not part of `npm run bench`,
 * which drives a browser).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { blockSource, createBlockSampler, type RgbaImage } from '../src/image/learned/blocks';
import { createBlockCodec } from '../src/image/learned/blockCodec';
import { createTrainer, type TrainSetting } from '../src/image/learned/train';
import { makeCenters } from '../src/model/centers';

function syntheticImage(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    data.set([x % 256, y % 256, (128 + 100 * Math.sin((x * y) / 500)) | 0, 255], i * 4);
  }
  return { data, width, height };
}

export async function measure(wasmDirectory: string, steps = 30, warmup = 5): Promise<string[]> {
  setWasmPaths(wasmDirectory);
  const lines: string[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const estimator of ['ste', 'noise'] as const) {
      const image = syntheticImage(256, 256);
      const sampler = createBlockSampler(blockSource([{ name: 'synthetic', image }], 'synthetic'), 8, 1);
      const codec = createBlockCodec({
        blockSize: 8,
        hidden: 64,
        channels: 16,
        centers: Array.from(makeCenters(5, 1)),
        distance: 'l2',
        seed: 1,
      });
      const trainer = createTrainer({ seed: 1 });
      const setting: TrainSetting = { estimator, lambda: 0.01, temperature: 1 };
      const batches = Array.from({ length: steps + warmup }, () => sampler.next(256));
      for (let s = 0; s < warmup; s++) codec.trainStep(trainer, batches[s] as Float32Array, 8, setting);
      const times: number[] = [];
      for (let s = warmup; s < steps + warmup; s++) {
        const start = performance.now();
        codec.trainStep(trainer, batches[s] as Float32Array, 8, setting);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)] as number;
      lines.push(
        `${backend.padEnd(5)} ${estimator.padEnd(6)} median ${median.toFixed(1)} ms/step  (min ${(times[0] as number).toFixed(1)}, max ${(times[times.length - 1] as number).toFixed(1)}; ${steps} steps, tensors ${tf.memory().numTensors})`,
      );
      codec.dispose();
      trainer.dispose();
    }
  }
  return lines;
}
