import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/intl';
import { RELAXATION_SOURCES, RELAXATIONS } from '../model/relaxations';
import { useAppStore } from '../state/store';
import { Axis } from './Axis';
import {
  BOTTOM_HEIGHT,
  BOTTOM_TOP,
  MARGIN,
  RELAX_KEYS,
  cutOffNote,
  relaxationInput,
  relaxationMarks,
  relaxationScales,
} from './relaxationMarks';
import { Swatch } from './Swatch';
import { useElementWidth } from './useElementWidth';
import { useMarksCanvas } from './useMarksCanvas';

/**
 * Four ways to pass a gradient through quantization on the same axes: forward values (top; the
 * noise as its band, its mean and one sample) and the derivative each passes back (bottom). The
 * curves are painted on a canvas (relaxationMarks.ts); the axes and the note are SVG.
 */
export function RelaxationsFigure() {
  const relaxations = useAppStore((state) => state.relaxations);
  const { t } = useTranslation('figures');
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + BOTTOM_TOP + BOTTOM_HEIGHT + MARGIN.bottom;
  const canvasRef = useMarksCanvas(
    { width, height, plotWidth, origin: [MARGIN.left, MARGIN.top] },
    relaxationMarks,
    relaxationInput,
  );
  if (!relaxations) return <div className="figure-placeholder">{t('computing')}</div>;
  const { x, y, yGrad } = relaxationScales(relaxations, plotWidth);
  // prose: the peak is written in the page's language, as a person reads it
  const note = cutOffNote(relaxations.result.gradients, (value) =>
    formatNumber(value, { maximumSignificantDigits: 4 }),
  );

  return (
    <figure className="figure" aria-label={t('relaxations.label')}>
      <div className="legend" aria-label={t('relaxations.legend')}>
        {RELAXATIONS.map((name) => (
          <span key={name} className="legend-entry" title={RELAXATION_SOURCES[name]}>
            <Swatch look={RELAX_KEYS[name]} length={18} />
            {t(`relaxations.name.${name}`)}
          </span>
        ))}
      </div>
      <div className="figure-body" ref={containerRef} style={{ height }}>
        <canvas ref={canvasRef} className="marks-canvas" data-testid="relaxations-canvas" aria-hidden="true" />
        <svg width={width} height={height} className="figure-svg" data-testid="relaxations-svg">
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            <Axis scale={y} orient="left" offset={0} label={t('axis.forwardValue')} ticks={5} />
            <Axis scale={yGrad} orient="left" offset={0} label={t('axis.derivative')} ticks={3} />
            <Axis scale={x} orient="bottom" offset={BOTTOM_TOP + BOTTOM_HEIGHT} label={t('axis.input')} />
            {note ? (
              <text
                className="panel-note"
                x={plotWidth - 4}
                y={BOTTOM_TOP + 10}
                textAnchor="end"
                data-testid="relax-cutoff-note"
              >
                {note}
              </text>
            ) : null}
          </g>
        </svg>
      </div>
    </figure>
  );
}
