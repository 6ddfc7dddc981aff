import { FieldSlider } from '../controls/FieldSlider';
import { NumberField } from '../controls/NumberField';
import { formatValue } from '../format';
import { LEARNED_ESTIMATORS, type LearnedEstimator } from '../image/learned/model';
import { learnedArchitecture, SWEEP_SIZE } from '../image/learned/plan';
import { FigureBoundary } from '../layout/FigureBoundary';
import { ESTIMATOR_INFO } from '../model/estimators';
import { fieldOf } from '../state/fields';
import { resetLearned, startSweep, stepLearned, toggleLearned } from '../state/learnedLoop';
import { downloadLearnedWeights, loadLearnedWeights } from '../state/learnedWeights';
import { useAppStore } from '../state/store';
import { LearnedExplain } from '../teach/LearnedExplain';
import { LearnedCharts } from '../viz/LearnedCharts';

const estimatorLabel = (name: LearnedEstimator) =>
  name === 'noise' ? 'uniform noise (Ballé et al. 2017)' : ESTIMATOR_INFO[name].label;

/** Estimators whose backward pass gives the encoder exactly nothing. */
const ENCODER_FROZEN: readonly LearnedEstimator[] = ['hard', 'seedRound'];

/** What the page says when the encoder's gradient is exactly zero: the decoder still learns. */
export const ENCODER_FROZEN_MESSAGE =
  'The encoder gets no gradient through the hard quantizer, so it never changes; only the decoder still learns (it adapts to whatever symbols the untrained encoder happens to send).';

/** Play / pause / step / reset, the sweep, and where the run is. */
function LearnedStatus() {
  const learned = useAppStore((state) => state.learned);
  const cap = useAppStore((state) => state.lesson.learnedSteps);
  const last = learned.history[learned.history.length - 1];
  const sweep = learned.sweep;
  return (
    <div className="training-status">
      <div className="control-row">
        <button type="button" className="primary" onClick={toggleLearned}>
          {learned.playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => stepLearned(1, 0)} disabled={learned.playing}>
          Step
        </button>
        <button type="button" onClick={resetLearned}>
          Reset
        </button>
        <button type="button" onClick={startSweep} disabled={sweep !== null}>
          Sweep λ ({SWEEP_SIZE} runs)
        </button>
      </div>
      <p className="training-readout" role="status" data-testid="learned-readout">
        step {learned.step} of {cap}
        {last
          ? ` · loss ${formatValue(last.loss)} · ${formatValue(last.bpp)} bpp · ${last.psnr.toFixed(2)} dB on the batch · T = ${formatValue(last.temperature)}`
          : ' · not started'}
        {sweep ? ` · sweep ${sweep.index + 1} of ${sweep.lambdas.length}: λ = ${formatValue(learned.lambda)}` : ''}
      </p>
      {learned.encoderMoves === false ? (
        <p className="training-stopped" data-testid="learned-frozen">
          {ENCODER_FROZEN_MESSAGE}
        </p>
      ) : null}
      {learned.stopped ? (
        <p className="training-stopped" data-testid="learned-stopped">
          Stopped: {learned.stopped}.
        </p>
      ) : null}
      {learned.error ? (
        <p className="notice error" role="alert" data-testid="learned-error">
          {learned.error}
        </p>
      ) : null}
      {learned.note ? (
        <p className="muted" data-testid="learned-note">
          {learned.note}
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
  const lesson = useAppStore((state) => state.lesson);
  const setLesson = useAppStore((state) => state.setLesson);
  const addNotices = useAppStore((state) => state.addNotices);
  const imageName = useAppStore((state) => state.lab.image?.name ?? null);
  const source = useAppStore((state) => state.learned.source);
  return (
    <section className="learned-panel" aria-label="Learned codec" data-testid="learned-panel">
      <h3>Learned codec</h3>
      <p className="figure-explain">
        Encoder <span className="mono">{learnedArchitecture(lesson.learnedChannels)}</span> per 8×8 RGB block: 192
        values → 64 → C = {lesson.learnedChannels} latents, each quantized by the quantizer above (its centers, T and
        distance), then a decoder back to 192. Loss: mean squared error + λ × the entropy of the symbols in bits per
        pixel.
      </p>
      <p className="learned-source" data-testid="learned-source">
        Trains on {source ?? `random 8×8 blocks of ${imageName ?? 'the lab’s image'} (the test image itself)`}: it is
        scored on the same image it learns from, so the numbers show how well it can fit this image, not how well it
        would compress another.
      </p>
      <div className="training-controls">
        <label className="control">
          <span className="control-label">Estimator</span>{' '}
          <select
            className="inline-select"
            aria-label="Learned codec estimator"
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
              Nothing reaches the encoder through this one.
            </span>
          ) : null}
        </label>
        <FieldSlider
          name="learnedLambda"
          label="Rate weight λ"
          valueText={(lambda) => `λ = ${formatValue(lambda)}`}
          exactLabel="Learned codec λ"
        />
        <FieldSlider name="learnedChannels" label="Channels C" valueText={(c) => `C = ${c} per block`} />
        <FieldSlider
          name="learnedSteps"
          label="Step cap"
          valueText={(steps) => `${steps} steps`}
          hint="it also stops on NaN, or after 300 steps without a better loss"
          exactLabel="Learned codec step cap"
        />
        <div className="control">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={lesson.learnedAnneal}
              onChange={(event) => setLesson({ learnedAnneal: event.currentTarget.checked })}
            />{' '}
            Anneal T to T/20 over the run
          </label>
          <label className="control-row">
            Seed{' '}
            <NumberField
              label="Learned codec seed"
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
      <FigureBoundary name="learned codec">
        <LearnedCharts />
      </FigureBoundary>
      <div className="lab-downloads">
        Weights:{' '}
        <button type="button" className="small" onClick={downloadLearnedWeights}>
          Download weights (JSON)
        </button>{' '}
        <label className="file-pick">
          load{' '}
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Load learned codec weights"
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
