/** Which tfjs backend to run, and why: pure decisions, tested in node. */

import { message, type Message } from '../i18n/message';

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** What a look at the browser's WebGL found (see webglProbe.ts). */
export interface WebGLProbe {
  /** 0 when the browser gives no WebGL context at all */
  version: 0 | 1 | 2;
  /** the unmasked renderer string, or null when the browser hides it */
  renderer: string | null;
}

// Renderers that draw on the CPU: WebGL there is slower than wasm for this work.
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

/** A short name for a renderer: the software rasteriser's own name where there is one. */
export function shortRendererName(renderer: string | null): string | Message {
  if (renderer === null) return message('app:backend.rendererHidden');
  const software = SOFTWARE_RENDERERS.exec(renderer)?.[0];
  if (software) return software.toLowerCase() === 'swiftshader' ? 'SwiftShader' : software;
  return renderer.length > 80 ? `${renderer.slice(0, 77)}…` : renderer;
}

export interface BackendAttempt {
  name: BackendName;
  /** why this backend is tried, in words for the status line */
  reason: Message;
}

/**
 * The backends to try in order. Auto: hardware WebGL first; wasm where WebGL is missing or
 * software-rendered; cpu last. A forced backend (`?backend=`) goes first, the auto order after it.
 */
export function planBackends(requested: BackendName | null, probe: WebGLProbe): BackendAttempt[] {
  const auto: BackendAttempt[] = [];
  const renderer = shortRendererName(probe.renderer);
  if (probe.version === 0) {
    auto.push({ name: 'wasm', reason: message('app:backend.noWebgl') });
  } else if (isSoftwareRenderer(probe.renderer)) {
    auto.push({ name: 'wasm', reason: message('app:backend.software', { renderer }) });
  } else {
    auto.push({ name: 'webgl', reason: message('app:backend.hardware', { version: String(probe.version), renderer }) });
    auto.push({ name: 'wasm', reason: message('app:backend.webglFailed') });
  }
  auto.push({ name: 'cpu', reason: message('app:backend.cpu') });
  if (requested === null) return auto;
  return [
    { name: requested, reason: message('app:backend.forced', { backend: requested }) },
    ...auto
      .filter((attempt) => attempt.name !== requested)
      .map((attempt) => ({
        ...attempt,
        reason: message('app:backend.forcedFailed', { backend: requested, reason: attempt.reason }),
      })),
  ];
}
