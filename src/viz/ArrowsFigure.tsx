import { bisectCenter } from 'd3';
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import type { EstimatorName } from '../model/estimators';
import { useAppStore } from '../state/store';
import { visibleLanes } from '../state/visibility';
import { ESTIMATORS } from '../model/estimators';
import { LANE, MARGIN, arrowInput, arrowLayout, arrowMarks, laneY } from './arrowMarks';
import { arrowMark } from './geometry';
import { Axis } from './Axis';
import { FigureExport } from './FigureExport';
import { useElementWidth } from './useElementWidth';
import { useMarksCanvas } from './useMarksCanvas';

/** How near a probe's column the pointer must be to hover it, px. */
const HOVER_REACH = 8;

/**
 * One lane per estimator: at each probe, the gradient step -k dl/dw on the toy loss
 * l = 1/2 (estimator(w) - target)^2, with one k for all arrows. Zero gradients get a mark.
 * The marks are painted on a canvas (arrowMarks.ts); lanes, labels and the axis are SVG.
 */
export function ArrowsFigure() {
  const view = useAppStore((state) => state.view);
  const seedline = useAppStore((state) => state.lesson.seedline);
  const setHoveredProbe = useAppStore((state) => state.setHoveredProbe);
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const figureRef = useRef<HTMLElement>(null);
  // the lane and probe under the pointer, for the hit area's tooltip
  const [pointed, setPointed] = useState<{ lane: EstimatorName; probe: number } | null>(null);
  const { t } = useTranslation('figures');
  // a kept arrow scale k, so that lengths compare across temperatures (null: k follows the arrows)
  const [fixedStep, setFixedStep] = useState<number | null>(null);
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + LANE * ESTIMATORS.length + MARGIN.bottom;
  const canvasRef = useMarksCanvas(
    { width, height, plotWidth, fixedStep, revision: fixedStep ?? 'auto', origin: [MARGIN.left, MARGIN.top] },
    arrowMarks,
    arrowInput,
  );
  if (!view || !view.probes.lossGradients) return <div className="figure-placeholder">{t('computing')}</div>;
  const { params } = view;
  const { x, visible, step } = arrowLayout(view, plotWidth, fixedStep);
  const scaleText = t('arrows.scale', { step: formatValue(step), target: formatValue(params.target) });

  const lanes = visibleLanes(seedline);
  // the lane the seed-line toggle takes away keeps its row, marked: it passes nothing here
  const goneLanes = ESTIMATORS.filter((name) => !lanes.includes(name));
  /** What the mark of `lane` at probe `i` says (the SVG marks' tooltips, before the canvas). */
  const markTooltip = (lane: EstimatorName, i: number) => {
    const w = params.probes[i] as number;
    const lossGradient = view.probes.lossGradients?.[lane][i] as number;
    const mark = arrowMark(w, view.probes.gradients[lane][i] as number, lossGradient, step);
    const label = t('arrows.markAt', { estimator: t(`estimator.${lane}`), w: formatValue(w) });
    if (mark.kind === 'no-gradient') return t('arrows.noGradient', { mark: label });
    if (mark.kind === 'at-target') return t('arrows.atTarget', { mark: label });
    return t('arrows.gradient', { mark: label, value: formatValue(lossGradient) });
  };

  // The in-range probes by their column, for hit-testing the pointer with bisectCenter.
  const columns = params.probes
    .map((w, i) => ({ px: x(w), i }))
    .filter(({ i }) => visible[i])
    .sort((a, b) => a.px - b.px);
  const columnXs = columns.map((column) => column.px);
  const onPointerMove = (event: React.PointerEvent<SVGRectElement>) => {
    const px = event.clientX - event.currentTarget.getBoundingClientRect().left;
    const nearest = columns.length ? columns[bisectCenter(columnXs, px)] : undefined;
    const probe = nearest && Math.abs(nearest.px - px) <= HOVER_REACH ? nearest.i : null;
    if (probe !== useAppStore.getState().hoveredProbe) setHoveredProbe(probe);
    const py = event.clientY - event.currentTarget.getBoundingClientRect().top;
    const lane = lanes.find((name) => Math.abs(laneY(name) - py) <= LANE / 2);
    setPointed(probe !== null && lane ? { lane, probe } : null);
  };
  const tooltip = pointed ? markTooltip(pointed.lane, pointed.probe) : t('arrows.hoverHint');

  return (
    <figure className="figure" aria-label={t('arrows.label')} ref={figureRef} data-link="arrows">
      <figcaption>
        <strong>{t('arrows.title')}</strong>
        <FigureExport
          name="arrows"
          figure={figureRef}
          spec={() => ({
            title: t('arrows.title'),
            note: t('arrows.exportNote', { scale: scaleText, temperature: formatValue(params.temperature) }),
            marks: {
              items: arrowMarks(arrowInput(useAppStore.getState()), { plotWidth, fixedStep }) ?? [],
              origin: [MARGIN.left, MARGIN.top],
            },
          })}
        />
        <span className="readout" data-testid="arrow-scale">
          {scaleText}
        </span>
        <label className="checkbox keep-scale">
          <input
            type="checkbox"
            checked={fixedStep !== null}
            onChange={(event) => setFixedStep(event.currentTarget.checked ? step : null)}
          />{' '}
          {t('arrows.keepScale')}
        </label>
      </figcaption>
      <div className="figure-body" ref={containerRef} style={{ height }}>
        <canvas ref={canvasRef} className="marks-canvas" data-testid="arrows-canvas" aria-hidden="true" />
        <svg width={width} height={height} className="figure-svg" data-testid="arrows-svg">
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            {lanes.map((name) => (
              <g key={name} className={`lane est-${name}`} data-estimator={name}>
                <text className="lane-label" x={-10} y={laneY(name)} dy="0.32em" textAnchor="end">
                  {t(`estimator.${name}`)}
                </text>
              </g>
            ))}
            {goneLanes.map((name) => (
              <g key={name} className="lane-gone" data-gone={name} data-testid={`lane-gone-${name}`}>
                <text className="lane-label" x={-10} y={laneY(name)} dy="0.32em" textAnchor="end">
                  {t(`estimator.${name}`)}
                </text>
                <text className="lane-gone-note" x={6} y={laneY(name)} dy="0.32em">
                  {t(`arrows.gone.${seedline === 'written' ? 'written' : 'corrected'}`)}
                  <title>{t(`arrows.goneTitle.${seedline === 'written' ? 'written' : 'corrected'}`)}</title>
                </text>
              </g>
            ))}
            <Axis scale={x} orient="bottom" offset={LANE * ESTIMATORS.length} label={t('axis.input')} />
            <rect
              className="hit-area"
              data-testid="arrows-hit-area"
              width={plotWidth}
              height={LANE * ESTIMATORS.length}
              onPointerMove={onPointerMove}
              onPointerLeave={() => {
                setHoveredProbe(null);
                setPointed(null);
              }}
            >
              <title>{tooltip}</title>
            </rect>
          </g>
        </svg>
      </div>
      <p className="figure-note">
        <Trans
          t={t}
          i18nKey="arrows.note"
          components={{ k1: <span className="no-gradient-key" aria-hidden="true" />, c1: <span className="mono" /> }}
        />
      </p>
    </figure>
  );
}
