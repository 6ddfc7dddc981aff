import { extent, line, max, scaleLinear } from 'd3';
import { formatValue } from '../format';
import type { TrainingMetrics, TrainingState } from '../model/training';
import { useAppStore } from '../state/store';
import { Axis } from './Axis';
import { useElementWidth } from './useElementWidth';

const MARGIN = { top: 12, right: 14, bottom: 36, left: 52 };
const CHART_HEIGHT = 150;
const POPULATION_HEIGHT = 190;

/** One metric over the steps taken. */
function HistoryChart({
  history,
  width,
  series,
  label,
  testId,
}: {
  history: readonly TrainingMetrics[];
  width: number;
  series: Array<{ key: 'loss' | 'distortion' | 'rate'; className: string }>;
  label: string;
  testId: string;
}) {
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const lastStep = history[history.length - 1]?.step ?? 0;
  const x = scaleLinear()
    .domain([0, Math.max(10, lastStep)])
    .range([0, plotWidth]);
  const top = max(history, (m) => Math.max(...series.map((s) => (Number.isFinite(m[s.key]) ? m[s.key] : 0)))) ?? 1;
  const y = scaleLinear()
    .domain([0, top > 0 ? top * 1.08 : 1])
    .range([CHART_HEIGHT, 0]);
  return (
    <svg width={width} height={CHART_HEIGHT + MARGIN.top + MARGIN.bottom} className="figure-svg" data-testid={testId}>
      <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
        <Axis scale={y} orient="left" offset={0} label={label} ticks={4} />
        <Axis scale={x} orient="bottom" offset={CHART_HEIGHT} label="step" ticks={5} />
        {series.map((s) => (
          <path
            key={s.key}
            className={`history ${s.className}`}
            d={
              line<TrainingMetrics>()
                .defined((m) => Number.isFinite(m[s.key]))
                .x((m) => x(m.step))
                .y((m) => y(m[s.key]))(history as TrainingMetrics[]) ?? ''
            }
          />
        ))}
      </g>
    </svg>
  );
}

/**
 * The population on the w axis: targets x (top row), trained values y (middle row, a line from
 * each value to its target's column would be clutter: colour says which center it is at), and
 * how many values each center receives (bars), with the centers as ticks.
 */
function PopulationChart({ state, width }: { state: TrainingState; width: number }) {
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const [low, high] = extent([...state.targets, ...state.values, ...state.centers]) as [number, number];
  const pad = (high - low) * 0.05 || 1;
  const x = scaleLinear()
    .domain([low - pad, high + pad])
    .range([0, plotWidth]);
  const counts = state.counts;
  const most = Math.max(1, ...counts);
  const barTop = 90;
  const barHeight = POPULATION_HEIGHT - barTop;
  const rowY = { targets: 18, values: 56 };
  // A fixed vertical jitter per value, from its index, so the dots do not hide each other.
  const jitter = (i: number) => ((i * 37) % 17) - 8;
  return (
    <svg
      width={width}
      height={POPULATION_HEIGHT + MARGIN.top + MARGIN.bottom}
      className="figure-svg"
      data-testid="population-svg"
    >
      <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
        <text className="row-label" x={-8} y={rowY.targets} dy="0.32em" textAnchor="end">
          targets x
        </text>
        <text className="row-label" x={-8} y={rowY.values} dy="0.32em" textAnchor="end">
          values y
        </text>
        <text className="row-label" x={-8} y={barTop + barHeight / 2} dy="0.32em" textAnchor="end">
          symbols
        </text>
        {Array.from(state.targets, (t, i) => (
          <circle key={`t${i}`} className="dot-target" cx={x(t)} cy={rowY.targets + jitter(i)} r={2} />
        ))}
        {Array.from(state.values, (v, i) => (
          <circle key={`v${i}`} className="dot-value" cx={x(v)} cy={rowY.values + jitter(i)} r={2.2} />
        ))}
        {Array.from(state.centers, (c, j) => {
          const h = ((counts[j] ?? 0) / most) * (barHeight - 14);
          return (
            <g key={`c${j}`} className="center-bar">
              <line className="center-tick" x1={x(c)} x2={x(c)} y1={0} y2={POPULATION_HEIGHT} />
              <rect x={x(c) - 7} y={POPULATION_HEIGHT - h} width={14} height={h} />
              <text x={x(c)} y={POPULATION_HEIGHT - h - 3} textAnchor="middle" className="bar-label">
                {counts[j] ?? 0}
              </text>
            </g>
          );
        })}
        <Axis scale={x} orient="bottom" offset={POPULATION_HEIGHT} label="value (vertical lines: the centers)" />
      </g>
    </svg>
  );
}

/** The training run: the population, the loss and the rate, all as the run goes. */
export function TrainingCharts() {
  const state = useAppStore((s) => s.training.state);
  const [populationRef, populationWidth] = useElementWidth<HTMLDivElement>();
  const [lossRef, lossWidth] = useElementWidth<HTMLDivElement>();
  const [rateRef, rateWidth] = useElementWidth<HTMLDivElement>();
  if (!state) return <div className="figure-placeholder">Starting…</div>;
  const first = state.history[0];
  return (
    <div className="training-charts">
      <div className="training-population" ref={populationRef}>
        <PopulationChart state={state} width={populationWidth} />
      </div>
      <div ref={lossRef}>
        <h3>
          Loss <span className="muted">(solid) and distortion (dashed)</span>
        </h3>
        <HistoryChart
          history={state.history}
          width={lossWidth}
          label="loss"
          testId="loss-chart"
          series={[
            { key: 'loss', className: 'history-loss' },
            { key: 'distortion', className: 'history-distortion' },
          ]}
        />
      </div>
      <div ref={rateRef}>
        <h3>
          Rate <span className="muted">(entropy of the symbols, bits)</span>
        </h3>
        <HistoryChart
          history={state.history}
          width={rateWidth}
          label="bits"
          testId="rate-chart"
          series={[{ key: 'rate', className: 'history-rate' }]}
        />
        {first ? (
          <p className="control-hint">
            at step 0: loss {formatValue(first.loss)}, rate {formatValue(first.rate)} bits
          </p>
        ) : null}
      </div>
    </div>
  );
}
