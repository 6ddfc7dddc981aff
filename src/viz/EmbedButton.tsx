import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';
import { embedQuery, type EmbedFigure } from '../state/embed';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';

/**
 * The `<iframe>` snippet that shows `figure` alone, in the current view, from this page's address;
 * its title is in the page's language.
 */
export function embedSnippet(figure: EmbedFigure): string {
  const { params, lesson, requestedBackend } = useAppStore.getState();
  const query = `${writeQuery(params, requestedBackend, lesson)}${embedQuery({ figure, controls: ['temperature'] })}`;
  const src = `${window.location.origin}${window.location.pathname}${query}`;
  const title = i18n.t('figures:embed.frameTitle', { figure: i18n.t(`figures:figureName.${figure}`) });
  return `<iframe src="${src.replace(/"/g, '&quot;')}" title="${title.replace(/"/g, '&quot;')}" width="720" height="480" style="border:0" loading="lazy"></iframe>`;
}

/** "Embed": copies an `<iframe>` snippet of this figure in the current view (or shows it to copy). */
export function EmbedButton({ figure }: { figure: EmbedFigure }) {
  const [shown, setShown] = useState<{ snippet: string; copied: boolean } | null>(null);
  const { t } = useTranslation('figures');
  const figureName = t(`figureName.${figure}`);
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
        aria-label={t('embed.copy', { figure: figureName })}
      >
        {t('embed.button')}
      </button>
      {shown?.copied ? (
        <span className="muted" role="status">
          {t('embed.copied')}
        </span>
      ) : null}
      {shown && !shown.copied ? (
        <input
          type="text"
          readOnly
          className="embed-snippet"
          aria-label={t('embed.snippet', { figure: figureName })}
          value={shown.snippet}
          onFocus={(event) => event.currentTarget.select()}
        />
      ) : null}
    </span>
  );
}
