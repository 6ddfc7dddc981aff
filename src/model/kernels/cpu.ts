import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { NEAREST_INDEX, SOFT_ASSIGN, SUMMARY, type QuantizerAttrs } from './kernelNames';
import { nearestIndexLoop, softAssignLoop, summaryLoop } from './loops';

/** The parts of the cpu backend the kernels use (its class is not imported: no bundle cost). */
interface CpuBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/** Loops over the cpu backend's own arrays. */
export const cpuKernels: KernelConfig[] = [
  {
    kernelName: SOFT_ASSIGN,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const cpu = backend as unknown as CpuBackend;
      const n = w.shape[0] as number;
      const l = centers.shape[0] as number;
      const p = new Float32Array(n * l);
      const soft = new Float32Array(n);
      softAssignLoop(cpu.readSync(w.dataId), cpu.readSync(centers.dataId), sigma, squared, p, soft);
      return [cpu.makeTensorInfo([n, l], 'float32', p), cpu.makeTensorInfo([n], 'float32', soft)];
    },
  },
  {
    kernelName: NEAREST_INDEX,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { squared } = attrs as unknown as QuantizerAttrs;
      const cpu = backend as unknown as CpuBackend;
      const out = new Float32Array(w.shape[0] as number);
      nearestIndexLoop(cpu.readSync(w.dataId), cpu.readSync(centers.dataId), squared, out);
      return cpu.makeTensorInfo([out.length], 'float32', out);
    },
  },
  {
    kernelName: SUMMARY,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const cpu = backend as unknown as CpuBackend;
      const n = w.shape[0] as number;
      const out = new Float32Array(4 * n);
      summaryLoop(cpu.readSync(w.dataId), cpu.readSync(centers.dataId), sigma, squared, out);
      return cpu.makeTensorInfo([4, n], 'float32', out);
    },
  },
];
