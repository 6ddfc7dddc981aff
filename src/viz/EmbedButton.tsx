import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';
import { embedQuery, type EmbedFigure } from '../state/embed';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';

/** What the embedded page shows of each figure, as this page has it: the part whose size the frame takes. */
const EMBEDDED_PART: Record<EmbedFigure, string> = {
  heatmap: '[data-figure="heatmap"] figure',
  curves: '[data-figure="curves"] figure',
  arrows: '[data-figure="arrows"] figure',
  table: '[data-figure="table"]',
  image: '#image-lab',
};

/**
 * Around the figure, the embedded page adds its padding (2 x 8 px), the card's (2 x 17 px), the
 * row of one temperature slider (about 70 px), the link back (about 24 px) and the gaps between
 * them (2 x 8 px): 160 px, and 40 px to spare for a font that sets taller.
 */
export const EMBED_CHROME_PX = { width: 16 + 34, height: 200 };

/** The frame's size in CSS px: this figure's size on the page plus the embed's chrome; 720 x 480 where it is not on the page. */
export function embedFrameSize(figure: EmbedFigure): { width: number; height: number } {
  const part = document.querySelector<HTMLElement>(EMBEDDED_PART[figure]);
  const box = part?.getBoundingClientRect();
  if (!box || box.width === 0) return { width: 720, height: 480 };
  return {
    width: Math.ceil(box.width) + EMBED_CHROME_PX.width,
    height: Math.ceil(box.height) + EMBED_CHROME_PX.height,
  };
}

/**
 * The `<iframe>` snippet that shows `figure` alone, in the current view, from this page's address,
 * sized to the figure as shown here (at the snippet's width it shows whole, with no inner scroll);
 * its title is in the page's language.
 */
export function embedSnippet(figure: EmbedFigure): string {
  const { params, lesson, requestedBackend, engine } = useAppStore.getState();
  const query = `${writeQuery(params, requestedBackend, lesson, engine)}${embedQuery({ figure, controls: ['temperature'] })}`;
  const src = `${window.location.origin}${window.location.pathname}${query}`;
  const title = i18n.t('figures:embed.frameTitle', { figure: i18n.t(`figures:figureName.${figure}`) });
  const { width, height } = embedFrameSize(figure);
  return `<iframe src="${src.replace(/"/g, '&quot;')}" title="${title.replace(/"/g, '&quot;')}" width="${width}" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

/** "Embed": copies an `<iframe>` snippet of this figure in the current view (or shows it to copy). */
export const EmbedButton = memo(function EmbedButton({ figure }: { figure: EmbedFigure }) {
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
});
