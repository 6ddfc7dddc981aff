import { scaleLinear } from 'd3';
import { formatValue } from '../format';
import { ESTIMATORS, ESTIMATOR_INFO } from '../model/estimators';
import { useAppStore } from '../state/store';
import { useRef } from 'react';
import { Axis } from './Axis';
import { FigureExport } from './FigureExport';
import { arrowMark, arrowStepSize } from './geometry';
import { useElementWidth } from './useElementWidth';

const MARGIN = { top: 6, right: 16, bottom: 40, left: 96 };
const LANE = 34;
const HEAD = 7;

/**
 * One lane per estimator: at each probe, the gradient step -k dl/dw on the toy loss
 * l = 1/2 (estimator(w) - target)^2, with one k for all arrows. Zero gradients get a mark.
 */
export function ArrowsFigure() {
  const view = useAppStore((state) => state.view);
  const hoveredProbe = useAppStore((state) => state.hoveredProbe);
  const setHoveredProbe = useAppStore((state) => state.setHoveredProbe);
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const figureRef = useRef<HTMLElement>(null);
  if (!view || !view.probes.lossGradients) return <div className="figure-placeholder">Computing…</div>;
  const { params, probes } = view;
  const lossGradients = view.probes.lossGradients;
  const range = params.range;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + LANE * ESTIMATORS.length + MARGIN.bottom;
  const x = scaleLinear().domain(range).range([0, plotWidth]);
  const visible = params.probes.map((w) => w >= range[0] && w <= range[1]);
  let largest = 0;
  for (const name of ESTIMATORS) {
    lossGradients[name].forEach((g, i) => {
      if (visible[i]) largest = Math.max(largest, Math.abs(g));
    });
  }
  const step = arrowStepSize(largest, range[1] - range[0]);
  const scaleText = `arrow = −${formatValue(step)} × dl/dw, l = ½(ŵ − target)², target = ${formatValue(params.target)}`;

  return (
    <figure className="figure" aria-label="Gradient arrows" ref={figureRef} data-link="arrows">
      <figcaption>
        <strong>Where each estimator moves the probes</strong>
        <FigureExport
          name="arrows"
          figure={figureRef}
          spec={() => ({
            title: 'Where each estimator moves the probes',
            note: `${scaleText}; ⊘ = no gradient (d/dw = 0); T = ${formatValue(params.temperature)}`,
          })}
        />
        <span className="readout" data-testid="arrow-scale">
          {scaleText}
        </span>
      </figcaption>
      <div className="figure-body" ref={containerRef} style={{ height }}>
        <svg width={width} height={height} className="figure-svg" data-testid="arrows-svg">
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            {ESTIMATORS.map((name, lane) => {
              const laneY = lane * LANE + LANE / 2;
              return (
                <g key={name} className={`lane est-${name}`} data-estimator={name}>
                  <line className="lane-line" x1={0} x2={plotWidth} y1={laneY} y2={laneY} />
                  <text className="lane-label" x={-10} y={laneY} dy="0.32em" textAnchor="end">
                    {ESTIMATOR_INFO[name].label}
                  </text>
                  {params.probes.map((w, i) => {
                    if (!visible[i]) return null;
                    const mark = arrowMark(
                      w,
                      probes.gradients[name][i] as number,
                      lossGradients[name][i] as number,
                      step,
                    );
                    const active = hoveredProbe === i ? ' active' : '';
                    const hoverProps = {
                      onPointerEnter: () => setHoveredProbe(i),
                      onPointerLeave: () => setHoveredProbe(null),
                    };
                    if (mark.kind === 'no-gradient') {
                      const cx = x(mark.at);
                      return (
                        <g key={i} className={`no-gradient${active}`} data-mark="no-gradient" {...hoverProps}>
                          <circle cx={cx} cy={laneY} r={6} />
                          <line x1={cx - 4} y1={laneY + 4} x2={cx + 4} y2={laneY - 4} />
                          <title>{`${ESTIMATOR_INFO[name].label} at w = ${formatValue(w)}: no gradient (d/dw = 0)`}</title>
                        </g>
                      );
                    }
                    if (mark.kind === 'at-target') {
                      return (
                        <g key={i} className={`at-target${active}`} data-mark="at-target" {...hoverProps}>
                          <circle cx={x(mark.at)} cy={laneY} r={4} />
                          <title>{`${ESTIMATOR_INFO[name].label} at w = ${formatValue(w)}: already at the target, loss 0`}</title>
                        </g>
                      );
                    }
                    const x0 = x(mark.from);
                    const x1 = Math.max(0, Math.min(plotWidth, x(mark.to)));
                    const direction = Math.sign(x1 - x0) || 1;
                    return (
                      <g key={i} className={`arrow${active}`} data-mark="arrow" {...hoverProps}>
                        <circle cx={x0} cy={laneY} r={2.5} />
                        <line x1={x0} x2={x1 - direction * HEAD * 0.8} y1={laneY} y2={laneY} />
                        <path d={`M${x1},${laneY}l${-direction * HEAD},${-HEAD / 2}v${HEAD}z`} />
                        <title>{`${ESTIMATOR_INFO[name].label} at w = ${formatValue(w)}: dl/dw = ${formatValue(
                          lossGradients[name][i] as number,
                        )}`}</title>
                      </g>
                    );
                  })}
                </g>
              );
            })}
            <Axis scale={x} orient="bottom" offset={LANE * ESTIMATORS.length} label="input w" />
          </g>
        </svg>
      </div>
      <p className="figure-note">
        <span className="no-gradient-key" aria-hidden="true">
          ⊘
        </span>{' '}
        no gradient: the estimator’s d/dw is 0, so training cannot move this value (the hard quantizer and the seed’s{' '}
        <span className="mono">tf.round</span> line).
      </p>
    </figure>
  );
}
