import type { ReactNode } from 'react';
import type { Mark } from '../state/store';

/**
 * A phrase of the explanation linked to the figures: hovering it highlights the mark there, and back.
 * In a translated message it is a tag (`<soft>w_soft</soft>`) whose text `<Trans>` fills in.
 */
export function Term({ mark, children }: { mark: Mark; children?: ReactNode }) {
  return (
    <span className="term" data-link={mark} tabIndex={0}>
      {children}
    </span>
  );
}
