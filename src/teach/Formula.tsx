import { useEffect, useRef } from 'react';

type Katex = typeof import('katex').default;
let katexLoading: Promise<Katex> | null = null;

/** KaTeX and its stylesheet, loaded once, after the first paint (they are not needed for it). */
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
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    // KaTeX owns this element's children; React renders none into it.
    element.textContent = text;
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
  }, [tex, text, display]);
  return <span ref={target} className={display ? 'formula formula-display' : 'formula'} data-formula={text} />;
}
