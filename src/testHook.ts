import * as tf from '@tensorflow/tfjs-core';
import { wasmFallbackReady, webglCanvas } from './engine/backend';
import type { TfQuantizerSettings } from './image/tfImageQuantizer';
import { englishMessage } from './i18n/messageText';
import { useAppStore } from './state/store';
import type { UrlSync } from './state/urlSync';
import { paintedPaths } from './viz/canvasMarks';

/**
 * The handle the browser tests (e2e/fixtures.ts) and the bench read the page through:
 * `window.quantizationPlayground`. Only the build for them has it (`vite build --mode e2e`,
 * main.tsx); `npm run build` ships none of it. It reads the running URL writer's pending entries.
 */
export function installTestHook(urlSync: UrlSync): void {
  Object.assign(window, {
    quantizationPlayground: {
      store: useAppStore,
      /** a message from the store (a notice, a backend's reason) in plain English */
      english: englishMessage,
      memory: () => tf.memory(),
      backend: () => tf.getBackend(),
      webglCanvas,
      wasmFallbackReady,
      pendingHistoryEntries: urlSync.pendingEntries,
      /** the SVG path of each mark a figure's canvas painted last, by id (viz/canvasMarks.ts) */
      paintedPaths,
      /** the image lab's quantizer on any inputs, under either engine: [w_soft, w_hard, index, entropy bits] */
      labSummary: async (inputs: number[], settings: TfQuantizerSettings) =>
        (await import('./labHooks')).labSummary(inputs, settings),
      /** the lab's learned codec's parameters now, by name, or null before it has a model */
      learnedParameters: async () => (await import('./labHooks')).learnedParameters(),
    },
  });
}
