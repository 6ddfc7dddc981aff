import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startBackend } from './engine/backend';
import { startComputing } from './state/compute';
import { useAppStore } from './state/store';
import { readUrl } from './state/url';
import { canonicaliseUrl, startUrlSync } from './state/urlSync';
import './styles.css';

/** URL -> params -> backend -> the compute subscriber; the page renders from the first moment. */
async function boot(): Promise<void> {
  const view = readUrl(window.location.search);
  useAppStore.setState({ params: view.params, requestedBackend: view.backend, notices: view.notices });
  canonicaliseUrl();
  startUrlSync();
  try {
    const backend = await startBackend(view.backend);
    useAppStore.setState({ backend });
    if (backend.failures.length > 0) {
      useAppStore.getState().addNotices([`Fell back to ${backend.name}: ${backend.failures.join('; ')}`]);
    }
    startComputing();
  } catch (error) {
    useAppStore.setState({ error: error instanceof Error ? error.message : String(error) });
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void boot();
