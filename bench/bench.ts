import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../src/engine/backend';
import type { BackendName } from '../src/engine/backendPlan';
import { makeCenters } from '../src/model/centers';
import { makeGrid } from '../src/model/grid';
import { quantizeBatch } from '../src/model/quantizer';
import { allocatePlain, plainQuantize } from './plainJs';
import { runCodingBench } from './codingBench';

/** Elements (inputs x centers) per tfjs call: larger updates run in chunks, one readback each. */
const CHUNK_ELEMENTS = 1 << 21;

export interface Measurement {
  backend: BackendName | 'plain-js';
  inputs: number;
  centers: number;
  firstMs: number;
  medianMs: number | null;
  p95Ms: number | null;
  runs: number;
  readbacks: number;
  kernels: number | null;
  /** the profiled update's kernels by name, slowest first: how many and their summed ms */
  kernelTimes?: Array<{ name: string; count: number; ms: number }>;
  /** how many of the profiled update's kernels are the fused quantizer's own (Quantizer*) */
  fusedKernels?: number;
  note?: string;
}

/** Kernels of one profiled update, grouped by name, slowest first. */
async function profileUpdate(inputs: Float32Array, centers: Float32Array) {
  const profile = await tf.profile(() => tfjsUpdate(inputs, centers).then(() => tf.scalar(0)));
  const byName = new Map<string, { name: string; count: number; ms: number }>();
  for (const kernel of profile.kernels) {
    const entry = byName.get(kernel.name) ?? { name: kernel.name, count: 0, ms: 0 };
    entry.count++;
    const ms = await kernel.kernelTimeMs;
    entry.ms += typeof ms === 'number' ? ms : 0;
    byName.set(kernel.name, entry);
  }
  const kernelTimes = [...byName.values()].sort((a, b) => b.ms - a.ms);
  const fusedKernels = profile.kernels.filter((kernel) => kernel.name.startsWith('Quantizer')).length;
  return { kernels: profile.kernels.length, kernelTimes, fusedKernels };
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

async function tfjsUpdate(inputs: Float32Array, centers: Float32Array): Promise<number> {
  const chunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / centers.length));
  let readbacks = 0;
  for (let start = 0; start < inputs.length; start += chunk) {
    await quantizeBatch({
      centers,
      temperature: 1,
      distance: 'l1',
      sets: [{ inputs: inputs.subarray(start, start + chunk) }],
    });
    readbacks++;
  }
  return readbacks;
}

/**
 * Repeats `run` until about `budgetMs` have passed (3 to 25 runs) after one first run. On a cold
 * backend (its first size: shaders compile, wasm warms up) the first run never stands alone.
 */
async function timeRuns(run: () => Promise<unknown> | unknown, budgetMs: number, cold: boolean) {
  const first0 = performance.now();
  await run();
  const firstMs = performance.now() - first0;
  const times: number[] = [];
  // The first run is never the only sample: new shapes compile new shaders; three runs give a median.
  const minRuns = firstMs < 5 * budgetMs || cold ? 3 : 1;
  const end = performance.now() + budgetMs;
  while (times.length < minRuns || (minRuns === 3 && times.length < 25 && performance.now() < end)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    firstMs,
    medianMs: times.length ? percentile(times, 0.5) : firstMs,
    p95Ms: times.length ? percentile(times, 0.95) : firstMs,
    runs: times.length + 1,
  };
}

async function measureBackend(
  backend: BackendName,
  sizes: Array<[number, number]>,
  skipAboveMs: number,
): Promise<Measurement[]> {
  const status = await startBackend(backend);
  if (status.name !== backend) return [];
  const results: Measurement[] = [];
  let msPerElement = 0;
  for (const [count, centerCount] of sizes) {
    const inputs = makeGrid(-3, 3, count);
    const centers = makeCenters(centerCount, 1);
    const predicted = msPerElement * count * centerCount;
    if (predicted > skipAboveMs) {
      results.push({
        backend,
        inputs: count,
        centers: centerCount,
        firstMs: NaN,
        medianMs: null,
        p95Ms: null,
        runs: 0,
        readbacks: 0,
        kernels: null,
        note: `skipped: about ${(predicted / 1000).toFixed(0)} s per update from the smaller sizes`,
      });
      continue;
    }
    let readbacks = 0;
    const timing = await timeRuns(
      async () => (readbacks = await tfjsUpdate(inputs, centers)),
      1500,
      results.length === 0,
    );
    // profiled once where that is cheap: every small size, and on wasm and cpu up to about 5 s
    const cheap = count <= 4096 || (backend !== 'webgl' && (timing.medianMs ?? timing.firstMs) < 5000);
    const profile = cheap ? await profileUpdate(inputs, centers) : null;
    msPerElement = Math.max(msPerElement, (timing.medianMs ?? timing.firstMs) / (count * centerCount));
    results.push({
      backend,
      inputs: count,
      centers: centerCount,
      ...timing,
      readbacks,
      kernels: profile ? profile.kernels : null,
      ...(profile ? { fusedKernels: profile.fusedKernels } : {}),
      ...(profile && backend !== 'webgl' ? { kernelTimes: profile.kernelTimes.slice(0, 8) } : {}),
    });
  }
  return results;
}

function measurePlain(sizes: Array<[number, number]>): Measurement[] {
  return sizes.map(([count, centerCount]) => {
    const inputs = makeGrid(-3, 3, count);
    const centers = makeCenters(centerCount, 1);
    const out = allocatePlain(count, centerCount);
    const times: number[] = [];
    const t0 = performance.now();
    plainQuantize(inputs, centers, 1, 'l1', out);
    const firstMs = performance.now() - t0;
    const end = performance.now() + 1500;
    while (times.length < 3 || (times.length < 25 && performance.now() < end)) {
      const t = performance.now();
      plainQuantize(inputs, centers, 1, 'l1', out);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return {
      backend: 'plain-js' as const,
      inputs: count,
      centers: centerCount,
      firstMs,
      medianMs: percentile(times, 0.5),
      p95Ms: percentile(times, 0.95),
      runs: times.length + 1,
      readbacks: 0,
      kernels: 0,
    };
  });
}

/** Tensors alive before and after 1,000 updates at the default size. */
async function tensorsAfterUpdates(backend: BackendName): Promise<{ before: number; after: number }> {
  await startBackend(backend);
  const inputs = makeGrid(-3, 3, 512);
  const centers = makeCenters(5, 1);
  await tfjsUpdate(inputs, centers);
  const before = tf.memory().numTensors;
  for (let k = 0; k < 1000; k++) await tfjsUpdate(inputs, centers);
  return { before, after: tf.memory().numTensors };
}

/** ms per update above which a backend skips a size (predicted from its smaller sizes), per backend or by default. */
type SkipAbove = { default: number } & Partial<Record<BackendName, number>>;

async function run(options: { backends: BackendName[]; sizes: Array<[number, number]>; skipAboveMs: SkipAbove }) {
  const plain = measurePlain(options.sizes);
  const measurements: Measurement[] = [...plain];
  const tensors: Record<string, { before: number; after: number }> = {};
  for (const backend of options.backends) {
    measurements.push(
      ...(await measureBackend(backend, options.sizes, options.skipAboveMs[backend] ?? options.skipAboveMs.default)),
    );
    tensors[backend] = await tensorsAfterUpdates(backend);
  }
  return { measurements, tensors };
}

Object.assign(window, { runBench: run, runCodingBench });
