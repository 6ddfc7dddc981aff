/**
 * Where the page offers the convolutional codec (conv.ts): only on hardware WebGL. A pure
 * decision with its reason as a message (lab:conv.*), as engine/backendPlan.ts decides the backend.
 */
import { message, type Message } from '../../i18n/message';

/** Whether the page offers the conv model on the running backend, and why (not), in one sentence. */
export interface ConvAvailability {
  available: boolean;
  reason: Message;
}

/**
 * The conv model trains only on hardware WebGL. `isHardwareWebGL` is the engine's verdict on the
 * renderer, `!isSoftwareRenderer(renderer)` (engine/backendPlan.ts); engine/learnedModelPlan.ts
 * applies it.
 * A hidden renderer counts as hardware, as the backend plan counts it.
 */
export function convAvailable(backendName: string, isHardwareWebGL: boolean): ConvAvailability {
  if (backendName === 'webgl' && isHardwareWebGL) return { available: true, reason: message('lab:conv.hardware') };
  if (backendName === 'webgl') return { available: false, reason: message('lab:conv.softwareWebGL') };
  if (backendName === 'wasm') return { available: false, reason: message('lab:conv.wasm') };
  if (backendName === 'cpu') return { available: false, reason: message('lab:conv.cpu') };
  return { available: false, reason: message('lab:conv.other', { backend: backendName }) };
}
