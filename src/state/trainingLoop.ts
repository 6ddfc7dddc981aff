import { makeCenters } from '../model/centers';
import { DEFAULT_TRAINING, startTraining, trainSteps, type TrainingConfig } from '../model/training';
import { message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { watchSetup, type Job } from './scheduler';
import { useAppStore, type AppState, type TrainingRun } from './store';

/**
 * The training demo's setup, from the lesson (estimator, λ, ...), the quantizer's params (T,
 * centers, distance) and the engine.
 */
export function trainingConfig(state: Pick<AppState, 'params' | 'lesson' | 'engine'>): TrainingConfig {
  const { params, lesson, engine } = state;
  return {
    seed: lesson.seed,
    count: DEFAULT_TRAINING.count,
    distribution: lesson.data,
    estimator: lesson.estimator,
    lambda: lesson.lambda,
    learningRate: lesson.learningRate,
    temperature: params.temperature,
    schedule: lesson.schedule,
    decay: DEFAULT_TRAINING.decay,
    minTemperature: DEFAULT_TRAINING.minTemperature,
    learnCenters: lesson.learnCenters,
    centers: makeCenters(params.centerCount, params.spacing),
    distance: params.distance,
    engine,
  };
}

/** The setup key: a run is started afresh whenever it changes. */
function setupKey(state: AppState): string {
  return JSON.stringify(trainingConfig(state), (_, value: unknown) =>
    value instanceof Float32Array ? Array.from(value) : value,
  );
}

function setRun(changes: Partial<TrainingRun>): void {
  useAppStore.getState().updateTraining(changes);
}

/** Whether the run on screen was started with the current setup (a change resets it shortly). */
function runMatchesSetup(): boolean {
  const state = useAppStore.getState();
  return state.training.setup === setupKey(state);
}

/** Starts the run afresh from the current setup (step 0), paused. */
export function resetTraining(): void {
  const setup = setupKey(useAppStore.getState());
  try {
    setRun({ state: startTraining(trainingConfig(useAppStore.getState())), playing: false, error: null, setup });
  } catch (error) {
    setRun({ state: null, playing: false, error: errorMessage(error), setup });
  }
}

/** Takes `steps` steps (or fewer, if the run stops itself), then shows the result. */
export async function stepTraining(steps = 1): Promise<void> {
  const app = useAppStore.getState();
  const current = app.training.state;
  if (!current || app.backend === null) return;
  if (!runMatchesSetup()) {
    resetTraining();
    return;
  }
  try {
    const next = await trainSteps(current, trainingConfig(app), steps);
    // a reset while the steps were read back wins
    if (useAppStore.getState().training.state !== current) return;
    setRun({ state: next, ...(next.stopped ? { playing: false } : {}) });
  } catch (error) {
    setRun({ playing: false, error: errorMessage(error) });
  }
}

/** The training demo's job: while playing, `speed` steps per animation frame. */
export const trainingJob: Job = {
  name: message('app:job.training'),
  inputs: (state) => [state.training.playing],
  ready: (state) => state.training.playing && state.backend !== null,
  timing: 'frame',
  run: () => stepTraining(useAppStore.getState().training.speed),
  again: (state) => state.training.playing,
};

/**
 * A change of the setup (the lesson's training fields, T, the centers, the distance) starts a
 * fresh run, but not on every tick of a slider drag, and only where the demo is seen: the run
 * is reset after a short pause in the changes, or when the demo comes on screen.
 * @returns a function that stops watching
 */
export function startTrainingSetupWatch(): () => void {
  return watchSetup({
    // only the fields a run depends on are compared on each store change (every slider move and
    // every training frame changes the store); the key is built only when one of them changed
    inputs: (state) => [
      state.lesson,
      state.params.temperature,
      state.params.centerCount,
      state.params.spacing,
      state.params.distance,
    ],
    // e.g. the walkthrough step or α changed, not the run's setup
    stale: () => !runMatchesSetup(),
    pause: (state) => {
      if (state.training.playing) setRun({ playing: false });
    },
    reset: resetTraining,
    ready: (state) => state.onScreen.training === true,
  });
}

/** Play or pause; playing a stopped run starts it afresh. */
export function togglePlaying(): void {
  const { training } = useAppStore.getState();
  if (!training.playing && (training.state?.stopped || !runMatchesSetup())) resetTraining();
  setRun({ playing: !training.playing });
}
