import { useTranslation } from 'react-i18next';
import { FieldSlider } from '../controls/FieldSlider';
import { formatValue } from '../format';
import { ESTIMATORS, type EstimatorName } from '../model/choices';
import { i18n } from '../i18n/i18n';
import { translateMessage } from '../i18n/messageText';
import { pauseCodec, stopCodec, sweepCodec, trainCodec } from '../state/codecLoop';
import { CODEC_SWEEP_TARGETS, shownCodecCurve, type CodecOutcome } from '../state/codecState';
import { useAppStore } from '../state/store';

/** Estimators whose backward pass gives the quantizer exactly nothing. */
const FROZEN: readonly EstimatorName[] = ['hard', 'seedRound'];

const estimatorLabel = (name: EstimatorName) => i18n.t(`figures:estimator.${name}`);

/** Train / pause / stop / sweep and where the run is. */
function CodecStatus() {
  const { t } = useTranslation('lab');
  const codec = useAppStore((state) => state.codec);
  const hasImage = useAppStore((state) => state.lab.image !== null);
  const { progress, sweep, status } = codec;
  const running = status === 'training' || status === 'paused';
  return (
    <div className="training-status">
      <div className="control-row">
        <button type="button" className="primary" onClick={trainCodec} disabled={!hasImage || running}>
          {t('codec.train')}
        </button>
        <button type="button" onClick={pauseCodec} disabled={!running}>
          {status === 'paused' ? t('codec.resume') : t('codec.pause')}
        </button>
        <button type="button" onClick={stopCodec} disabled={!running}>
          {t('codec.stop')}
        </button>
        <button type="button" onClick={sweepCodec} disabled={!hasImage || running}>
          {t('codec.sweep', { count: CODEC_SWEEP_TARGETS.length })}
        </button>
      </div>
      <p className="training-readout" role="status" data-testid="codec-readout">
        {progress
          ? t('codec.readout', {
              step: progress.step,
              steps: progress.steps,
              loss: formatValue(progress.loss),
              bpp: progress.bpp.toFixed(3),
              psnr: progress.psnr.toFixed(2),
              temperature: formatValue(progress.temperature),
              seconds: (progress.ms / 1000).toFixed(1),
            })
          : running
            ? t('codec.settingUp')
            : t('codec.notStarted')}
        {sweep
          ? t('codec.readoutSweep', {
              index: sweep.index + 1,
              total: sweep.targets.length,
              target: sweep.targets[sweep.index],
            })
          : ''}
      </p>
      {codec.error ? (
        <p className="notice error" role="alert" data-testid="codec-error">
          {translateMessage(codec.error)}
        </p>
      ) : null}
    </div>
  );
}

