import { bisectCenter, type ScaleLinear } from 'd3';
import { memo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import type { SeedLine } from '../state/lesson';
import { useAppStore, type CurveName, type ViewResult } from '../state/store';
import { legendCurves, visibleCurves } from '../state/visibility';
import { Axis } from './Axis';
import { cssColor } from './colors';
import {
  BOTTOM_HEIGHT,
  CURVE_LINKS,
  CURVE_STYLES,
  GAP,
  MARGIN,
  TOP_HEIGHT,
  curveData,
  curveInput,
  curveMarks,
  curveScales,
} from './curveMarks';
import { FigureExport } from './FigureExport';
import { addProbe, clampTo, moveProbe, removeProbe, roundToAxis } from './probeEditing';
import { Swatch, type MarkLook } from './Swatch';
import { useElementWidth } from './useElementWidth';
import { useMarksCanvas } from './useMarksCanvas';

/** The data attributes of a legend entry: `data-link` and `data-estimator`. */
function linkProps(name: CurveName) {
  const { link, estimator } = CURVE_LINKS[name];
  return { ...(link ? { 'data-link': link } : {}), ...(estimator ? { 'data-estimator': estimator } : {}) };
}

/** Legend entries double as toggles (aria-pressed buttons). Memoised: a key press re-renders the figure, not its legend. */
const CurveLegend = memo(function CurveLegend() {
  const hidden = useAppStore((state) => state.hiddenCurves);
  const seedline = useAppStore((state) => state.lesson.seedline);
  const toggle = useAppStore((state) => state.toggleCurve);
  const { t } = useTranslation('figures');
  return (
    <div className="legend" role="group" aria-label={t('curves.legend')}>
      {legendCurves(seedline).map((name) => (
        <button
          key={name}
          type="button"
          className="legend-entry"
          aria-pressed={!hidden[name]}
          onClick={() => toggle(name)}
          {...linkProps(name)}
        >
          <Swatch look={CURVE_STYLES[name]} length={18} />
          {t(`curves.curve.${name}`)}
        </button>
      ))}
    </div>
  );
});

/** One line of the curves figure as its legends name it (on screen under the derivative panel, and in the export). */
interface LegendEntry {
  id: string;
  label: string;
  look: MarkLook;
}

/**
 * What each drawn line is, in both panels ("w_bar (forward) / STE: dw_soft/dw"), and, when the
 * seed's line is shown as written, the bold zero line: one list for the screen and the export.
 */
function legendEntries(
  seedline: SeedLine,
  hidden: Partial<Record<CurveName, true>>,
  t: TFunction<'figures'>,
): LegendEntry[] {
  const entries: LegendEntry[] = visibleCurves(seedline, hidden).map((name) => ({
    id: name,
    label: `${t(`curves.curve.${name}`)} / ${t(`curves.derivative.${name}`)}`,
    look: CURVE_STYLES[name],
  }));
  if (seedline === 'written')
    entries.push({ id: 'zero', label: t('curves.zeroWritten'), look: { stroke: '--zero', width: 3 } });
  return entries;
}

/** The legend under the derivative panel: each line's name in both panels, as the export writes it. */
const LinesLegend = memo(function LinesLegend() {
  const { t } = useTranslation('figures');
  const seedline = useAppStore((state) => state.lesson.seedline);
  const hidden = useAppStore((state) => state.hiddenCurves);
  return (
    <div className="lines-legend" data-testid="curves-lines-legend">
      <span className="muted">{t('curves.linesLegend')}</span>
      {legendEntries(seedline, hidden, t).map((entry) => {
        return (
          <span key={entry.id} className={`lines-legend-entry line-${entry.id}`} data-legend={entry.id}>
            <Swatch look={entry.look} />
            <span className="lines-legend-label">{entry.label}</span>
          </span>
        );
      })}
    </div>
  );
});

/**
 * The quantizer's forward curves (identity, the staircase, w_soft, w_bar) and, below, the
 * derivative each estimator passes back. Probes are handles that drag along w; the target
 * line drags up and down.
 */
export function CurvesFigure() {
  const view = useAppStore((state) => state.view);
  const hoveredProbe = useAppStore((state) => state.hoveredProbe);
  const setHoveredProbe = useAppStore((state) => state.setHoveredProbe);
  const setParam = useAppStore((state) => state.setParam);
  const seedline = useAppStore((state) => state.lesson.seedline);
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const plotRef = useRef<SVGRectElement>(null);
  const [hoverIndex, setHoverIndex] = useState<number | null>(null);
  const figureRef = useRef<HTMLElement>(null);
  const { t } = useTranslation('figures');

  if (!view) return <div className="figure-placeholder">{t('computing')}</div>;
  const { grid, gridInputs, params, probes } = view;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + TOP_HEIGHT + GAP + BOTTOM_HEIGHT + MARGIN.bottom;
  const range = params.range;
  const axisWidth = range[1] - range[0];
  const { x, y, yGrad, bottomTop } = curveScales(curveData(view), plotWidth);

  // Pointer position in w (x) and in the value plot's units (y).
  const pointerToData = (clientX: number, clientY: number) => {
    const box = plotRef.current?.getBoundingClientRect();
    if (!box) return null;
    return { w: x.invert(clientX - box.left), value: y.invert(clientY - box.top) };
  };
  const setProbes = (next: number[]) => setParam('probes', next);
  const currentProbes = () => useAppStore.getState().params.probes;

  const onHover = (event: React.PointerEvent) => {
    const point = pointerToData(event.clientX, event.clientY);
    if (!point) return;
    // the grid sample nearest the pointer (the inputs are sorted)
    setHoverIndex(bisectCenter(gridInputs, point.w));
  };

  const hoverReadout =
    hoverIndex === null
      ? t('curves.hoverHint')
      : t('curves.readout', {
          w: formatValue(gridInputs[hoverIndex] as number),
          hard: formatValue(grid.values.hard[hoverIndex] as number),
          soft: formatValue(grid.values.soft[hoverIndex] as number),
          ste: formatValue(grid.gradients.ste[hoverIndex] as number),
        });

  return (
    <figure className="figure" aria-label={t('curves.label')} ref={figureRef}>
      <figcaption>
        <strong>{t('curves.title')}</strong>
        <FigureExport
          name="curves"
          figure={figureRef}
          spec={() => {
            const state = useAppStore.getState();
            return {
              title: t('curves.exportTitle'),
              note: t('curves.exportNote', {
                temperature: formatValue(params.temperature),
                centers: view.centers.length,
                distance: params.distance === 'l1' ? '|w − c|' : '(w − c)²',
              }),
              legend: legendEntries(state.lesson.seedline, state.hiddenCurves, t).map(({ label, look }) => ({
                label,
                color: cssColor(look.stroke ?? '--text'),
                ...(look.dash ? { dash: look.dash.join(' ') } : {}),
              })),
              marks: { items: curveMarks(curveInput(state), { plotWidth }) ?? [], origin: [MARGIN.left, MARGIN.top] },
            };
          }}
        />
        <span className="readout" data-testid="curves-readout">
          {hoverReadout}
        </span>
      </figcaption>
      <CurveLegend />
      <div className="figure-body" ref={containerRef} style={{ height }}>
        <CurvesCanvas width={width} height={height} plotWidth={plotWidth} />
        <svg width={width} height={height} className="figure-svg" data-testid="curves-svg">
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            <Axis scale={y} orient="left" offset={0} label={t('axis.value')} ticks={5} />
            <Axis scale={yGrad} orient="left" offset={0} label={t('axis.derivative')} ticks={3} />
            <Axis scale={x} orient="bottom" offset={bottomTop + BOTTOM_HEIGHT} label={t('axis.input')} />
            <rect
              ref={plotRef}
              className="hit-area"
              width={plotWidth}
              height={TOP_HEIGHT}
              onPointerMove={onHover}
              onPointerLeave={() => setHoverIndex(null)}
              onDoubleClick={(event) => {
                const point = pointerToData(event.clientX, event.clientY);
                if (point) setProbes(addProbe(currentProbes(), roundToAxis(point.w, axisWidth)));
              }}
            />
            <rect
              className="hit-area"
              data-testid="derivative-panel"
              y={bottomTop}
              width={plotWidth}
              height={BOTTOM_HEIGHT}
              onPointerMove={onHover}
              onPointerLeave={() => setHoverIndex(null)}
            />
            {seedline === 'written' ? (
              <text className="zero-label" x={4} y={yGrad(0) + 3} dominantBaseline="hanging" data-testid="zero-label">
                {t('curves.zeroWritten')}
              </text>
            ) : null}
            <TargetLine view={view} y={y} plotWidth={plotWidth} pointerToData={pointerToData} />
            {hoverIndex !== null ? (
              <line
                className="crosshair"
                x1={x(gridInputs[hoverIndex] as number)}
                x2={x(gridInputs[hoverIndex] as number)}
                y1={0}
                y2={bottomTop + BOTTOM_HEIGHT}
              />
            ) : null}
            {params.probes.map((w, i) => {
              if (w < range[0] || w > range[1]) return null;
              const bar = probes.values.ste[i] as number;
              const soft = probes.values.soft[i] as number;
              return (
                <g
                  key={i}
                  className={`probe${hoveredProbe === i ? ' active' : ''}`}
                  data-probe-handle={i}
                  data-link="distances"
                >
                  <line className="probe-gap" x1={x(w)} x2={x(w)} y1={y(bar)} y2={y(soft)} />
                  <circle className="probe-soft" cx={x(w)} cy={y(soft)} r={3.5} />
                  <circle
                    className="probe-handle"
                    cx={x(w)}
                    cy={y(bar)}
                    r={7}
                    tabIndex={0}
                    role="slider"
                    aria-label={t('curves.probe', { number: i + 1 })}
                    aria-valuemin={range[0]}
                    aria-valuemax={range[1]}
                    aria-valuenow={w}
                    aria-valuetext={`w = ${formatValue(w)}`}
                    onPointerEnter={() => setHoveredProbe(i)}
                    onPointerLeave={() => setHoveredProbe(null)}
                    onFocus={() => setHoveredProbe(i)}
                    onBlur={() => setHoveredProbe(null)}
                    onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
                    onPointerMove={(event) => {
                      if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
                      const point = pointerToData(event.clientX, event.clientY);
                      if (point)
                        setProbes(moveProbe(currentProbes(), i, roundToAxis(clampTo(point.w, range), axisWidth)));
                    }}
                    onKeyDown={(event) => {
                      const step = axisWidth / (event.shiftKey ? 10 : 100);
                      const delta = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step }[event.key];
                      if (delta !== undefined) {
                        event.preventDefault();
                        setProbes(moveProbe(currentProbes(), i, roundToAxis(clampTo(w + delta, range), axisWidth)));
                      } else if (event.key === 'Delete' || event.key === 'Backspace') {
                        event.preventDefault();
                        setProbes(removeProbe(currentProbes(), i));
                      }
                    }}
                  >
                    <title>
                      {t('curves.probeTitle', {
                        number: i + 1,
                        w: formatValue(w),
                        bar: formatValue(bar),
                        soft: formatValue(soft),
                      })}
                    </title>
                  </circle>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <LinesLegend />
      <CurvesFigureNote />
    </figure>
  );
}

/**
 * The curves of both panels on a canvas under the figure's SVG, painted from the store: a
 * temperature step repaints it at the next frame without rendering the figure's React tree for
 * the curves, and the legend, the pitfall toggle and linked highlighting repaint it the same way.
 */
/** The note under the figure: static text, kept out of the figure's re-render on every key press. */
const CurvesFigureNote = memo(function CurvesFigureNote() {
  const { t } = useTranslation('figures');
  return (
    <p className="figure-note">
      <Trans t={t} i18nKey="curves.note" components={{ c1: <span className="mono" /> }} />
    </p>
  );
});

function CurvesCanvas({ width, height, plotWidth }: { width: number; height: number; plotWidth: number }) {
  const canvasRef = useMarksCanvas(
    { width, height, plotWidth, origin: [MARGIN.left, MARGIN.top] },
    curveMarks,
    curveInput,
  );
  return <canvas ref={canvasRef} className="marks-canvas" data-testid="curves-canvas" aria-hidden="true" />;
}

interface TargetLineProps {
  view: ViewResult;
  y: ScaleLinear<number, number>;
  plotWidth: number;
  pointerToData: (clientX: number, clientY: number) => { w: number; value: number } | null;
}

/** The toy loss's target, a horizontal line in value units, draggable up and down. */
function TargetLine({ view, y, plotWidth, pointerToData }: TargetLineProps) {
  const setParam = useAppStore((state) => state.setParam);
  const { t } = useTranslation('figures');
  const target = view.params.target;
  const [low, high] = y.domain() as [number, number];
  const span = high - low;
  const setTarget = (value: number) => setParam('target', roundToAxis(clampTo(value, [low, high]), span));
  return (
    <g className="target">
      <line className="target-line" x1={0} x2={plotWidth} y1={y(target)} y2={y(target)} />
      <text className="target-label" x={4} y={y(target) - 5}>
        {t('curves.target', { value: formatValue(target) })}
      </text>
      <rect
        className="target-handle"
        x={plotWidth - 16}
        y={y(target) - 6}
        width={12}
        height={12}
        transform={`rotate(45, ${plotWidth - 10}, ${y(target)})`}
        tabIndex={0}
        role="slider"
        aria-label={t('curves.targetLine')}
        aria-valuenow={target}
        aria-valuetext={t('curves.targetValue', { value: formatValue(target) })}
        onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
        onPointerMove={(event) => {
          if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
          const point = pointerToData(event.clientX, event.clientY);
          if (point) setTarget(point.value);
        }}
        onKeyDown={(event) => {
          const step = span / (event.shiftKey ? 10 : 100);
          const delta = { ArrowDown: -step, ArrowLeft: -step, ArrowUp: step, ArrowRight: step }[event.key];
          if (delta !== undefined) {
            event.preventDefault();
            setTarget(target + delta);
          }
        }}
      >
        <title>{t('curves.targetTitle')}</title>
      </rect>
    </g>
  );
}
