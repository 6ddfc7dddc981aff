import { Trans, useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store';
import type { TrainingState } from '../model/training';
import { Axis } from './Axis';
import {
  BAR_TOP,
  CHART_HEIGHT,
  MARGIN,
  POPULATION_HEIGHT,
  ROW_Y,
  historyMarks,
  historyScales,
  populationMarks,
  populationScale,
  HISTORY_INPUTS,
  populationInput,
  type HistoryPoint,
  type HistorySource,
  type MetricKey,
} from './trainingMarks';
import { useElementWidth } from './useElementWidth';
import { useMarksCanvas } from './useMarksCanvas';

/** One metric over the steps taken: its lines on a canvas (trainingMarks.ts), its axes in SVG. */
export function HistoryChart({
  history,
  width,
  series,
  label,
  testId,
  source = 'training',
}: {
  history: readonly HistoryPoint[];
  width: number;
  series: readonly MetricKey[];
  label: string;
  testId: string;
  /** which run the canvas follows in the store */
  source?: HistorySource;
}) {
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = CHART_HEIGHT + MARGIN.top + MARGIN.bottom;
  const canvasRef = useMarksCanvas(
    { width, height, plotWidth, series, origin: [MARGIN.left, MARGIN.top] },
    historyMarks,
    HISTORY_INPUTS[source],
  );
  const { t } = useTranslation('figures');
  const { x, y } = historyScales(history, series, plotWidth);
  return (
    <div className="chart-body" style={{ height }}>
      <canvas ref={canvasRef} className="marks-canvas" data-testid={`${testId}-canvas`} aria-hidden="true" />
      <svg width={width} height={height} className="figure-svg" data-testid={testId}>
        <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
          <Axis scale={y} orient="left" offset={0} label={label} ticks={4} />
          <Axis scale={x} orient="bottom" offset={CHART_HEIGHT} label={t('training.step')} ticks={5} />
        </g>
      </svg>
    </div>
  );
}

/**
 * The population on the w axis: targets x (top row), trained values y (middle row, a line from
 * each value to its target's column would be clutter: colour says which center it is at), and
 * how many values each center receives (bars), with the centers as ticks. The dots are painted
 * on a canvas (trainingMarks.ts); labels, ticks and bars are SVG.
 */
function PopulationChart({ state, width }: { state: TrainingState; width: number }) {
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const height = POPULATION_HEIGHT + MARGIN.top + MARGIN.bottom;
  const canvasRef = useMarksCanvas(
    { width, height, plotWidth, origin: [MARGIN.left, MARGIN.top] },
    populationMarks,
    populationInput,
  );
  const { t } = useTranslation('figures');
  const x = populationScale(state, plotWidth);
  const counts = state.counts;
  const most = Math.max(1, ...counts);
  const barHeight = POPULATION_HEIGHT - BAR_TOP;
  return (
    <div className="chart-body" style={{ height }}>
      <canvas ref={canvasRef} className="marks-canvas" data-testid="population-canvas" aria-hidden="true" />
      <svg width={width} height={height} className="figure-svg" data-testid="population-svg">
        <g transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
          <text className="row-label" x={-8} y={ROW_Y.targets} dy="0.32em" textAnchor="end">
            {t('training.targets')}
          </text>
          <text className="row-label" x={-8} y={ROW_Y.values} dy="0.32em" textAnchor="end">
            {t('training.values')}
          </text>
          <text className="row-label" x={-8} y={BAR_TOP + barHeight / 2} dy="0.32em" textAnchor="end">
            {t('training.symbols')}
          </text>
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
          <Axis scale={x} orient="bottom" offset={POPULATION_HEIGHT} label={t('training.populationAxis')} />
        </g>
      </svg>
    </div>
  );
}

const LOSS_SERIES: readonly MetricKey[] = ['loss', 'distortion'];
const RATE_SERIES: readonly MetricKey[] = ['rate'];

/** The training run: the population, the loss and the rate, all as the run goes. */
export function TrainingCharts() {
  const state = useAppStore((s) => s.training.state);
  const [populationRef, populationWidth] = useElementWidth<HTMLDivElement>();
  const [lossRef, lossWidth] = useElementWidth<HTMLDivElement>();
  const [rateRef, rateWidth] = useElementWidth<HTMLDivElement>();
  const { t } = useTranslation('figures');
  if (!state) return <div className="figure-placeholder">{t('starting')}</div>;
  const first = state.history[0];
  return (
    <div className="training-charts">
      <div className="training-population" ref={populationRef}>
        <PopulationChart state={state} width={populationWidth} />
      </div>
      <div ref={lossRef}>
        <h3>
          <Trans t={t} i18nKey="training.lossHeading" components={{ m: <span className="muted" /> }} />
        </h3>
        <HistoryChart
          history={state.history}
          width={lossWidth}
          label={t('training.lossAxis')}
          testId="loss-chart"
          series={LOSS_SERIES}
        />
      </div>
      <div ref={rateRef}>
        <h3>
          <Trans t={t} i18nKey="training.rateHeading" components={{ m: <span className="muted" /> }} />
        </h3>
        <HistoryChart
          history={state.history}
          width={rateWidth}
          label={t('training.rateAxis')}
          testId="rate-chart"
          series={RATE_SERIES}
        />
        {first ? (
          <p className="control-hint">{t('training.firstStep', { loss: first.loss, rate: first.rate })}</p>
        ) : null}
      </div>
    </div>
  );
}
