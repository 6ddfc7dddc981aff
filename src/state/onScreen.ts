/**
 * Whether the element matching `selector` is on screen (or within 300 px of it), for work that
 * only a visible figure needs. The element may mount after this is called: it is looked up on
 * each question. `onEnter` runs whenever the element comes on screen.
 */
export function watchOnScreen(selector: string, onEnter: () => void): { onScreen: () => boolean; stop: () => void } {
  let visible = false;
  let observed: Element | null = null;
  let observer: IntersectionObserver | null = null;
  // Until the element exists, watch the document for it (it may be in a chunk loaded later).
  let waiting: MutationObserver | null = null;
  const attach = () => {
    const element = document.querySelector(selector);
    if (!element) {
      waiting ??= new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        waiting?.disconnect();
        waiting = null;
        attach();
      });
      waiting.observe(document.body, { childList: true, subtree: true });
      return;
    }
    if (element === observed) return;
    observer?.disconnect();
    observed = element;
    visible = false;
    observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        const wasVisible = visible;
        visible = entry?.isIntersecting ?? false;
        if (visible && !wasVisible) onEnter();
      },
      { rootMargin: '300px' },
    );
    observer.observe(element);
  };
  return {
    onScreen: () => {
      attach();
      return visible;
    },
    stop: () => {
      observer?.disconnect();
      waiting?.disconnect();
    },
  };
}
