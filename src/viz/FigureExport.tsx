import { useState } from 'react';
import { exportFigure, type FigureExportSpec } from './exportFigure';

interface FigureExportProps {
  /** built when a button is pressed, so it reflects the figure as shown */
  spec: () => FigureExportSpec;
  figure: React.RefObject<HTMLElement | null>;
}

/** "SVG" and "PNG" buttons that download the figure with its title, legend and axes. */
export function FigureExport({ spec, figure }: FigureExportProps) {
  const [error, setError] = useState<string | null>(null);
  const run = (format: 'svg' | 'png') => {
    const element = figure.current;
    if (!element) return;
    const current = spec();
    exportFigure(element, current, format).then(
      () => setError(null),
      (reason: unknown) => setError(`Export failed: ${reason instanceof Error ? reason.message : String(reason)}`),
    );
  };
  const name = spec().name;
  return (
    <span className="figure-export">
      <button type="button" className="small" onClick={() => run('svg')} aria-label={`Export ${name} figure as SVG`}>
        SVG
      </button>
      <button type="button" className="small" onClick={() => run('png')} aria-label={`Export ${name} figure as PNG`}>
        PNG
      </button>
      {error ? <span className="export-error">{error}</span> : null}
    </span>
  );
}
