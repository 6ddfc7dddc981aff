import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The binaries come from the app's own origin (Vite copies them into the bundle), never a CDN.
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Points tfjs's wasm backend at the bundled binaries. Call before the backend starts. */
export function useBundledWasm(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
  });
}
