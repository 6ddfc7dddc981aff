import * as tf from '@tensorflow/tfjs-core';
import { planBackends, type BackendName, type WebGLProbe } from './backendPlan';
import { probeWebGL } from './webglProbe';

export interface BackendStatus {
  name: BackendName;
  /** why it runs, for the status line */
  reason: string;
  /** the WebGL renderer the browser reported, if any */
  renderer: string | null;
  /** what went wrong with backends tried before this one */
  failures: string[];
}

/** Loads a backend's code only when it is tried, so the first page load stays small. */
async function registerBackend(name: BackendName): Promise<void> {
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (name === 'wasm') (await import('./wasmPaths')).useBundledWasm();
}

/** Why a started backend should not be kept, or null when it is fine. */
function rejectStarted(name: BackendName, forced: boolean): string | null {
  if (name !== 'webgl' || forced) return null;
  // Half-float render targets lose about 3 decimal digits: the seed's numbers would be wrong.
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE')) return 'WebGL cannot render float32 here';
  return null;
}

/**
 * Starts the first backend of the plan that works and says why it was chosen.
 * @param requested a backend forced by the URL, or null for the automatic choice
 */
export async function startBackend(
  requested: BackendName | null,
  probe: WebGLProbe = probeWebGL(),
): Promise<BackendStatus> {
  const failures: string[] = [];
  for (const attempt of planBackends(requested, probe)) {
    try {
      await registerBackend(attempt.name);
      if (!(await tf.setBackend(attempt.name))) throw new Error(`tfjs could not initialise ${attempt.name}`);
      await tf.ready();
      const rejection = rejectStarted(attempt.name, requested === attempt.name);
      if (rejection) throw new Error(rejection);
      return { name: attempt.name, reason: attempt.reason, renderer: probe.renderer, failures };
    } catch (error) {
      failures.push(`${attempt.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`no tfjs backend could start (${failures.join('; ')})`);
}
