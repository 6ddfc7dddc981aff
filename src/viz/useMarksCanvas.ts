import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { shallow } from 'zustand/shallow';
import { useAppStore, type AppState } from '../state/store';
import { framePainter, paintMarks, prepareCanvas, rememberMarks, type VectorMark } from './canvasMarks';

/** The canvas's size and where its plot starts, CSS px. */
export interface CanvasFrame {
  width: number;
  height: number;
  /** the plot's top-left corner (the figure's margins) */
  origin: readonly [number, number];
  /** anything else the marks depend on outside the store (a kept scale): a change repaints */
  revision?: string | number;
}

/**
 * A canvas (give the returned ref to a `<canvas>`) that paints `build(select(state))` from the
 * store, outside React: the component renders the canvas once per size, and every store change
 * that changes what `select` picks (compared with `shallow`: give it an object of the store's own
 * references) repaints it at the next animation frame, once however many changes come before it. The
 * canvas lists what it drew in `data-drawn` and the highlighted marks in `data-highlighted`
 * and the hovered probe's in `data-active` (mark ids, space-separated) for tests and the curious.
 * @param build pure: the marks for the selected data and the plot's size; stable (a module-level function)
 * @param select the data the marks are drawn from, picked from the store; stable
 */
export function useMarksCanvas<Input, Size extends CanvasFrame>(
  size: Size,
  build: (input: Input, size: Size) => VectorMark[] | null,
  select: (state: AppState) => Input,
) {
  const elementRef = useRef<HTMLCanvasElement | null>(null);
  // a callback ref: the canvas may mount after the first render (a figure shows a placeholder first)
  const [mounted, setMounted] = useState(false);
  const canvasRef = useCallback((node: HTMLCanvasElement | null) => {
    elementRef.current = node;
    setMounted(node !== null);
  }, []);
  const sizeRef = useRef(size);
  useLayoutEffect(() => {
    sizeRef.current = size;
  });
  const { width, height, revision } = size;
  useLayoutEffect(() => {
    const canvas = elementRef.current;
    if (!mounted || !canvas) return;
    const paint = () => {
      const current = sizeRef.current;
      const marks = build(select(useAppStore.getState()), current) ?? [];
      const context = prepareCanvas(canvas, current.width, current.height);
      if (context) paintMarks(context, marks, current.origin);
      rememberMarks(canvas, marks);
      canvas.dataset.drawn = marks.map((mark) => mark.id).join(' ');
      canvas.dataset.highlighted = marks
        .filter((mark) => mark.highlighted)
        .map((mark) => mark.id)
        .join(' ');
      canvas.dataset.active = marks
        .filter((mark) => mark.active)
        .map((mark) => mark.id)
        .join(' ');
    };
    const painter = framePainter(paint);
    const unsubscribe = useAppStore.subscribe(select, painter.request, { equalityFn: shallow });
    // colours are read from the stylesheet when painting: repaint when the system theme flips
    const theme = window.matchMedia('(prefers-color-scheme: dark)');
    theme.addEventListener('change', painter.request);
    // the first paint (and one per resize) happens before the browser shows the frame
    paint();
    return () => {
      unsubscribe();
      theme.removeEventListener('change', painter.request);
      painter.cancel();
    };
  }, [mounted, width, height, revision, build, select]);
  return canvasRef;
}
