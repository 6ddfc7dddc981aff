import { registerSW } from 'virtual:pwa-register';
import { useAppStore } from './state/store';

/**
 * Registers the service worker that keeps the app working offline after the first visit
 * (production builds only). It starts when the page is idle after the first view, so the
 * precache download never competes with it. A new version is offered through the store
 * (`update`), and taken only when the person asks.
 */
export function startOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    const updateServiceWorker = registerSW({
      onNeedRefresh: () => useAppStore.setState({ update: () => void updateServiceWorker(true) }),
      onRegisterError: (error: unknown) => console.warn('The offline copy could not be set up:', error),
    });
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(register, { timeout: 3000 });
  else setTimeout(register, 1000);
}
