import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { isBackendName, planBackends, type WebGLProbe } from './backendPlan';
import { probeWebGL } from './webglProbe';

/** What the page learns and starts before the app's own code has loaded. */
export interface EarlyStart {
  /** the browser's WebGL, looked at once (the backend plan reads it) */
  probe: WebGLProbe;
  /** whether the wasm backend's code and binary were asked for at once */
  wasmEarly: boolean;
}

// the smallest module with a SIMD instruction: tfjs's own test (WASM_HAS_SIMD_SUPPORT)
const SIMD_TEST = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
]);

function hasWasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_TEST);
  } catch {
    return false;
  }
}

/**
 * Looks at WebGL as the page starts and, where the backend plan will start on wasm (no WebGL,
 * software WebGL, or `?backend=wasm`), asks for the wasm backend's code and its binary at once:
 * they then download while the app's own scripts load and run, instead of after them. The binary
 * is preloaded as the fetch tfjs makes (same URL, CORS mode, same-origin credentials), so tfjs
 * takes it from the preload. Elsewhere nothing more is fetched now.
 * @param search the page's query string, already repaired (repairAddress.ts)
 */
export function startEarly(search: string): EarlyStart {
  const probe = probeWebGL();
  const asked = new URLSearchParams(search).get('backend');
  const requested = isBackendName(asked) ? asked : null;
  const wasmEarly = planBackends(requested, probe)[0]?.name === 'wasm';
  if (wasmEarly) {
    void import('./wasmPaths').catch(() => undefined);
    if (hasWasmSimd()) {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = simdWasm;
      document.head.append(link);
    }
  }
  return { probe, wasmEarly };
}
