import { shallow } from 'zustand/shallow';
import { MARKS, useAppStore, type Mark } from '../state/store';
import { shownMark } from '../state/lesson';

function isMark(text: string | undefined): text is Mark {
  return (MARKS as readonly string[]).includes(text ?? '');
}

/** The first mark named by the nearest element with a `data-link` attribute, if any. */
function markAt(target: EventTarget | null): Mark | null {
  if (!(target instanceof Element)) return null;
  const linked = target.closest<HTMLElement | SVGElement>('[data-link]');
  const first = linked?.dataset.link?.split(' ')[0];
  return isMark(first) ? first : null;
}

/**
 * Links the explanation and the figures without re-rendering either: an element with
 * `data-link="soft"` (a phrase of the text, a legend entry, a curve) highlights every other
 * element linked to `soft` while the pointer or the focus is on it. The root element carries
 * the state as attributes that the stylesheet reads: `data-highlight` (the hovered mark, else the
 * walkthrough step's) and `data-seedline` (the round-pitfall toggle).
 * @returns a function that stops linking
 */
export function startLinking(root: HTMLElement): () => void {
  const { setHighlight } = useAppStore.getState();
  const onOver = (event: Event) => {
    const mark = markAt(event.target);
    if (mark !== useAppStore.getState().highlight) setHighlight(mark);
  };
  const onLeave = () => setHighlight(null);

  const apply = () => {
    const state = useAppStore.getState();
    const shown = shownMark(state);
    if (shown) root.dataset.highlight = shown;
    else delete root.dataset.highlight;
    root.dataset.seedline = state.lesson.seedline;
  };
  const unsubscribe = useAppStore.subscribe((state) => [state.highlight, state.lesson] as const, apply, {
    equalityFn: shallow,
  });
  apply();
  root.addEventListener('pointerover', onOver);
  root.addEventListener('focusin', onOver);
  root.addEventListener('pointerleave', onLeave);
  root.addEventListener('focusout', onLeave);
  return () => {
    unsubscribe();
    root.removeEventListener('pointerover', onOver);
    root.removeEventListener('focusin', onOver);
    root.removeEventListener('pointerleave', onLeave);
    root.removeEventListener('focusout', onLeave);
  };
}
