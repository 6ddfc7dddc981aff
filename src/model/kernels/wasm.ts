import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { NEAREST_INDEX, SOFT_ASSIGN, type QuantizerAttrs } from './kernelNames';
import { nearestIndexLoop, softAssignLoop } from './loops';

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
      const l = centers.shape[0] as number;
      const out = wasm.makeOutput([w.shape[0] as number, l + 1], 'float32');
      // the output is allocated first: a heap growth would detach views taken before it
      softAssignLoop(
        wasm.typedArrayFromHeap(w),
        wasm.typedArrayFromHeap(centers),
        sigma,
        squared,
        wasm.typedArrayFromHeap(out),
      );
      return out;
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
];
