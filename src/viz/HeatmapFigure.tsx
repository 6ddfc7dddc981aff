import { bisectCenter, range as indices, scaleBand, scaleLinear } from 'd3';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { useAppStore } from '../state/store';
import { Axis } from './Axis';
import { FigureExport } from './FigureExport';
import { VIRIDIS_STOPS } from './colors';
import { voronoiCells } from './geometry';
import { heatmapRows, paintAssignments } from './paintHeatmap';
import { useElementWidth } from './useElementWidth';

const MARGIN = { top: 8, right: 12, bottom: 40, left: 56 };

/** p(c_j | w) over the input range (x) and the centers (y), with the hard cells outlined. */
export function HeatmapFigure() {
  const view = useAppStore((state) => state.view);
  const hoveredProbe = useAppStore((state) => state.hoveredProbe);
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ i: number; j: number } | null>(null);
  const figureRef = useRef<HTMLElement>(null);
  const { t } = useTranslation('figures');

  const grid = view?.grid;
  const centerCount = view?.centers.length ?? 0;
  const centers = view?.centers;
  const rowOfCenter = useMemo(() => (centers ? heatmapRows(centers) : new Int32Array(0)), [centers]);
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(120, Math.min(280, centerCount * 22));
  const height = plotHeight + MARGIN.top + MARGIN.bottom;

  // Paint only when the grid result changes: a probe drag reuses it and paints nothing.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !grid) return;
    const samples = grid.inputCount;
    canvas.width = samples;
    canvas.height = grid.centerCount;
    const context = canvas.getContext('2d');
    if (!context) return;
    const image = context.createImageData(samples, grid.centerCount);
    paintAssignments(grid.assignments, samples, grid.centerCount, rowOfCenter, image.data);
    context.putImageData(image, 0, 0);
  }, [grid, rowOfCenter]);

  if (!view || !grid) return <div className="figure-placeholder">{t('computing')}</div>;
  const [min, max] = view.params.range;
  const x = scaleLinear().domain([min, max]).range([0, plotWidth]);
  // one band per center, in the order the rows are painted (the largest center on top)
  const rows = scaleBand<number>()
    .domain(indices(centerCount).sort((a, b) => (rowOfCenter[a] as number) - (rowOfCenter[b] as number)))
    .range([0, plotHeight]);
  const rowHeight = rows.bandwidth();
  const rowY = (j: number) => rows(j) as number;
  const cells = voronoiCells(view.centers, [min, max]);
  const labelEvery = Math.ceil(centerCount / Math.max(1, Math.floor(plotHeight / 14)));
  const hovered = hover
    ? {
        w: view.gridInputs[hover.i] as number,
        c: view.centers[hover.j] as number,
        p: grid.assignments[hover.i * centerCount + hover.j] as number,
      }
    : null;

  const onPointerMove = (event: React.PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    // the grid sample nearest the pointer's w, and the center whose band holds the pointer
    const i = bisectCenter(view.gridInputs, x.invert(event.clientX - box.left));
    const band = Math.floor((event.clientY - box.top) / rows.step());
    const j = rows.domain()[Math.max(0, Math.min(centerCount - 1, band))] as number;
    setHover({ i, j });
  };

  return (
    <figure className="figure" aria-label={t('heatmap.label')} ref={figureRef}>
      <figcaption>
        <strong>{t('heatmap.title')}</strong>
        <FigureExport
          name="heatmap"
          figure={figureRef}
          spec={() => ({
            title: t('heatmap.title'),
            note: t('heatmap.exportNote', {
              temperature: formatValue(view.params.temperature),
              centers: centerCount,
              distance: view.params.distance === 'l1' ? '|w − c|' : '(w − c)²',
            }),
            colorScale: VIRIDIS_STOPS,
          })}
        />
        <span className="readout" data-testid="heatmap-readout">
          {hovered
            ? t('heatmap.readout', { w: formatValue(hovered.w), c: formatValue(hovered.c), p: formatValue(hovered.p) })
            : t('heatmap.hoverHint')}
        </span>
      </figcaption>
      <div className="figure-body" ref={containerRef} style={{ height }} data-link="assignments centers">
        <canvas
          ref={canvasRef}
          className="heatmap-canvas"
          data-testid="heatmap-canvas"
          style={{ left: MARGIN.left, top: MARGIN.top, width: plotWidth, height: plotHeight }}
        />
        <svg width={width} height={height} className="figure-svg">
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            {cells.map((cell) => (
              <rect
                key={cell.index}
                className="hard-cell"
                data-link="hard"
                x={x(cell.x0)}
                y={rowY(cell.index)}
                width={Math.max(0, x(cell.x1) - x(cell.x0))}
                height={rowHeight}
              />
            ))}
            {cells.slice(1).map((cell) => (
              <line
                key={cell.index}
                className="voronoi-boundary"
                x1={x(cell.x0)}
                x2={x(cell.x0)}
                y1={0}
                y2={plotHeight}
              />
            ))}
            {view.params.probes.map((w, i) =>
              w >= min && w <= max ? (
                <line
                  key={i}
                  className={`probe-guide${hoveredProbe === i ? ' active' : ''}`}
                  x1={x(w)}
                  x2={x(w)}
                  y1={0}
                  y2={plotHeight}
                />
              ) : null,
            )}
            <g className="axis">
              {Array.from(view.centers, (c, j) =>
                j % labelEvery === 0 ? (
                  <text key={j} x={-8} y={rowY(j) + rowHeight / 2} dy="0.32em" textAnchor="end">
                    {formatValue(c)}
                  </text>
                ) : null,
              )}
              <text
                className="axis-label"
                transform={`translate(${-MARGIN.left + 12}, ${plotHeight / 2}) rotate(-90)`}
                textAnchor="middle"
              >
                {t('heatmap.centerAxis')}
              </text>
            </g>
            <Axis scale={x} orient="bottom" offset={plotHeight} label={t('axis.input')} />
            <rect
              className="hit-area"
              width={plotWidth}
              height={plotHeight}
              onPointerMove={onPointerMove}
              onPointerLeave={() => setHover(null)}
            />
          </g>
        </svg>
      </div>
      <ColorLegend />
    </figure>
  );
}

const ColorLegend = memo(function ColorLegend() {
  const { t } = useTranslation('figures');
  return (
    <div className="color-legend" aria-label={t('heatmap.scaleLabel')}>
      <span>{t('heatmap.scaleLow')}</span>
      <svg width={140} height={12} aria-hidden="true">
        <defs>
          <linearGradient id="viridis-legend">
            {VIRIDIS_STOPS.map((stop) => (
              <stop key={stop.offset} offset={stop.offset} stopColor={stop.color} />
            ))}
          </linearGradient>
        </defs>
        <rect width={140} height={12} fill="url(#viridis-legend)" />
      </svg>
      <span>1</span>
      <span className="muted">{t('heatmap.scaleKey')}</span>
      <span className="probe-key" data-testid="heatmap-probe-key">
        <svg width={14} height={12} aria-hidden="true">
          <line className="probe-guide" x1={7} x2={7} y1={0} y2={12} />
        </svg>
        {t('heatmap.probeKey')}
      </span>
    </div>
  );
});
