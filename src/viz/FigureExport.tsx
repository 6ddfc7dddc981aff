import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmbedFigure } from '../state/embed';
import { errorMessage, translateMessage } from '../i18n/messageText';
import { EmbedButton } from './EmbedButton';
import { exportFigure, type FigureExportSpec } from './exportFigure';

interface FigureExportProps {
  /** the figure's short name, for the buttons' labels, the file names and (an embeddable figure) its embed link */
  name: EmbedFigure | 'rateDistortion';
  /** built when a button is pressed, so it reflects the figure as shown */
  spec: () => Omit<FigureExportSpec, 'name'>;
  figure: React.RefObject<HTMLElement | null>;
}

const FORMATS = ['svg', 'png'] as const;

/** "SVG" and "PNG" buttons that download the figure with its title, legend and axes. */
export function FigureExport({ name, spec, figure }: FigureExportProps) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation('figures');
  const figureName = t(`figureName.${name}`);
  const run = (format: (typeof FORMATS)[number]) => {
    const element = figure.current;
    if (!element) return;
    const current = { ...spec(), name };
    exportFigure(element, current, format).then(
      () => setError(null),
      (reason: unknown) => setError(t('export.failed', { reason: translateMessage(errorMessage(reason)) })),
    );
  };
  return (
    <span className="figure-export">
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="small"
          onClick={() => run(format)}
          aria-label={t(`export.${format}`, { figure: figureName })}
        >
          {format.toUpperCase()}
        </button>
      ))}
      {name === 'rateDistortion' ? null : <EmbedButton figure={name} />}
      {error ? <span className="export-error">{error}</span> : null}
    </span>
  );
}
