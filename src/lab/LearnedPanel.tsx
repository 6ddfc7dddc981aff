import { Trans, useTranslation } from 'react-i18next';
import { FieldSlider } from '../controls/FieldSlider';
import { NumberField } from '../controls/NumberField';
import { formatValue } from '../format';
import { LEARNED_ESTIMATORS, type LearnedEstimator } from '../image/learned/model';
import { convAvailableFor, learnedModelToTrain } from '../engine/learnedModelPlan';
import { convArchitecture, CONV_DEFAULTS, learnedArchitecture, SWEEP_SIZE } from '../image/learned/plan';
import type { LearnedModelKind } from '../image/learned/weights';
import { translateMessage } from '../i18n/messageText';
import { FigureBoundary } from '../layout/FigureBoundary';
import { fieldOf } from '../state/fields';
import { resetLearned, startSweep, stepLearned, toggleLearned } from '../state/learnedLoop';
import { imageLabel } from '../state/labState';
import { downloadLearnedWeights, loadLearnedWeights } from '../state/learnedWeights';
import { i18n } from '../i18n/i18n';
import { useAppStore } from '../state/store';
import { LearnedExplain } from '../teach/LearnedExplain';
import { LearnedCharts } from '../viz/LearnedCharts';

/** An estimator's name on the page: the shared names of the figures, plus the codec's own noise. */
const estimatorLabel = (name: LearnedEstimator) =>
  name === 'noise' ? i18n.t('lab:learned.noise') : i18n.t(`figures:estimator.${name}`);

/** Estimators whose backward pass gives the encoder exactly nothing. */
const ENCODER_FROZEN: readonly LearnedEstimator[] = ['hard', 'seedRound'];

