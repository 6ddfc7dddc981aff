import { useEffect, useState } from 'react';
import { whenPaintedAndIdle } from '../browser/afterPaint';
import { useAppStore } from '../state/store';

/**
 * Whether the first view has been computed and painted: what lies below the fold (the teaching
 * sections, the image lab, KaTeX) loads only then, so the first view never waits for it.
 */
export function useFirstViewDrawn(): boolean {
  const hasView = useAppStore((state) => state.view !== null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!hasView || drawn) return;
    return whenPaintedAndIdle(() => setDrawn(true));
  }, [hasView, drawn]);
  return drawn;
}
