/**
 * Which learned codec trains on the running backend: the conv model only where it was asked for
 * and the backend is hardware WebGL (image/learned/convAvailability.ts), else the block model.
 */
import { convAvailable, type ConvAvailability } from '../image/learned/convAvailability';
import type { LearnedModelKind } from '../image/learned/weights';
import type { Message } from '../i18n/message';
import type { BackendStatus } from './backend';
import { isSoftwareRenderer } from './backendPlan';

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
