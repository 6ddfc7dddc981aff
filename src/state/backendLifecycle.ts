import { prepareWasmFallback, restartWebGL, startBackend, webglCanvas, type BackendStatus } from '../engine/backend';
import type { BackendName, WebGLProbe } from '../engine/backendPlan';
import { probeWebGL } from '../engine/webglProbe';
import { message, messageList, type Message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { Timers } from './scheduler';
import { useAppStore } from './store';

function switchTo(backend: BackendStatus, notice: Message): void {
  useAppStore.getState().setBackend(backend, true);
  useAppStore.getState().addNotices([notice]);
}

/**
 * What keeps the backend working after it started: the watch on the WebGL context, the recovery
 * after a loss, and the tries to return to WebGL. Its delays and retries belong to `timers`; the
 * try in flight (the restored event and the timed retries share one) is `returning`.
 * @returns watchContextLoss, to call on each new WebGL context
 */
function keepWorking(timers: Timers): { watchContextLoss: () => void } {
  let returning: Promise<boolean> | null = null;

  /** On WebGL again after a loss (restartWebGL has succeeded): the status, and a watch on the new context. */
  function backOnWebGL(reason: Message, renderer: string | null, notice: Message): void {
    switchTo({ name: 'webgl', reason, renderer, failures: [], warning: null }, notice);
    watchContextLoss();
  }

  /**
   * Opens a fresh WebGL context and computes there again, if the app is still on the fallback.
   * Resolves true once on WebGL; false when it could not start (the fallback is kept).
   * Tries do not overlap: the restored event and the timed retries share one.
   */
  function returnToWebGL(fallback: BackendName, renderer: string | null): Promise<boolean> {
    if (useAppStore.getState().backend?.name === 'webgl') return Promise.resolve(true);
    // A probe first: where no context opens, tfjs is not touched (and the view keeps computing).
    if (!returning && probeWebGL().version === 0) return Promise.resolve(false);
    returning ??= restartWebGL()
      .then(
        () => {
          // "staying on the fallback and trying again" no longer holds: the notice saying so goes
          useAppStore.getState().dropNotices('app:notice.noFreshContext');
          backOnWebGL(message('app:backend.restored'), renderer, message('app:notice.webglRestored'));
          return true;
        },
        async () => {
          // restartWebGL may have left tfjs on a half-started webgl: go back to the fallback
          await startBackend(fallback, { version: 0, renderer }, ['webgl']);
          return false;
        },
      )
      .finally(() => (returning = null));
    return returning;
  }

  /**
   * Back on WebGL when it can start again, if the app had to fall back: at once when the lost
   * context is restored, and meanwhile by trying a fresh context after 2 s, 4 s, ... (at most 30 s
   * apart). A browser does not always restore a lost context, so the event alone is not waited for.
   */
  function awaitRestore(canvas: HTMLCanvasElement | OffscreenCanvas, fallback: BackendName, renderer: string | null) {
    const stop = timers.retry(() => returnToWebGL(fallback, renderer));
    canvas.addEventListener(
      'webglcontextrestored',
      () => {
        void returnToWebGL(fallback, renderer).then((back) => {
          if (back) return stop();
          useAppStore.getState().addNotices([message('app:notice.webglRestartFailed', { backend: fallback })]);
        });
      },
      { once: true },
    );
  }

  /**
   * When the WebGL context is lost (GPU reset, driver update, too many contexts), the app at once
   * computes the same view on wasm (or cpu), opens a fresh WebGL context meanwhile (about a second
   * on software GL), and switches back to WebGL when it is ready, saying each step. If no new context
   * opens, it stays on the fallback until the lost context is restored.
   */
  function watchContextLoss(): void {
    const canvas = webglCanvas();
    if (!canvas) return;
    canvas.addEventListener(
      'webglcontextlost',
      () => {
        const renderer = useAppStore.getState().backend?.renderer ?? null;
        // Nothing more runs on the lost context, and what is still in flight there is discarded.
        useAppStore.getState().setBackend(null, true);
        void recover(canvas, renderer);
      },
      { once: true },
    );
  }

  /** Resolves once the view of the current backend epoch is painted, or after 3 s at most. */
  function fallbackViewShown(): Promise<void> {
    const epoch = useAppStore.getState().backendEpoch;
    const painted = (done: () => void) => timers.afterPaint(done);
    return new Promise((resolve) => {
      const cancelCap = timers.after(3000, finish);
      function finish() {
        cancelCap();
        unsubscribe();
        resolve();
      }
      const unsubscribe = useAppStore.subscribe((state) => {
        if (state.view?.epoch === epoch) painted(finish);
      });
      if (useAppStore.getState().view?.epoch === epoch) painted(finish);
    });
  }

  async function recover(canvas: HTMLCanvasElement | OffscreenCanvas, renderer: string | null): Promise<void> {
    const fallback = await startBackend(null, { version: 0, renderer }, ['webgl']);
    switchTo(
      { ...fallback, reason: message('app:backend.lost') },
      message('app:notice.contextLost', { backend: fallback.name }),
    );
    // A fresh WebGL context blocks the page while it starts (about a second on software GL): let the
    // view on the fallback reach the screen first.
    await fallbackViewShown();
    try {
      await restartWebGL();
    } catch (error) {
      // restartWebGL may have left tfjs on a half-started webgl: go back to the fallback
      await startBackend(fallback.name, { version: 0, renderer }, ['webgl']);
      useAppStore
        .getState()
        .addNotices([
          message('app:notice.noFreshContext', { error: errorMessage(error, true), backend: fallback.name }),
        ]);
      awaitRestore(canvas, fallback.name, renderer);
      return;
    }
    backOnWebGL(message('app:backend.fresh'), renderer, message('app:notice.recovered'));
  }

  return { watchContextLoss };
}

/**
 * Starts the backend the URL asks for (or the best one here), and keeps it working.
 * @param probe what a look at WebGL found as the page started (engine/earlyStart.ts)
 * @returns a function that stops its timers (the wasm fallback's start, the tries to return to WebGL)
 */
export async function bootBackend(
  requested: BackendName | null,
  probe: WebGLProbe = probeWebGL(),
): Promise<() => void> {
  const timers = new Timers();
  const backend = await startBackend(requested, probe);
  useAppStore.getState().setBackend(backend, false);
  const { addNotices } = useAppStore.getState();
  if (backend.failures.length > 0) {
    addNotices([
      message('app:notice.fellBack', { backend: backend.name, failures: messageList(backend.failures, 'semicolon') }),
    ]);
  }
  if (backend.warning) addNotices([message('app:notice.precision', { warning: backend.warning })]);
  keepWorking(timers).watchContextLoss();
  // On WebGL, get the fallback ready while the page is idle: a lost context then costs little.
  if (backend.name === 'webgl') timers.after(1500, () => void prepareWasmFallback().catch(() => undefined));
  return () => timers.stop();
}
