import { useState } from 'react';
import type { EmbedFigure } from '../state/embed';
import { EmbedButton } from './EmbedButton';
import { exportFigure, type FigureExportSpec } from './exportFigure';

interface FigureExportProps {
  /** the figure's short name, for the buttons' labels, the file names and its embed link */
  name: EmbedFigure;
  /** built when a button is pressed, so it reflects the figure as shown */
  spec: () => Omit<FigureExportSpec, 'name'>;
  figure: React.RefObject<HTMLElement | null>;
}

/** "SVG" and "PNG" buttons that download the figure with its title, legend and axes. */
export function FigureExport({ name, spec, figure }: FigureExportProps) {
  const [error, setError] = useState<string | null>(null);
  const run = (format: 'svg' | 'png') => {
    const element = figure.current;
    if (!element) return;
    const current = { ...spec(), name };
    exportFigure(element, current, format).then(
      () => setError(null),
      (reason: unknown) => setError(`Export failed: ${reason instanceof Error ? reason.message : String(reason)}`),
    );
  };
  return (
    <span className="figure-export">
      <button type="button" className="small" onClick={() => run('svg')} aria-label={`Export ${name} figure as SVG`}>
        SVG
      </button>
      <button type="button" className="small" onClick={() => run('png')} aria-label={`Export ${name} figure as PNG`}>
        PNG
      </button>
      <EmbedButton figure={name} />
      {error ? <span className="export-error">{error}</span> : null}
    </span>
  );
}