/** What the file is and what learning the quantizer bought. */
function CodecOutcomeView({ outcome }: { outcome: CodecOutcome }) {
  const { t } = useTranslation('lab');
  const gain = outcome.psnr - outcome.untrained.psnr;
  const levels = outcome.offsets[0]!.length / 3;
  return (
    <div className="codec-outcome" data-testid="codec-outcome">
      <p>
        {t('codec.result', {
          bytes: outcome.bytes,
          bpp: outcome.bpp.toFixed(4),
          target: outcome.targetBpp,
          psnr: outcome.psnr.toFixed(2),
          msssim: outcome.msssim === null ? '' : t('codec.msssim', { value: outcome.msssim.toFixed(4) }),
          seconds: (outcome.trainMs / 1000).toFixed(1),
          steps: outcome.steps,
          estimator: estimatorLabel(outcome.estimator),
        })}
      </p>
      <p data-testid="codec-gain">
        {t('codec.gain', {
          psnr: outcome.untrained.psnr.toFixed(2),
          bpp: outcome.untrained.bpp.toFixed(4),
          gain: `${gain >= 0 ? '+' : ''}${gain.toFixed(2)}`,
        })}
      </p>
      {FROZEN.includes(outcome.estimator) ? (
        <p className="training-stopped" data-testid="codec-frozen">
          {t('codec.frozen', { estimator: estimatorLabel(outcome.estimator) })}
        </p>
      ) : outcome.bestStep === 0 ? (
        <p className="muted">{t('codec.start')}</p>
      ) : null}
      <table className="codec-table">
        <caption>{t('codec.centersTitle')}</caption>
        <tbody>
          {Array.from({ length: levels }, (_, level) => (
            <tr key={level}>
              <th scope="row">{t('codec.level', { level: level + 1 })}</th>
              {[0, 1, 2].map((k) => (
                <td key={k} className="mono">
                  {(k + 1 + outcome.offsets[0]![3 * level + k]!).toFixed(3)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="codec-table">
        <caption>{t('codec.bandsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('codec.subband')}</th>
            {[0, 1, 2].map((c) => (
              <th scope="col" key={c}>
                {t('codec.channel', { index: c + 1 })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outcome.bandNames.map((name, b) => (
            <tr key={name}>
              <th scope="row" className="mono">
                {name}
              </th>
              {[0, 1, 2].map((c) => (
                <td key={c} className="mono">
                  {outcome.bandBpp[c]![b]!.toFixed(4)} · {outcome.stepRatios[c]![b]!.toFixed(2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The codec trained here: its settings, its run, its file and what it teaches. */
export function CodecPanel() {
  const { t } = useTranslation('lab');
  const estimator = useAppStore((state) => state.lesson.codecEstimator);
  const setLesson = useAppStore((state) => state.setLesson);
  const outcome = useAppStore((state) => state.codec.outcome);
  const curvePoints = useAppStore((state) => state.codec.curve);
  const curveImage = useAppStore((state) => state.codec.curveImage);
  const image = useAppStore((state) => state.lab.image);
  // the points the rate-distortion plot draws: the last sweep's, on the image the lab shows
  const curve = shownCodecCurve({ curve: curvePoints, curveImage }, image);
  return (
    <section className="learned-panel" aria-label={t('codec.aria')} data-testid="codec-panel">
      <h3>{t('codec.title')}</h3>
      <p className="figure-explain">{t('codec.explain')}</p>
      <p className="figure-explain" data-testid="codec-compare">
        {t('codec.compare')}
      </p>
      <div className="training-controls">
        <FieldSlider
          name="codecBpp"
          label={t('codec.target')}
          valueText={(value) => t('codec.targetValue', { value: formatValue(value) })}
        />
        <FieldSlider
          name="codecSteps"
          label={t('codec.steps')}
          valueText={(steps) => t('codec.stepsValue', { count: steps })}
        />
        <label className="control">
          <span className="control-label">{t('codec.estimator')}</span>{' '}
          <select
            className="inline-select"
            aria-label={t('codec.estimatorAria')}
            value={estimator}
            onChange={(event) => setLesson({ codecEstimator: event.currentTarget.value as EstimatorName })}
          >
            {ESTIMATORS.map((name) => (
              <option key={name} value={name}>
                {estimatorLabel(name)}
              </option>
            ))}
          </select>
          {FROZEN.includes(estimator) ? (
            <span className="control-hint learned-hint" data-testid="codec-frozen-hint">
              {t('codec.frozenHint')}
            </span>
          ) : null}
        </label>
      </div>
      <CodecStatus />
      {outcome ? <CodecOutcomeView outcome={outcome} /> : null}
      {curve.length > 0 ? (
        <div data-testid="codec-curve">
          <p>{t('codec.curveTitle')}</p>
          <ul>
            {curve.map((point) => (
              <li key={point.targetBpp} className="mono">
                {t('codec.curvePoint', {
                  bpp: point.bpp.toFixed(3),
                  psnr: point.psnr.toFixed(2),
                  untrained: point.untrainedPsnr.toFixed(2),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
