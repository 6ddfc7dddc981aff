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

/**
 * Fetches the wasm binaries into the HTTP cache ahead of need, so that falling back to wasm
 * (after a lost WebGL context) starts in a fraction of a second.
 */
export async function prefetchWasmBinaries(): Promise<void> {
  await Promise.all([simdWasm, plainWasm].map((url) => fetch(url).then((response) => response.arrayBuffer())));
}
