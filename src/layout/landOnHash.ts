import { Timers, type Cancel } from '../state/scheduler';

/** How long the page may keep moving a landed section back into place after its last layout change, ms. */
const SETTLE_MS = 1500;
/** The longest a link waits for its section to appear (the lazy parts load after the first view), ms. */
const WAIT_MS = 15_000;

/** The element a `#section` names, if the page has it. */
function target(hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null; // a malformed escape (#%E0) names nothing
  }
}

/**
 * Makes a link with `#section` land at that section: the browser looks for the anchor before the
 * lazily loaded parts (the explanation, the image lab) exist, and the figures above it change
 * height as they draw. This waits for the element, scrolls to it (below the pinned strip: the
 * stylesheet's scroll-padding), and keeps it there while the layout above it settles, until the
 * person scrolls, types or touches, or the layout has been still for SETTLE_MS.
 * @returns a function that stops it
 */
export function landOnHash(hash: string = window.location.hash): () => void {
  if (hash.length < 2) return () => {};
  let element: HTMLElement | null = null;
  const timers = new Timers();
  let settle: Cancel = () => {};
  const giveUp = timers.after(WAIT_MS, () => stop());
  const land = () => {
    element ??= target(hash);
    if (!element) return;
    // a section folded away (the orientation on a phone) opens first, or there is nothing to see
    const folded = element.closest('details:not([open])');
    if (folded instanceof HTMLDetailsElement) folded.open = true;
    element.scrollIntoView({ block: 'start' });
    giveUp();
    settle();
    settle = timers.after(SETTLE_MS, () => stop());
  };
  const mutations = new MutationObserver(() => {
    if (element) return;
    if (target(hash)) land();
  });
  const layout = typeof ResizeObserver === 'function' ? new ResizeObserver(() => element && land()) : null;
  const userMoved = () => stop();
  const inputs = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  function stop() {
    mutations.disconnect();
    layout?.disconnect();
    timers.stop();
    for (const name of inputs) window.removeEventListener(name, userMoved, true);
  }
  mutations.observe(document.body, { childList: true, subtree: true });
  layout?.observe(document.body);
  for (const name of inputs) window.addEventListener(name, userMoved, { capture: true, passive: true });
  land();
  return stop;
}
