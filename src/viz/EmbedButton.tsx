import { useState } from 'react';
import { embedQuery, type EmbedFigure } from '../state/embed';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';

/** The `<iframe>` snippet that shows `figure` alone, in the current view, from this page's address. */
export function embedSnippet(figure: EmbedFigure): string {
  const { params, lesson, requestedBackend } = useAppStore.getState();
  const query = `${writeQuery(params, requestedBackend, lesson)}${embedQuery({ figure, controls: ['temperature'] })}`;
  const src = `${window.location.origin}${window.location.pathname}${query}`;
  const title = `Quantization Playground: ${figure}`;
  return `<iframe src="${src.replace(/"/g, '&quot;')}" title="${title}" width="720" height="480" style="border:0" loading="lazy"></iframe>`;
}

/** "Embed": copies an `<iframe>` snippet of this figure in the current view (or shows it to copy). */
export function EmbedButton({ figure }: { figure: EmbedFigure }) {
  const [shown, setShown] = useState<{ snippet: string; copied: boolean } | null>(null);
  const copy = async () => {
    const snippet = embedSnippet(figure);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(snippet);
      setShown({ snippet, copied: true });
    } catch {
      setShown({ snippet, copied: false });
    }
  };
  return (
    <span className="embed-button">
      <button
        type="button"
        className="small"
        onClick={() => void copy()}
        aria-label={`Copy an iframe snippet of the ${figure} figure`}
      >
        Embed
      </button>
      {shown?.copied ? (
        <span className="muted" role="status">
          snippet copied
        </span>
      ) : null}
      {shown && !shown.copied ? (
        <input
          type="text"
          readOnly
          className="embed-snippet"
          aria-label={`iframe snippet of the ${figure} figure`}
          value={shown.snippet}
          onFocus={(event) => event.currentTarget.select()}
        />
      ) : null}
    </span>
  );
}
