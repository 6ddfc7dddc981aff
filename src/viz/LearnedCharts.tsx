import { useAppStore } from '../state/store';
import { HistoryChart } from './TrainingCharts';
import type { MetricKey } from './trainingMarks';
import { useElementWidth } from './useElementWidth';

const LOSS: readonly MetricKey[] = ['loss', 'distortion'];
const RATE: readonly MetricKey[] = ['bpp'];
const QUALITY: readonly MetricKey[] = ['psnr'];

/** The learned codec's run: loss, rate and PSNR per step, on each step's batch. */
export function LearnedCharts() {
  const history = useAppStore((state) => state.learned.history);
  const [lossRef, lossWidth] = useElementWidth<HTMLDivElement>();
  const [rateRef, rateWidth] = useElementWidth<HTMLDivElement>();
  const [qualityRef, qualityWidth] = useElementWidth<HTMLDivElement>();
  return (
    <div className="training-charts learned-charts">
      <div ref={lossRef}>
        <h4>
          Loss <span className="muted">(solid) and distortion (dashed)</span>
        </h4>
        <HistoryChart
          history={history}
          width={lossWidth}
          series={LOSS}
          label="loss"
          testId="learned-loss-chart"
          source="learned"
        />
      </div>
      <div ref={rateRef}>
        <h4>
          Rate <span className="muted">(bits per pixel, batch)</span>
        </h4>
        <HistoryChart
          history={history}
          width={rateWidth}
          series={RATE}
          label="bpp"
          testId="learned-bpp-chart"
          source="learned"
        />
      </div>
      <div ref={qualityRef}>
        <h4>
          PSNR <span className="muted">(dB, batch)</span>
        </h4>
        <HistoryChart
          history={history}
          width={qualityWidth}
          series={QUALITY}
          label="dB"
          testId="learned-psnr-chart"
          source="learned"
        />
      </div>
    </div>
  );
}
