import { useOnScreen } from '../viz/useOnScreen';
import { NumberField } from '../controls/NumberField';
import { FieldSlider } from '../controls/FieldSlider';
import { formatValue } from '../format';
import { ESTIMATORS, ESTIMATOR_INFO, type EstimatorName } from '../model/estimators';
import { DEFAULT_TRAINING, DISTRIBUTIONS, SCHEDULES } from '../model/training';
import { FigureBoundary } from '../layout/FigureBoundary';
import { fieldOf } from '../state/fields';
import { useAppStore } from '../state/store';
import { resetTraining, stepTraining, togglePlaying } from '../state/trainingLoop';
import { TrainingCharts } from '../viz/TrainingCharts';
import { Formula } from './Formula';

const SPEEDS = [1, 5, 20, 50] as const;

/** What each estimator passes back in the training objective, in words. */
const TRAINING_BACKWARD: Record<EstimatorName, string> = {
  soft: 'Forward and backward soft: ŷ = w_soft and soft symbols. It learns, but what it optimises is not the hard loss a decoder would see.',
  ste: 'Forward hard; backward the soft gradient, for the value and for the symbols (the straight-through estimator).',
  hard: 'Forward hard; backward nothing reaches the values. With learned centers, each center still gets the gather’s gradient and moves toward the mean of its targets.',
  seedRound:
    'Forward hard (rounded); backward nothing at all: tf.round’s gradient is zero, so no value and no center moves.',
  identity:
    'Forward hard; backward 1 for the value. The symbols have no identity counterpart, so the rate term passes nothing and λ does not steer training.',
};

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

/** Play / pause / step / reset, the speed, and where the run is. */
function TrainingStatus() {
  const run = useAppStore((state) => state.training);
  const setSpeed = (speed: number) => useAppStore.setState((state) => ({ training: { ...state.training, speed } }));
  const last = run.state?.history[run.state.history.length - 1];
  return (
    <div className="training-status">
      <div className="control-row">
        <button type="button" className="primary" onClick={togglePlaying} disabled={!run.state}>
          {run.playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => void stepTraining(1)} disabled={!run.state || run.playing}>
          Step
        </button>
        <button type="button" onClick={resetTraining}>
          Reset
        </button>
        <label className="inline-select">
          Speed{' '}
          <select value={run.speed} onChange={(event) => setSpeed(Number(event.currentTarget.value))}>
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed} step{speed > 1 ? 's' : ''} per frame
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="training-readout" role="status" data-testid="training-readout">
        {last
          ? `step ${last.step} · loss ${formatValue(last.loss)} · distortion ${formatValue(last.distortion)} · rate ${formatValue(last.rate)} bits · T = ${formatValue(last.temperature)}`
          : 'not started'}
      </p>
      {run.state?.stopped ? (
        <p className="training-stopped" data-testid="training-stopped">
          Paused: {run.state.stopped}
          {run.state.history.every((metrics) => metrics.loss === run.state?.history[0]?.loss)
            ? '. The loss never changed: this estimator passes no gradient to anything being trained.'
            : ''}
        </p>
      ) : null}
      {run.error ? <p className="notice error">The training demo could not run: {run.error}</p> : null}
    </div>
  );
}

/**
 * A population trained through the chosen estimator on a toy rate-distortion objective: the STE
 * learns, the hard quantizer and the seed's round line do not.
 */
export function TrainingDemo() {
  const onScreenRef = useOnScreen('training');
  const lesson = useAppStore((state) => state.lesson);
  const temperature = useAppStore((state) => state.params.temperature);
  const setLesson = useAppStore((state) => state.setLesson);
  const addNotices = useAppStore((state) => state.addNotices);
  return (
    <section
      className="card training"
      aria-label="Training demo"
      data-figure="training"
      id="training"
      ref={onScreenRef}
    >
      <h2>Train a population through the estimator</h2>
      <p className="figure-explain">
        {DEFAULT_TRAINING.count} values <var>y</var> start near the middle and learn to encode {DEFAULT_TRAINING.count}{' '}
        targets <var>x</var> drawn from a {lesson.data} distribution. Each step is one gradient-descent step on{' '}
        <Formula
          tex="\mathcal L = \tfrac1N \sum_i (\hat y_i - x_i)^2 + \lambda\, H(P),\quad P_j = \tfrac1N \sum_i a_{ij}"
          text="L = (1/N) Σ_i (ŷ_i − x_i)² + λ H(P), P_j = (1/N) Σ_i a_ij"
        />
        : distortion plus λ times the entropy (bits) of the symbols. The estimator gives the quantized value{' '}
        <Formula tex="\hat y" text="ŷ" /> and the symbol <Formula tex="a" text="a" /> going forward (hard, so the rate
        is the real entropy) and decides what flows back. The quantizer’s T, centers and distance are those of the
        figures above; changing any of them starts afresh.
      </p>
      <div className="training-controls">
        <div className="estimator-choice">
          <Choice
            label="Estimator"
            name="train-estimator"
            value={lesson.estimator}
            options={ESTIMATORS}
            labelOf={(name) => ESTIMATOR_INFO[name].label}
            onChange={(estimator) => setLesson({ estimator })}
          />
          <p className="control-hint estimator-backward" data-testid="training-backward">
            {TRAINING_BACKWARD[lesson.estimator]}
          </p>
        </div>
        <FieldSlider name="lambda" label="Rate weight λ" valueText={(lambda) => `λ = ${formatValue(lambda)}`} />
        <FieldSlider
          name="learningRate"
          label="Learning rate"
          valueText={(rate) => `η = ${formatValue(rate)}`}
          hint="log scale"
        />
        <Choice
          label="Targets"
          name="train-data"
          value={lesson.data}
          options={DISTRIBUTIONS}
          onChange={(data) => setLesson({ data })}
        />
        <Choice
          label={`Temperature schedule (T₀ = ${formatValue(temperature)})`}
          name="train-schedule"
          value={lesson.schedule}
          options={SCHEDULES}
          labelOf={(schedule) =>
            schedule === 'constant'
              ? 'constant'
              : `anneal ×${DEFAULT_TRAINING.decay} per step, to ${DEFAULT_TRAINING.minTemperature}`
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
            Learn the centers too (Mentzer et al. 2018)
          </label>
          <label className="control-row">
            Seed{' '}
            <NumberField
              label="Training seed"
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
