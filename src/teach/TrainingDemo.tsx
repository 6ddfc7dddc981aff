import { Trans, useTranslation } from 'react-i18next';
import { useOnScreen } from '../viz/useOnScreen';
import { NumberField } from '../controls/NumberField';
import { FieldSlider } from '../controls/FieldSlider';
import { formatValue } from '../format';
import { ESTIMATORS } from '../model/estimators';
import { DEFAULT_TRAINING, DISTRIBUTIONS, SCHEDULES, type StopReason } from '../model/training';
import { FigureBoundary } from '../layout/FigureBoundary';
import { fieldOf } from '../state/fields';
import { useAppStore } from '../state/store';
import { resetTraining, stepTraining, togglePlaying } from '../state/trainingLoop';
import { TrainingCharts } from '../viz/TrainingCharts';
import { translateMessage } from '../i18n/messageText';
import { Formula } from './Formula';

const SPEEDS = [1, 5, 20, 50] as const;

function Choice<T extends string>({
  label,
  name,
  value,
  options,
  labelOf,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  options: readonly T[];
  labelOf?: (option: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="control choice">
      <legend>{label}</legend>
      <div className="segmented" role="radiogroup" aria-label={label}>
        {options.map((option) => (
          <label key={option} className={value === option ? 'checked' : undefined}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {labelOf ? labelOf(option) : option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A run's stop reason in words, in the page's language. */
function useStopText(): (reason: StopReason) => string {
  const { t } = useTranslation('teach');
  return (reason) => {
    switch (reason.kind) {
      case 'converged':
        return t('training.stop.converged', { move: String(reason.move), steps: reason.steps });
      case 'divergedLoss':
        return t('training.stop.divergedLoss', { loss: String(reason.loss), step: reason.step });
      case 'divergedValue':
        return t('training.stop.divergedValue', { step: reason.step });
      case 'stepLimit':
        return t('training.stop.stepLimit', { limit: reason.limit });
    }
  };
}

/** Play / pause / step / reset, the speed, and where the run is. */
function TrainingStatus() {
  const { t } = useTranslation('teach');
  const stopText = useStopText();
  const run = useAppStore((state) => state.training);
  const setSpeed = (speed: number) => useAppStore.getState().updateTraining({ speed });
  const last = run.state?.history[run.state.history.length - 1];
  const stopped = run.state?.stopped;
  const neverChanged = run.state?.history.every((metrics) => metrics.loss === run.state?.history[0]?.loss);
  return (
    <div className="training-status">
      <div className="control-row">
        <button type="button" className="primary" onClick={togglePlaying} disabled={!run.state}>
          {run.playing ? t('training.pause') : t('training.play')}
        </button>
        <button type="button" onClick={() => void stepTraining(1)} disabled={!run.state || run.playing}>
          {t('training.step')}
        </button>
        <button type="button" onClick={resetTraining}>
          {t('training.reset')}
        </button>
        <label className="inline-select">
          {t('training.speed')}{' '}
          <select value={run.speed} onChange={(event) => setSpeed(Number(event.currentTarget.value))}>
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {t('training.perFrame', { count: speed })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="training-readout" role="status" data-testid="training-readout">
        {last
          ? t('training.readout', {
              step: last.step,
              loss: formatValue(last.loss),
              distortion: formatValue(last.distortion),
              rate: formatValue(last.rate),
              temperature: formatValue(last.temperature),
            })
          : t('training.notStarted')}
      </p>
      {stopped ? (
        <p className="training-stopped" data-testid="training-stopped">
          {neverChanged && stopped.kind === 'converged'
            ? t('training.stillNoGradient', { steps: stopped.steps })
            : t(neverChanged ? 'training.pausedStill' : 'training.paused', { reason: stopText(stopped) })}
        </p>
      ) : null}
      {run.error ? <p className="notice error">{t('training.error', { error: translateMessage(run.error) })}</p> : null}
    </div>
  );
}

/**
 * A population trained through the chosen estimator on a toy rate-distortion objective: the STE
 * learns, the hard quantizer and the seed's round line do not.
 */
export function TrainingDemo() {
  const { t } = useTranslation('teach');
  const onScreenRef = useOnScreen('training');
  const lesson = useAppStore((state) => state.lesson);
  const temperature = useAppStore((state) => state.params.temperature);
  const setLesson = useAppStore((state) => state.setLesson);
  const addNotices = useAppStore((state) => state.addNotices);
  return (
    <section
      className="card training"
      aria-label={t('training.aria')}
      data-figure="training"
      id="training"
      ref={onScreenRef}
    >
      <h2>{t('training.title')}</h2>
      <p className="figure-explain">
        <Trans
          t={t}
          i18nKey="training.explain"
          values={{ size: DEFAULT_TRAINING.count, distribution: t(`training.distributions.${lesson.data}`) }}
          components={{
            v: <var />,
            f1: (
              <Formula
                tex="\mathcal L = \tfrac1N \sum_i (\hat y_i - x_i)^2 + \lambda\, H(P),\quad P_j = \tfrac1N \sum_i a_{ij}"
                text="L = (1/N) Σ_i (ŷ_i − x_i)² + λ H(P), P_j = (1/N) Σ_i a_ij"
              />
            ),
            f2: <Formula tex="\hat y" text="ŷ" />,
            f3: <Formula tex="a" text="a" />,
          }}
        />
      </p>
      {lesson.estimator === 'ste' || lesson.estimator === 'identity' ? (
        <p className="figure-explain" data-testid="training-chatter">
          {t('training.chatter')}
        </p>
      ) : null}
      <div className="training-controls">
        <div className="estimator-choice">
          <Choice
            label={t('training.estimator')}
            name="train-estimator"
            value={lesson.estimator}
            options={ESTIMATORS}
            labelOf={(name) => t(`estimators.${name}.label`)}
            onChange={(estimator) => setLesson({ estimator })}
          />
          <p className="control-hint estimator-backward" data-testid="training-backward">
            {t(`training.backward.${lesson.estimator}`)}
          </p>
        </div>
        <FieldSlider name="lambda" label={t('training.lambda')} valueText={(lambda) => `λ = ${formatValue(lambda)}`} />
        <FieldSlider
          name="learningRate"
          label={t('training.learningRate')}
          valueText={(rate) => `η = ${formatValue(rate)}`}
          hint={t('training.logScale')}
        />
        <Choice
          label={t('training.targets')}
          name="train-data"
          value={lesson.data}
          options={DISTRIBUTIONS}
          labelOf={(data) => t(`training.distributions.${data}`)}
          onChange={(data) => setLesson({ data })}
        />
        <Choice
          label={t('training.schedule', { temperature: formatValue(temperature) })}
          name="train-schedule"
          value={lesson.schedule}
          options={SCHEDULES}
          labelOf={(schedule) =>
            schedule === 'constant'
              ? t('training.constant')
              : t('training.anneal', {
                  decay: DEFAULT_TRAINING.decay,
                  minTemperature: DEFAULT_TRAINING.minTemperature,
                })
          }
          onChange={(schedule) => setLesson({ schedule })}
        />
        <div className="control">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={lesson.learnCenters}
              onChange={(event) => setLesson({ learnCenters: event.currentTarget.checked })}
            />{' '}
            {t('training.learnCenters')}
          </label>
          <label className="control-row">
            {t('training.seed')}{' '}
            <NumberField
              label={t('training.seedLabel')}
              value={lesson.seed}
              format={String}
              onCommit={(text) => {
                const parsed = fieldOf('seed').parse(text);
                setLesson({ seed: parsed.value });
                if (parsed.notice) addNotices([parsed.notice]);
              }}
            />
          </label>
        </div>
      </div>
      <TrainingStatus />
      <FigureBoundary name="training">
        <TrainingCharts />
      </FigureBoundary>
    </section>
  );
}
