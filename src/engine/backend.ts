import * as tf from '@tensorflow/tfjs-core';
import { message, messageList, type Message } from '../i18n/message';
import { errorMessage, MessageError } from '../i18n/messageText';
import { planBackends, type BackendName, type WebGLProbe } from './backendPlan';
import { probeWebGL } from './webglProbe';

export interface BackendStatus {
  name: BackendName;
  /** why it runs, for the status line */
  reason: Message;
  /** the WebGL renderer the browser reported, if any */
  renderer: string | null;
  /** what went wrong with backends tried before this one */
  failures: Message[];
  /** a caveat about the running backend's numbers (16-bit WebGL), or null */
  warning: Message | null;
}

/** Loads a backend's code only when it is tried, so the first page load stays small. */
async function registerBackend(name: BackendName): Promise<void> {
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (name === 'wasm') (await import('./wasmPaths')).useBundledWasm();
}

/**
 * Why the running WebGL backend's numbers are not float32, or null when they are. Half-float
 * textures keep about 3 significant digits: the seed's printout would not be reproduced.
 */
function webglPrecisionProblem(): Message | null {
  if (tf.getBackend() !== 'webgl') return null;
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE')) return message('app:backend.noFloat32');
  if (tf.env().getBool('WEBGL_FORCE_F16_TEXTURES')) return message('app:backend.f16');
  return null;
}

let wasmWarmUp: Promise<void> | null = null;

/**
 * Starts the wasm backend beside the running one (tfjs keeps it ready without switching to it),
 * so that a fallback after a lost WebGL context is a switch, not a download and compile.
 */
export function prepareWasmFallback(): Promise<void> {
  wasmWarmUp ??= (async () => {
    (await import('./wasmPaths')).useBundledWasm();
    // findBackend starts an async backend's initialisation (returning null until it is done),
    // and tf.ready() waits for it. A second findBackend would start a second initialisation.
    if (!tf.engine().registry.wasm) tf.findBackend('wasm');
    await tf.ready();
    if (!tf.engine().registry.wasm) throw new MessageError(message('app:backend.wasmFailed'));
  })();
  return wasmWarmUp;
}

/** Whether the wasm fallback is started and a lost WebGL context would cost only a switch. */
export function wasmFallbackReady(): boolean {
  return tf.engine().registry.wasm !== undefined;
}

/** The canvas of the running WebGL backend's context, or null on another backend. */
export function webglCanvas(): HTMLCanvasElement | OffscreenCanvas | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  return backend.gpgpu?.gl?.canvas ?? null;
}

/**
 * Replaces the WebGL backend with a new instance, which opens a fresh context (tfjs drops a
 * lost context from its cache). Throws when that fails or gives only 16-bit floats.
 */
export async function restartWebGL(): Promise<void> {
  const { MathBackendWebGL } = await import('@tensorflow/tfjs-backend-webgl');
  if (tf.findBackendFactory('webgl')) tf.removeBackend('webgl');
  tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
  if (!(await tf.setBackend('webgl'))) throw new MessageError(message('app:backend.cannotInitNewContext'));
  await tf.ready();
  const problem = webglPrecisionProblem();
  if (problem) throw new MessageError(problem);
}

/**
 * Starts the first backend of the plan that works and says why it was chosen.
 * @param requested a backend forced by the URL, or null for the automatic choice
 */
export async function startBackend(
  requested: BackendName | null,
  probe: WebGLProbe = probeWebGL(),
  exclude: readonly BackendName[] = [],
): Promise<BackendStatus> {
  const failures: Message[] = [];
  for (const attempt of planBackends(requested, probe).filter((a) => !exclude.includes(a.name))) {
    try {
      await registerBackend(attempt.name);
      if (!(await tf.setBackend(attempt.name))) {
        throw new MessageError(message('app:backend.cannotInit', { backend: attempt.name }));
      }
      await tf.ready();
      const problem = webglPrecisionProblem();
      // Chosen automatically, 16-bit WebGL is passed over; forced, it runs with a warning.
      if (problem && requested !== attempt.name) throw new MessageError(problem);
      const warning = problem ? message('app:backend.lowPrecision', { problem }) : null;
      return { name: attempt.name, reason: attempt.reason, renderer: probe.renderer, failures, warning };
    } catch (error) {
      failures.push(message('app:backend.failure', { backend: attempt.name, error: errorMessage(error) }));
    }
  }
  throw new MessageError(message('app:backend.noneStarted', { failures: messageList(failures, 'semicolon') }));
}
