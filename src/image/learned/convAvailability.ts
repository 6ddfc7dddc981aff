/**
 * Where the page offers the convolutional codec (conv.ts): only on hardware WebGL. A pure
 * decision with its reason as a message (lab:conv.*), as engine/backendPlan.ts decides the backend.
 */
import type { BackendStatus } from '../../engine/backend';
import { isSoftwareRenderer } from '../../engine/backendPlan';
import { message, type Message } from '../../i18n/message';
import type { LearnedModelKind } from './weights';

/** Whether the page offers the conv model on the running backend, and why (not), in one sentence. */
export interface ConvAvailability {
  available: boolean;
  reason: Message;
}

/**
 * The conv model trains only on hardware WebGL. `isHardwareWebGL` is the engine's verdict on the
 * renderer, `!isSoftwareRenderer(renderer)` (engine/backendPlan.ts); convAvailableFor applies it.
 * A hidden renderer counts as hardware, as the backend plan counts it.
 */
export function convAvailable(backendName: string, isHardwareWebGL: boolean): ConvAvailability {
  if (backendName === 'webgl' && isHardwareWebGL) return { available: true, reason: message('lab:conv.hardware') };
  if (backendName === 'webgl') return { available: false, reason: message('lab:conv.softwareWebGL') };
  if (backendName === 'wasm') return { available: false, reason: message('lab:conv.wasm') };
  if (backendName === 'cpu') return { available: false, reason: message('lab:conv.cpu') };
  return { available: false, reason: message('lab:conv.other', { backend: backendName }) };
}

/** convAvailable for the running backend, judging its renderer as the backend plan does. */
export function convAvailableFor(status: Pick<BackendStatus, 'name' | 'renderer'>): ConvAvailability {
  return convAvailable(status.name, status.name === 'webgl' && !isSoftwareRenderer(status.renderer));
}

/**
 * The model that trains: the conv model where it was asked for and is available, else the block
 * model, with the reason the conv model was passed over (null when nothing was passed over).
 * Before a backend is up nothing is known: the block model, no reason yet.
 */
export function learnedModelToTrain(
  requested: LearnedModelKind,
  backend: Pick<BackendStatus, 'name' | 'renderer'> | null,
): { kind: LearnedModelKind; passedOver: Message | null } {
  if (requested === 'block') return { kind: 'block', passedOver: null };
  if (backend === null) return { kind: 'block', passedOver: null };
  const verdict = convAvailableFor(backend);
  return verdict.available ? { kind: 'conv', passedOver: null } : { kind: 'block', passedOver: verdict.reason };
}
