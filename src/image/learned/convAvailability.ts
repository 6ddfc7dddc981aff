/**
 * Where the page offers the convolutional codec (conv.ts): only on hardware WebGL. A pure
 * decision with its reason in words, as engine/backendPlan.ts decides the backend.
 */
import type { BackendStatus } from '../../engine/backend';
import { isSoftwareRenderer } from '../../engine/backendPlan';

/** Whether the page offers the conv model on the running backend, and why (not), in one sentence. */
export interface ConvAvailability {
  available: boolean;
  reason: string;
}

/**
 * The conv model trains only on hardware WebGL. `isHardwareWebGL` is the engine's verdict on the
 * renderer, `!isSoftwareRenderer(renderer)` (engine/backendPlan.ts); convAvailableFor applies it.
 * A hidden renderer counts as hardware, as the backend plan counts it.
 */
export function convAvailable(backendName: string, isHardwareWebGL: boolean): ConvAvailability {
  if (backendName === 'webgl' && isHardwareWebGL) {
    return { available: true, reason: 'Hardware WebGL trains convolutions on the GPU.' };
  }
  if (backendName === 'webgl') {
    return {
      available: false,
      reason:
        'WebGL here is software-rendered, and software WebGL trains convolutions 10–300× slower than plain JavaScript.',
    };
  }
  if (backendName === 'wasm') {
    return {
      available: false,
      reason:
        "The wasm backend cannot train convolutions: it has no kernel for the gradient of a convolution's filter (tfjs issue #8474).",
    };
  }
  if (backendName === 'cpu') {
    return {
      available: false,
      reason: 'The cpu backend runs convolutions in plain JavaScript, too slowly to train them in the page.',
    };
  }
  return { available: false, reason: `The conv model runs only on hardware WebGL, not on "${backendName}".` };
}

/** convAvailable for the running backend, judging its renderer as the backend plan does. */
export function convAvailableFor(status: Pick<BackendStatus, 'name' | 'renderer'>): ConvAvailability {
  return convAvailable(status.name, status.name === 'webgl' && !isSoftwareRenderer(status.renderer));
}
