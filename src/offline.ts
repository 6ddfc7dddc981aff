import { registerSW } from 'virtual:pwa-register';
import { Timers } from './state/scheduler';
import { useAppStore } from './state/store';

/**
 * Registers the service worker that keeps the app working offline after the first visit
 * (production builds only). It starts when the page is idle after the first view, so the
 * precache download never competes with it. A new version is offered through the store
 * (`update`), and taken only when the person asks.
 * @returns a function that cancels the registration if it has not started yet
 */
export function startOffline(): () => void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return () => {};
  const timers = new Timers();
  const register = () => {
    const updateServiceWorker = registerSW({
      onNeedRefresh: () => useAppStore.getState().offerUpdate(() => void updateServiceWorker(true)),
      onRegisterError: (error: unknown) => console.warn('The offline copy could not be set up:', error),
    });
  };
  timers.whenIdle(register, { timeoutMs: 3000, fallbackMs: 1000 });
  return () => timers.stop();
}
