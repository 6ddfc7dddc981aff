/**
 * The lab's learned codec at run time: the one owner of its session (learnedSession.ts: the
 * codec's long-lived tfjs variables, its optimizer and batches, disposed on every reset), the
 * scheduler job that trains it while playing, the watch that starts afresh when its setup
 * changes, and the λ sweep's runs (learnedSweep.ts keeps its curve). Generic over the codec's kind (image/learned/codec.ts).
 */
import type { LabResult } from '../image/labCompute';
import { codeLabFileOffThread, labCodingOffThread } from '../image/labWorker';
import type { LearnedCodec } from '../image/learned/codec';
import { learnedPressResult } from '../image/learned/labView';
import { LEARNED_CODECS } from '../image/learned/codecs';
import { LEARNED_DEFAULTS, psnrOfMse } from '../image/learned/plan';
import { annealedTemperature, type StopReason } from '../image/learned/train';
import type { LearnedModelKind } from '../image/learned/weights';
import { message, type Message } from '../i18n/message';
import { errorMessage, MessageError } from '../i18n/messageText';
import { imageLabel, labSettingsKey, type LoadedImage } from './labState';
import { createCodec, currentLambda, openSession, setupKey, type Session } from './learnedSession';
import type { LearnedMetrics, LearnedRun } from './learnedState';
import { sweepRunEnded, sweepStart, whenShown } from './learnedSweep';
import { watchSetup, type Job } from './scheduler';
import { useAppStore, type AppState } from './store';

/** The session on screen (the store holds it: learnedSession). */
const currentSession = (): Session | null => useAppStore.getState().learnedSession.session;
const setSession = (session: Session | null) => useAppStore.getState().updateLearnedSession({ session });

/** Steps between evaluations of the whole image while training (and one at every stop). */
const EVALUATE_EVERY = 25;
/** Time a frame may spend training, ms: at least one step, then stop before this. */
const FRAME_BUDGET_MS = 24;

function matchesSetup(state: AppState): boolean {
  const { session } = state.learnedSession;
  return session !== null && session.image === state.lab.image && session.setup === setupKey(state);
}

function setLearned(changes: Partial<LearnedRun>): void {
  useAppStore.getState().updateLearned(changes);
}

function disposeSession(): void {
  const session = currentSession();
  session?.codec.dispose();
  session?.trainer.dispose();
  setSession(null);
}

/** Where the run's blocks or crops come from (one image: the lab's, which is also the test image). */
const sourceLabel = (image: LoadedImage, current: Session): Message =>
  LEARNED_CODECS[current.codec.kind].sourceLabel(imageLabel(image.name), current.sampleSide);

/** Why the run stopped. */
function stopMessage(stopped: Extract<StopReason, { stop: true }>): Message {
  if (stopped.reason === 'nan') return message('lab:messages.stopNan', { loss: stopped.loss, step: stopped.step });
  if (stopped.reason === 'plateau') return message('lab:messages.stopPlateau', { patience: stopped.limit });
  return message('lab:messages.stopSteps', { max: stopped.limit });
}

/** Starts the run afresh from the current setup (step 0, seeded weights), keeping play and any sweep. */
export function resetLearned(): void {
  const state = useAppStore.getState();
  const image = state.lab.image;
  disposeSession();
  setLearned({ step: 0, history: [], stopped: null, encoderMoves: null, evaluation: null, error: null });
  if (!image || state.backend === null) return;
  try {
    const codec = createCodec(state, image);
    let session: Session;
    try {
      session = openSession(codec, state, image);
    } catch (error) {
      codec.dispose();
      throw error;
    }
    setSession(session);
    setLearned({ lambda: currentLambda(state), source: sourceLabel(image, session) });
  } catch (error) {
    setLearned({ playing: false, sweep: null, error: errorMessage(error) });
  }
  display();
}