/** Play / pause / step / reset, the sweep, and where the run is. */
function LearnedStatus() {
  const { t } = useTranslation('lab');
  const learned = useAppStore((state) => state.learned);
  const cap = useAppStore((state) => state.lesson.learnedSteps);
  const last = learned.history[learned.history.length - 1];
  const sweep = learned.sweep;
  return (
    <div className="training-status">
      <div className="control-row">
        <button type="button" className="primary" onClick={toggleLearned}>
          {learned.playing ? t('learned.pause') : t('learned.play')}
        </button>
        <button type="button" onClick={() => stepLearned(1, 0)} disabled={learned.playing}>
          {t('learned.step')}
        </button>
        <button type="button" onClick={resetLearned}>
          {t('learned.reset')}
        </button>
        <button type="button" onClick={startSweep} disabled={sweep !== null}>
          {t('learned.sweep', { count: SWEEP_SIZE })}
        </button>
      </div>
      <p className="training-readout" role="status" data-testid="learned-readout">
        {t('learned.readout', { step: learned.step, cap })}
        {last
          ? t('learned.readoutLast', {
              loss: formatValue(last.loss),
              // a rate cannot be negative: a batch whose symbols sit in one bin can round to -1e-7
              bpp: formatValue(Math.max(0, last.bpp)),
              psnr: last.psnr.toFixed(2),
              temperature: formatValue(last.temperature),
            })
          : t('learned.notStarted')}
        {sweep
          ? t('learned.readoutSweep', {
              index: sweep.index + 1,
              total: sweep.lambdas.length,
              lambda: formatValue(learned.lambda),
            })
          : ''}
      </p>
      {learned.encoderMoves === false ? (
        <p className="training-stopped" data-testid="learned-frozen">
          {t('learned.frozen')}
        </p>
      ) : null}
      {learned.stopped ? (
        <p className="training-stopped" data-testid="learned-stopped">
          {t('learned.stopped', { reason: translateMessage(learned.stopped) })}
        </p>
      ) : null}
      {learned.error ? (
        <p className="notice error" role="alert" data-testid="learned-error">
          {translateMessage(learned.error)}
        </p>
      ) : null}
      {learned.note ? (
        <p className="muted" data-testid="learned-note">
          {translateMessage(learned.note)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The lab's learned codec: an MLP encoder per 8×8 block, the page's soft-to-hard quantizer, an
 * MLP decoder, trained here on the lab's image; its result is the lab's when transform = learned.
 */
export function LearnedPanel() {
  const { t } = useTranslation('lab');
  const lesson = useAppStore((state) => state.lesson);
  const setLesson = useAppStore((state) => state.setLesson);
  const addNotices = useAppStore((state) => state.addNotices);
  const imageName = useAppStore((state) => state.lab.image?.name ?? null);
  const source = useAppStore((state) => state.learned.source);
  const backend = useAppStore((state) => state.backend);
  const convHere = backend ? convAvailableFor(backend) : null;
  const { kind, passedOver } = learnedModelToTrain(lesson.learnedModel, backend);
  return (
    <section className="learned-panel" aria-label={t('learned.aria')} data-testid="learned-panel">
      <h3>{t('learned.title')}</h3>
      <label className="control">
        <span className="control-label">{t('learned.model')}</span>{' '}
        <select
          className="inline-select"
          aria-label={t('learned.modelAria')}
          value={lesson.learnedModel}
          onChange={(event) => setLesson({ learnedModel: event.currentTarget.value as LearnedModelKind })}
        >
          <option value="block">{t('learned.modelBlock')}</option>
          {/* offered only where it can train; a link that asks for it elsewhere keeps asking */}
          <option value="conv" disabled={!convHere?.available && lesson.learnedModel !== 'conv'}>
            {t('learned.modelConv')}
          </option>
        </select>
        {convHere && !convHere.available ? (
          <span className="control-hint learned-hint" data-testid="learned-conv-reason">
            {passedOver
              ? t('learned.convUnavailable', { reason: translateMessage(passedOver) })
              : translateMessage(convHere.reason)}
          </span>
        ) : null}
      </label>
      <p className="figure-explain" data-testid="learned-architecture">
        {kind === 'conv' ? (
          t('learned.convExplain', {
            kernel: CONV_DEFAULTS.kernelSize,
            filters: CONV_DEFAULTS.filters,
            channels: lesson.learnedChannels,
          })
        ) : (
          <Trans
            t={t}
            i18nKey="learned.explain"
            values={{ architecture: learnedArchitecture(lesson.learnedChannels), channels: lesson.learnedChannels }}
            components={{ m1: <span className="mono" /> }}
          />
        )}
        {kind === 'conv' ? <span className="mono"> {convArchitecture(lesson.learnedChannels)}</span> : null}
      </p>
      <p className="learned-source" data-testid="learned-source">
        {t('learned.trainsOn', {
          source:
            source !== null
              ? translateMessage(source)
              : t('learned.blocksOf', {
                  image: imageName !== null ? translateMessage(imageLabel(imageName)) : t('learned.theLabsImage'),
                }),
        })}
      </p>
      <div className="training-controls">
        <label className="control">
          <span className="control-label">{t('learned.estimator')}</span>{' '}
          <select
            className="inline-select"
            aria-label={t('learned.estimatorAria')}
            value={lesson.learnedEstimator}
            onChange={(event) => setLesson({ learnedEstimator: event.currentTarget.value as LearnedEstimator })}
          >
            {LEARNED_ESTIMATORS.map((name) => (
              <option key={name} value={name}>
                {estimatorLabel(name)}
              </option>
            ))}
          </select>
          {ENCODER_FROZEN.includes(lesson.learnedEstimator) ? (
            <span className="control-hint learned-hint" data-testid="learned-frozen-hint">
              {t('learned.frozenHint')}
            </span>
          ) : null}
        </label>
        <FieldSlider
          name="learnedLambda"
          label={t('learned.lambda')}
          valueText={(lambda) => t('learned.lambdaValue', { value: formatValue(lambda) })}
          exactLabel={t('learned.lambdaExact')}
        />
        <FieldSlider
          name="learnedChannels"
          label={t('learned.channels')}
          valueText={(c) => t(kind === 'conv' ? 'learned.channelsValueConv' : 'learned.channelsValue', { count: c })}
        />
        <FieldSlider
          name="learnedSteps"
          label={t('learned.steps')}
          valueText={(steps) => t('learned.stepsValue', { count: steps })}
          hint={t('learned.stepsHint')}
          exactLabel={t('learned.stepsExact')}
        />
        <div className="control">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={lesson.learnedAnneal}
              onChange={(event) => setLesson({ learnedAnneal: event.currentTarget.checked })}
            />{' '}
            {t('learned.anneal')}
          </label>
          <label className="control-row">
            {t('learned.seed')}{' '}
            <NumberField
              label={t('learned.seedAria')}
              value={lesson.learnedSeed}
              format={String}
              onCommit={(text) => {
                const parsed = fieldOf('learnedSeed').parse(text);
                setLesson({ learnedSeed: parsed.value });
                if (parsed.notice) addNotices([parsed.notice]);
              }}
            />
          </label>
        </div>
      </div>
      <LearnedStatus />
      <FigureBoundary name={t('learned.figureName')}>
        <LearnedCharts />
      </FigureBoundary>
      <div className="lab-downloads">
        {t('learned.weights')}{' '}
        <button type="button" className="small" onClick={downloadLearnedWeights}>
          {t('learned.download')}
        </button>{' '}
        <label className="file-pick">
          {t('learned.load')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            aria-label={t('learned.loadAria')}
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0];
              if (picked) void loadLearnedWeights(picked);
              event.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      <LearnedExplain />
    </section>
  );
}
