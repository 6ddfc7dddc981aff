/**
 * Calls `callback` once the page has painted and the main thread is idle (an idle callback, at
 * most `timeoutMs` later; two frames where the browser has no idle callbacks).
 * @returns a function that cancels the call
 */
export function whenPaintedAndIdle(callback: () => void, timeoutMs = 3000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  let id = requestAnimationFrame(() => (id = requestAnimationFrame(callback)));
  return () => cancelAnimationFrame(id);
}