/**
 * Evaluates the model on the whole image (hard symbols) and makes it the lab's result, when the
 * lab shows the learned codec. Creates the model first if the setup has none yet.
 */
export function showLearned(): void {
  const state = useAppStore.getState();
  if (state.lesson.transform !== 'learned' || !state.lab.image || state.backend === null) return;
  if (matchesSetup(state)) display();
  else resetLearned();
}

/**
 * showLearned's work, for the session there is (none: nothing to show). The tfjs passes run here;
 * the file is made and decoded (the hard view) in the lab's coding worker where there is one (a
 * conv decode at 512 x 512 takes about half a second), else here, at once. While the worker
 * works, later calls are folded into one that runs when it is done, so none queue up.
 */
function display(): void {
  const state = useAppStore.getState();
  const current = state.learnedSession.session;
  if (!current || state.lesson.transform !== 'learned' || state.lab.image !== current.image) return;
  const { codec } = current;
  const temperature = state.params.temperature;
  if (!labCodingOffThread()) {
    show(state, codec.kind, codec.labResult(current.image.lab, temperature));
    return;
  }
  const { updateLearnedSession } = useAppStore.getState();
  if (state.learnedSession.pressBusy) {
    updateLearnedSession({ pressAgain: true });
    return;
  }
  const press = codec.press(current.image.lab, temperature);
  updateLearnedSession({ pressBusy: true });
  void codeLabFileOffThread(press.fileRequest)
    .then(({ bytes, decoded }) => {
      // another session, image or transform since: not this press's to show
      const now = useAppStore.getState();
      if (
        now.learnedSession.session !== current ||
        now.lab.image !== current.image ||
        now.lesson.transform !== 'learned'
      )
        return;
      show(state, codec.kind, learnedPressResult(press, bytes, decoded));
    })
    .catch((error: unknown) => setLearned({ error: errorMessage(error) }))
    .finally(() => {
      const again = useAppStore.getState().learnedSession.pressAgain;
      updateLearnedSession({ pressBusy: false, pressAgain: false });
      if (again) display();
    });
}

/** Makes a learned press's result the lab's, with the settings and run of `state` (when it was asked for). */
function show(state: AppState, model: LearnedModelKind, result: LabResult): void {
  const { lesson, params, learned } = state;
  const { updateLab } = useAppStore.getState();
  updateLab({ result, resultKey: labSettingsKey(lesson, params), clipped: null });
  setLearned({
    evaluation: {
      model,
      steps: learned.step,
      estimator: lesson.learnedEstimator,
      lambda: learned.lambda,
      bpp: result.bpp,
      fileBpp: result.file ? (8 * result.file.length) / (result.width * result.height) : null,
      psnr: Number.isFinite(result.psnr) ? result.psnr : null,
    },
  });
}

