import { Trans, useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store';
import { HistoryChart } from './TrainingCharts';
import type { MetricKey } from './trainingMarks';
import { useElementWidth } from './useElementWidth';

const LOSS: readonly MetricKey[] = ['loss', 'distortion'];
const RATE: readonly MetricKey[] = ['bpp'];
const QUALITY: readonly MetricKey[] = ['psnr'];

/** The learned codec's run: loss, rate and PSNR per step, on each step's batch. */
export function LearnedCharts() {
  const { t } = useTranslation('lab');
  const history = useAppStore((state) => state.learned.history);
  const muted = { m: <span className="muted" /> };
  const [lossRef, lossWidth] = useElementWidth<HTMLDivElement>();
  const [rateRef, rateWidth] = useElementWidth<HTMLDivElement>();
  const [qualityRef, qualityWidth] = useElementWidth<HTMLDivElement>();
  return (
    <div className="training-charts learned-charts">
      <div ref={lossRef}>
        <h4>
          <Trans t={t} i18nKey="learnedCharts.loss" components={muted} />
        </h4>
        <HistoryChart
          history={history}
          width={lossWidth}
          series={LOSS}
          label={t('learnedCharts.lossAxis')}
          testId="learned-loss-chart"
          source="learned"
        />
      </div>
      <div ref={rateRef}>
        <h4>
          <Trans t={t} i18nKey="learnedCharts.rate" components={muted} />
        </h4>
        <HistoryChart
          history={history}
          width={rateWidth}
          series={RATE}
          label={t('learnedCharts.bppAxis')}
          testId="learned-bpp-chart"
          source="learned"
        />
      </div>
      <div ref={qualityRef}>
        <h4>
          <Trans t={t} i18nKey="learnedCharts.psnr" components={muted} />
        </h4>
        <HistoryChart
          history={history}
          width={qualityWidth}
          series={QUALITY}
          label={t('learnedCharts.dbAxis')}
          testId="learned-psnr-chart"
          source="learned"
        />
      </div>
    </div>
  );
}
