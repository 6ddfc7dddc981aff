import { useCallback, useRef } from 'react';
import { useAppStore, type WatchedFigure } from '../state/store';

/**
 * Tells the store whether the element is on screen (or within 300 px of it), so the scheduler
 * runs the figure's job only while it can be seen. State code never looks the figure up in the
 * DOM; the figure reports itself. Use the returned ref on the figure's outer element.
 */
export function useOnScreen(figure: WatchedFigure): (element: Element | null) => void {
  const observer = useRef<IntersectionObserver | null>(null);
  return useCallback(
    (element: Element | null) => {
      observer.current?.disconnect();
      observer.current = null;
      const { setOnScreen } = useAppStore.getState();
      if (!element) {
        setOnScreen(figure, false);
        return;
      }
      observer.current = new IntersectionObserver(
        (entries) => setOnScreen(figure, entries[entries.length - 1]?.isIntersecting ?? false),
        { rootMargin: '300px' },
      );
      observer.current.observe(element);
    },
    [figure],
  );
}