/** Takes steps for about one frame's budget (at least `minimum`), then shows where the run is. */
export function stepLearned(minimum = 1, budgetMs = FRAME_BUDGET_MS): void {
  const state = useAppStore.getState();
  if (!matchesSetup(state)) resetLearned();
  const current = currentSession();
  if (!current) return;
  const { lesson, params } = useAppStore.getState();
  const lambda = currentLambda(useAppStore.getState());
  const start = performance.now();
  const added: LearnedMetrics[] = [];
  let step = useAppStore.getState().learned.step;
  let encoderMoves = useAppStore.getState().learned.encoderMoves;
  let stopped: StopReason = { stop: false };
  try {
    while (added.length < minimum || performance.now() - start < budgetMs) {
      const temperature = lesson.learnedAnneal
        ? annealedTemperature(
            params.temperature,
            params.temperature / LEARNED_DEFAULTS.annealFactor,
            lesson.learnedSteps,
            step,
          )
        : params.temperature;
      const setting = { estimator: lesson.learnedEstimator, lambda, temperature };
      const { codec, sampleSide } = current;
      const batch = current.sampler.next(LEARNED_CODECS[codec.kind].batch);
      const result = codec.trainStep(current.trainer, batch, sampleSide, setting);
      step++;
      encoderMoves = (encoderMoves ?? true) && result.encoderMoves;
      const { loss, distortion, bpp } = result;
      added.push({ step, loss, distortion, bpp, psnr: psnrOfMse(distortion), temperature });
      stopped = current.stop(step, loss);
      if (stopped.stop) break;
    }
  } catch (error) {
    setLearned({ playing: false, sweep: null, error: errorMessage(error) });
    return;
  }
  const before = useAppStore.getState().learned;
  setLearned({
    step,
    encoderMoves,
    history: [...before.history, ...added],
    stopped: stopped.stop ? stopMessage(stopped) : null,
    ...(stopped.stop ? { playing: false } : {}),
  });
  const crossed = Math.floor(step / EVALUATE_EVERY) > Math.floor((step - added.length) / EVALUATE_EVERY);
  if (stopped.stop || crossed || !before.playing) display();
  if (stopped.stop && before.sweep) {
    const failed = stopped.reason === 'nan';
    void whenShown(() => currentSession() === current, step).then((shown) => {
      if (sweepRunEnded(failed || !shown)) resetLearned();
    });
  }
}

/** Trains every λ of sweepLambdas(λ) one after another, each to its stop; the chosen λ is last. */
export function startSweep(): void {
  setLearned(sweepStart(useAppStore.getState().lesson));
  resetLearned();
}

/** Play or pause; playing a stopped run starts it afresh. */
export function toggleLearned(): void {
  const { learned } = useAppStore.getState();
  if (learned.playing) {
    setLearned({ playing: false, sweep: null });
    display();
    return;
  }
  if (learned.stopped || !matchesSetup(useAppStore.getState())) resetLearned();
  setLearned({ playing: true });
}

/** The learned codec's job: while playing, steps for about one frame, then it yields. */
export const learnedJob: Job = {
  name: message('app:job.learned'),
  inputs: (state) => [state.learned.playing],
  ready: (state) =>
    state.learned.playing && state.backend !== null && state.lab.image !== null && state.lesson.transform === 'learned',
  timing: 'frame',
  run: () => stepLearned(),
  again: (state) => state.learned.playing,
};

/**
 * A change of the setup (the learned fields, T, the centers, the distance, the image) pauses the
 * run and starts it afresh after a short pause in the changes, as the training demo does.
 * @returns a function that stops watching
 */
export function startLearnedSetupWatch(): () => void {
  return watchSetup({
    inputs: (state) => [
      state.lesson,
      state.params.temperature,
      state.params.centerCount,
      state.params.spacing,
      state.params.distance,
      state.lab.image,
      state.backendEpoch,
    ],
    stale: (state) => state.learnedSession.session !== null && !matchesSetup(state),
    pause: (state) => {
      if (state.learned.playing || state.learned.sweep) setLearned({ playing: false, sweep: null });
    },
    reset: resetLearned,
  });
}

/** The codec on screen (weights files, tests), or null before the first. */
export function learnedModel(): LearnedCodec | null {
  return currentSession()?.codec ?? null;
}

/**
 * Replaces the model with one read from a weights file, trained `steps` steps: the caller has set
 * the fields to the file's setup first, so the run matches it and is kept.
 */
export function adoptLearnedModel(codec: LearnedCodec, steps: number, lambda: number): void {
  const state = useAppStore.getState();
  const image = state.lab.image;
  if (!image) {
    codec.dispose();
    throw new MessageError(message('lab:messages.openImageFirst'));
  }
  disposeSession();
  setLearned({ playing: false, sweep: null, step: steps, history: [], stopped: null, encoderMoves: null, lambda });
  const session = openSession(codec, useAppStore.getState(), image);
  setSession(session);
  setLearned({ source: sourceLabel(image, session) });
  display();
}
