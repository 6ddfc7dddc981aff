import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import * as tf from '@tensorflow/tfjs-core';
import { wasmFallbackReady, webglCanvas } from './engine/backend';
import { bootBackend } from './state/backendLifecycle';
import { relaxationsJob } from './state/compareRelaxations';
import { viewJob } from './state/compute';
import { startJobs } from './state/scheduler';
import { startTrainingSetupWatch, trainingJob } from './state/trainingLoop';
import { useAppStore, type AppState } from './state/store';
import { readEmbed } from './state/embed';
import { readUrl } from './state/url';
import { whenPaintedAndIdle } from './browser/afterPaint';
import { addressRepair, repairNotices } from './repairAddress';
import { startOffline } from './offline';
import { canonicaliseUrl, pendingHistoryEntries, startUrlSync } from './state/urlSync';
import { startLinking } from './teach/linking';
import { paintedPaths } from './viz/canvasMarks';
import type { TfQuantizerSettings } from './image/tfImageQuantizer';
import { setLanguage } from './i18n/i18n';
import { englishMessage, errorMessage } from './i18n/messageText';
import { resolveLanguage } from './i18n/languages';
import './styles.css';

/** The language a view asks for: its link's `lang`, else the browser's. */
function viewLanguage() {
  return resolveLanguage(useAppStore.getState().lesson.lang, navigator.languages ?? [navigator.language]);
}

/** Follows the store's `lang` (the switch, Back and Forward) with the page's messages. */
function startLanguageSync(): void {
  useAppStore.subscribe(
    (state) => state.lesson.lang,
    () => void setLanguage(viewLanguage()),
  );
}

/**
 * The image lab's jobs load once the first view is drawn, or at once where the lab is on screen
 * (an embed of it): the first view fetches none of the lab's code.
 */
function startLabJobsLater(): void {
  const needed = (state: AppState) => state.view !== null || state.onScreen.lab === true;
  const start = () =>
    void import('./state/labJobs').then(
      ({ startLabJobs }) => startLabJobs(),
      (error: unknown) => useAppStore.setState({ error: errorMessage(error) }),
    );
  const afterPaint = () => void whenPaintedAndIdle(start);
  if (needed(useAppStore.getState())) return afterPaint();
  const stop = useAppStore.subscribe(needed, (yes) => {
    if (!yes) return;
    stop();
    afterPaint();
  });
}

/** URL -> params -> backend -> the compute subscriber; the page renders from the first moment. */
async function boot(): Promise<void> {
  const view = readUrl(window.location.search);
  const embed = readEmbed(window.location.search);
  useAppStore.setState({
    params: view.params,
    lesson: view.lesson,
    requestedBackend: view.backend,
    engine: view.engine,
    notices: [...repairNotices(addressRepair), ...view.notices, ...(embed.notice ? [embed.notice] : [])],
    embed: embed.value,
  });
  canonicaliseUrl();
  startUrlSync();
  startLanguageSync();
  try {
    await bootBackend(view.backend);
    // for the benchmark: how much of the first view is starting the backend
    performance.mark('quantization-playground:backend-ready');
    // one owner for every recurring tfjs job (src/state/scheduler.ts)
    startJobs([viewJob, relaxationsJob, trainingJob]);
    startTrainingSetupWatch();
    startLabJobsLater();
    startOffline();
  } catch (error) {
    useAppStore.setState({ error: errorMessage(error) });
  }
}

// A handle for tests and for the curious in the console: the store, tfjs's memory, the GL canvas.
Object.assign(window, {
  quantizationPlayground: {
    store: useAppStore,
    /** a message from the store (a notice, a backend's reason) in plain English */
    english: englishMessage,
    memory: () => tf.memory(),
    backend: () => tf.getBackend(),
    webglCanvas,
    wasmFallbackReady,
    pendingHistoryEntries,
    /** the SVG path of each mark a figure's canvas painted last, by id (viz/canvasMarks.ts) */
    paintedPaths,
    /** the image lab's quantizer on any inputs, under either engine: [w_soft, w_hard, index, entropy bits] */
    labSummary: async (inputs: number[], settings: TfQuantizerSettings) =>
      (await import('./labHooks')).labSummary(inputs, settings),
    /** the lab's learned codec's parameters now, by name, or null before it has a model */
    learnedParameters: async () => (await import('./labHooks')).learnedParameters(),
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
startLinking(root);
const render = () =>
  createRoot(root, {
    // A figure's error is handled: its boundary shows a box and a notice says what failed.
    onCaughtError: (error) => console.warn('A figure failed and shows an error box instead:', error),
  }).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// boot() sets the store from the link synchronously, before its first await: the language is
// known then, and the page renders once its messages are there (at once for English)
void boot();
void setLanguage(viewLanguage())
  .catch((error: unknown) => console.warn('The language could not be loaded; showing English:', error))
  .finally(render);
