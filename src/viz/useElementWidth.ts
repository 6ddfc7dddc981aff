import { useCallback, useRef, useState } from 'react';

/**
 * The content width of an element, kept current with a ResizeObserver; 0 until measured.
 * A callback ref, so it also works for an element that mounts after the first render.
 */
export function useElementWidth<T extends HTMLElement>() {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    // The observer reports the first size right after observe(), then every change.
    observer.current = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.current.observe(element);
  }, []);
  return [ref, width] as const;
}
