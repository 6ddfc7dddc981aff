import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
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
import { installTestHook } from './testHook';
import { canonicaliseUrl, startUrlSync } from './state/urlSync';
import { startLinking } from './teach/linking';
import { setLanguage } from './i18n/i18n';
import type { EarlyStart } from './engine/earlyStart';
import { errorMessage } from './i18n/messageText';
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
async function boot(early: EarlyStart): Promise<void> {
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
  const urlSync = startUrlSync();
  // The browser tests' handle on the store: only in their build (`vite build --mode e2e`).
  if (import.meta.env.MODE === 'e2e') installTestHook(urlSync);
  startLanguageSync();
  try {
    await bootBackend(view.backend, early.probe);
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

/** Starts the app: entry.ts calls this once, with what it looked at while this module loaded. */
export function start(early: EarlyStart): void {
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
  void boot(early);
  void setLanguage(viewLanguage())
    .catch((error: unknown) => console.warn('The language could not be loaded; showing English:', error))
    .finally(render);
}
