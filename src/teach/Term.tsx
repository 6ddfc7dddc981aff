import type { ReactNode } from 'react';
import type { Mark } from '../state/store';

/** A phrase of the explanation linked to the figures: hovering it highlights the mark there, and back. */
export function Term({ mark, children }: { mark: Mark; children: ReactNode }) {
  return (
    <span className="term" data-link={mark} tabIndex={0}>
      {children}
    </span>
  );
}
