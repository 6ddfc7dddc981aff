import { area, max, min, scaleLinear } from 'd3';
import { formatValue } from '../format';
import { RELAXATION_INFO, RELAXATIONS, type RelaxationName } from '../model/relaxations';
import { useAppStore } from '../state/store';
import { Axis } from './Axis';
import { gridPath } from './gridPath';
import { useElementWidth } from './useElementWidth';

const MARGIN = { top: 10, right: 16, bottom: 40, left: 56 };
const TOP_HEIGHT = 200;
const GAP = 26;
const BOTTOM_HEIGHT = 120;
/** The derivative panel stops here: soft rounding's slope at a midpoint, about α/2, can be far above 1. */
const MAX_SHOWN_SLOPE = 4;

const DASHES: Partial<Record<RelaxationName, string>> = { identity: '5 4' };

/**
 * Four ways to pass a gradient through quantization on the same axes: forward values (top; the
 * noise as its band, its mean and one sample) and the derivative each passes back (bottom).
 */
export function RelaxationsFigure() {
  const relaxations = useAppStore((state) => state.relaxations);
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  if (!relaxations) return <div className="figure-placeholder">Computing…</div>;
  const { inputs, result } = relaxations;
  const range = relaxations.view.params.range;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = MARGIN.top + TOP_HEIGHT + GAP + BOTTOM_HEIGHT + MARGIN.bottom;
  const bottomTop = TOP_HEIGHT + GAP;
  const x = scaleLinear().domain(range).range([0, plotWidth]);
  const low = Math.min(min(result.noiseLow) ?? 0, min(result.values.ste) ?? 0);
  const high = Math.max(max(result.noiseHigh) ?? 1, max(result.values.ste) ?? 1);
  const y = scaleLinear().domain([low, high]).nice().range([TOP_HEIGHT, 0]);
  const steepest = Math.max(...RELAXATIONS.map((name) => max(result.gradients[name]) ?? 0));
  const yGrad = scaleLinear()
    .domain([0, Math.min(MAX_SHOWN_SLOPE, Math.max(1.2, steepest * 1.08))])
    .range([bottomTop + BOTTOM_HEIGHT, bottomTop]);
  const indices = Array.from(inputs, (_, i) => i);
  const band =
    area<number>()
      .x((i) => x(inputs[i] as number))
      .y0((i) => y(result.noiseLow[i] as number))
      .y1((i) => y(result.noiseHigh[i] as number))(indices) ?? '';
  const clipped = steepest > MAX_SHOWN_SLOPE;

  return (
    <figure className="figure" aria-label="Relaxations compared">
      <div className="legend" aria-label="Relaxations">
        {RELAXATIONS.map((name) => (
          <span key={name} className={`legend-entry relax-${name}`} title={RELAXATION_INFO[name].source}>
            <span className="swatch" aria-hidden="true" />
            {RELAXATION_INFO[name].label}
          </span>
        ))}
      </div>
      <div className="figure-body" ref={containerRef} style={{ height }}>
        <svg width={width} height={height} className="figure-svg" data-testid="relaxations-svg">
          <defs>
            <clipPath id="relax-clip">
              <rect y={-2} width={plotWidth} height={bottomTop + BOTTOM_HEIGHT + 4} />
            </clipPath>
          </defs>
          <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
            <Axis scale={y} orient="left" offset={0} label="forward value" ticks={5} />
            <Axis scale={yGrad} orient="left" offset={0} label="d/dw" ticks={3} />
            <Axis scale={x} orient="bottom" offset={bottomTop + BOTTOM_HEIGHT} label="input w" />
            <g clipPath="url(#relax-clip)" className="curves">
              <path className="noise-band" d={band} data-testid="noise-band" />
              <path
                className="relax relax-noise-mean"
                d={gridPath('relax-noise-mean', inputs, result.noiseMean, x, y)}
              />
              {indices
                .filter((i) => i % 4 === 0)
                .map((i) => (
                  <circle
                    key={i}
                    className="noise-sample"
                    cx={x(inputs[i] as number)}
                    cy={y(result.values.noise[i] as number)}
                    r={1.6}
                  />
                ))}
              {(['ste', 'identity', 'softRound'] as const).map((name) => (
                <path
                  key={name}
                  className={`relax relax-${name}`}
                  strokeDasharray={DASHES[name]}
                  d={gridPath(`relax-value-${name}`, inputs, result.values[name], x, y)}
                  data-testid={`relax-value-${name}`}
                />
              ))}
              {RELAXATIONS.map((name) => (
                <path
                  key={name}
                  className={`relax relax-${name}`}
                  strokeDasharray={DASHES[name] ?? (name === 'noise' ? '2 3' : undefined)}
                  d={gridPath(`relax-gradient-${name}`, inputs, result.gradients[name], x, yGrad)}
                  data-testid={`relax-grad-${name}`}
                />
              ))}
            </g>
            {clipped ? (
              <text className="panel-note" x={plotWidth - 4} y={bottomTop + 10} textAnchor="end">
                soft rounding peaks at {formatValue(steepest)} (cut off)
              </text>
            ) : null}
          </g>
        </svg>
      </div>
    </figure>
  );
}
