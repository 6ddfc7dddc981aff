import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { NEAREST_INDEX, SOFT_ASSIGN, SUMMARY, type QuantizerAttrs } from './kernelNames';
import { nearestIndexLoop, softAssignLoop, summaryLoop } from './loops';

/** The parts of the wasm backend the kernels use: views of its heap, no copies. */
interface WasmBackend {
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

/** Loops straight over the wasm heap: the inputs and the output are views of it. */
export const wasmKernels: KernelConfig[] = [
  {
    kernelName: SOFT_ASSIGN,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const wasm = backend as unknown as WasmBackend;
      const n = w.shape[0] as number;
      const p = wasm.makeOutput([n, centers.shape[0] as number], 'float32');
      const soft = wasm.makeOutput([n], 'float32');
      // the outputs are allocated first: a heap growth would detach views taken before it
      softAssignLoop(
        wasm.typedArrayFromHeap(w),
        wasm.typedArrayFromHeap(centers),
        sigma,
        squared,
        wasm.typedArrayFromHeap(p),
        wasm.typedArrayFromHeap(soft),
      );
      return [p, soft];
    },
  },
  {
    kernelName: NEAREST_INDEX,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { squared } = attrs as unknown as QuantizerAttrs;
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput([w.shape[0] as number], 'float32');
      nearestIndexLoop(
        wasm.typedArrayFromHeap(w),
        wasm.typedArrayFromHeap(centers),
        squared,
        wasm.typedArrayFromHeap(out),
      );
      return out;
    },
  },
  {
    kernelName: SUMMARY,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput([4, w.shape[0] as number], 'float32');
      summaryLoop(
        wasm.typedArrayFromHeap(w),
        wasm.typedArrayFromHeap(centers),
        sigma,
        squared,
        wasm.typedArrayFromHeap(out),
      );
      return out;
    },
  },
];
