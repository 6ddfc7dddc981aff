import { useEffect, useRef } from 'react';
import { useFirstViewDrawn } from '../layout/useFirstViewDrawn';

type Katex = typeof import('katex').default;
let katexLoading: Promise<Katex> | null = null;

/** KaTeX and its stylesheet, loaded once, after the first view is drawn (it is not needed for it). */
function loadKatex(): Promise<Katex> {
  katexLoading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([module]) => module.default,
  );
  return katexLoading;
}

/**
 * A formula typeset by KaTeX. Until KaTeX has loaded (or if it fails) the plain-text form shows.
 * The TeX is always a constant of this codebase, never text from a URL.
 */
export function Formula({ tex, text, display = false }: { tex: string; text: string; display?: boolean }) {
  const target = useRef<HTMLSpanElement>(null);
  const viewDrawn = useFirstViewDrawn();
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    // KaTeX owns this element's children; React renders none into it.
    element.textContent = text;
    if (!viewDrawn) return;
    let live = true;
    loadKatex().then(
      (katex) => {
        if (live) katex.render(tex, element, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
      },
      () => undefined, // the plain-text form stays
    );
    return () => {
      live = false;
    };
  }, [tex, text, display, viewDrawn]);
  return <span ref={target} className={display ? 'formula formula-display' : 'formula'} data-formula={text} />;
}
