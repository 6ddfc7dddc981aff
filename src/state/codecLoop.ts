/**
 * The codec trained in the lab at run time: the scheduler job that trains it a frame's budget at
 * a time while the page stays responsive (the one owner of its trainer: tfjs variables, disposed
 * when a run ends or stops), the file it writes, and the sweep over target rates. The buttons ask
 * for a run through the store (codec.status, codec.run); the job follows.
 */
import {
  analyse,
  quantize,
  reconstruct,
  countBits,
  withPostFilterInParts,
  type Analysis,
  type CodecParams,
} from '../image/codec/codec';
import { writeCodecFile } from '../image/codec/file';
import { codecLabResult } from '../image/codec/labView';
import { FIXED_SCALE, stepValues } from '../image/codec/quantizer';
import { CodecTrainer, DEFAULT_TRAIN_OPTIONS, setUpTraining, type TrainingSetup } from '../image/codec/train';
import { psnr } from '../image/metrics';
import { message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { CODEC_SWEEP_TARGETS, type CodecOutcome, type CodecRun } from './codecState';
import { labSettingsKey, type LoadedImage } from './labState';
import type { Job } from './scheduler';
import { useAppStore } from './store';

interface Session {
  /** the run asked for (CodecRun.run) this session trains */
  run: number;
  /** the setup's stages until the trainer exists (each job run advances one) */
  stages: { analysis: Analysis; setup: Generator<void, TrainingSetup> } | null;
  trainer: CodecTrainer | null;
  /** work in parts between gradient steps (a refresh, the file at the end): one part per job run */
  parts: Generator<void, void> | null;
  image: LoadedImage;
  targetBpp: number;
  startedAt: number;
}

/** Time a frame may spend training, ms: at least one step, then stop before this. */
const FRAME_BUDGET_MS = 30;

function setCodec(changes: Partial<CodecRun>): void {
  useAppStore.getState().updateCodec(changes);
}

/** The target the run trains now: the sweep's current one, or the field's. */
function currentTarget(): number {
  const { codec, lesson } = useAppStore.getState();
  return codec.sweep ? (codec.sweep.targets[codec.sweep.index] as number) : lesson.codecBpp;
}

/** Train: a fresh run on the lab's image at the target rate. */
export function trainCodec(): void {
  const { lab, codec } = useAppStore.getState();
  if (!lab.image) return;
  setCodec({ status: 'training', progress: null, error: null, run: codec.run + 1 });
}

export function pauseCodec(): void {
  const status = useAppStore.getState().codec.status;
  if (status === 'training') setCodec({ status: 'paused' });
  else if (status === 'paused') setCodec({ status: 'training' });
}

/** Stop: the run is dropped (its file is not written); a sweep ends. */
export function stopCodec(): void {
  setCodec({ status: 'idle', progress: null, sweep: null });
}

/** Sweep: one trained file per target of CODEC_SWEEP_TARGETS, the curve beside JPEG and WebP. */
export function sweepCodec(): void {
  const image = useAppStore.getState().lab.image;
  setCodec({ sweep: { targets: [...CODEC_SWEEP_TARGETS], index: 0 }, curve: [], curveImage: image });
  trainCodec();
}

/** Puts the finished result in the lab when the lab shows the codec on the same image. */
export function showCodec(): void {
  const { lab, lesson, params, codec, updateLab } = useAppStore.getState();
  const shown = codec.shown;
  if (lesson.transform !== 'codec' || !shown || shown.image !== lab.image) return;
  updateLab({ result: shown.result, resultKey: labSettingsKey(lesson, params), clipped: null });
}

const byChannel = <T>(values: ArrayLike<T>, perChannel: number): T[][] =>
  [0, 1, 2].map((c) => Array.from({ length: perChannel }, (_, i) => values[c * perChannel + i] as T));

/**
 * The scheduler's job: a frame's training per run while the status is training. It owns the
 * session (the trainer and its tfjs variables): a new run asked for replaces it, and Stop, another
 * image or the end of a run disposes of it.
 */
export function codecTrainJob(): Job {
  let session: Session | null = null;
  const disposeSession = () => {
    session?.trainer?.dispose();
    session = null;
  };

  /**
   * The trained file, its numbers, and the untrained quantizer's at the same target, in parts (the
   * final rate fit's countings, the file, the untrained file), so the page draws between them.
   */
  function* finishInParts(current: Session, trainer: CodecTrainer): Generator<void, void> {
    const { analysis } = trainer;
    const { width, height } = analysis;
    const params: CodecParams = yield* trainer.finalParamsInParts();
    yield;
    const indices = quantize(analysis, params);
    const file = writeCodecFile(params, indices, width, height);
    const result = codecLabResult(current.image.lab, file, indices);
    yield;
    // the untrained quantizer with its own post-filter: the same codec, only the quantizer not learned
    const untrainedParams = yield* withPostFilterInParts(analysis, trainer.start);
    yield;
    const untrainedIndices = quantize(analysis, untrainedParams);
    const untrainedFile = writeCodecFile(untrainedParams, untrainedIndices, width, height);
    const untrained = {
      bpp: (8 * untrainedFile.length) / (width * height),
      psnr: psnr(current.image.lab.rgba, reconstruct(untrainedParams, untrainedIndices, width, height)),
    };
    const { perBand } = countBits(indices, width, analysis.levels, analysis.bands);
    const bands = analysis.bands.length;
    const untrainedSteps = stepValues(trainer.start);
    const outcome: CodecOutcome = {
      targetBpp: current.targetBpp,
      bpp: result.bpp,
      psnr: result.psnr,
      msssim: null,
      bytes: file.length,
      trainMs: performance.now() - current.startedAt,
      steps: trainer.step,
      estimator: trainer.options.estimator,
      untrained,
      bestStep: trainer.bestStep,
      offsets: byChannel(
        Array.from(params.offsets, (a) => a / FIXED_SCALE),
        3 * analysis.levels,
      ).map((row) => Array.from({ length: analysis.levels }, (_, level) => row.slice(3 * level, 3 * level + 3)).flat()),
      stepRatios: byChannel(
        Array.from(stepValues(params), (step, i) => step / (untrainedSteps[i] as number)),
        bands,
      ),

      bandBpp: byChannel(
        Array.from(perBand, (bits) => bits / (width * height)),
        bands,
      ),
      bandNames: analysis.bands.map((band) => `${band.orientation}${band.level}`),
    };
    trainer.dispose();
    session = null;
    const state = useAppStore.getState();
    const sweep = state.codec.sweep;
    const curve = sweep
      ? [
          ...state.codec.curve,
          { targetBpp: current.targetBpp, bpp: result.bpp, psnr: result.psnr, untrainedPsnr: untrained.psnr },
        ]
      : state.codec.curve;
    const next = sweep && sweep.index + 1 < sweep.targets.length ? { ...sweep, index: sweep.index + 1 } : null;
    // the sweep's next target: a fresh session on the same image at the next job run
    setCodec({
      outcome,
      curve,
      sweep: next,
      status: next ? 'training' : 'done',
      shown: { image: current.image, result },
    });
    showCodec();
    // MS-SSIM of the decoded file, off the page's thread, once the lab holds it
    const unsubscribe = useAppStore.subscribe(
      (s) => s.lab.quality,
      (quality) => {
        if (quality?.result !== result) return;
        unsubscribe();
        const codec = useAppStore.getState().codec;
        if (codec.outcome === outcome) setCodec({ outcome: { ...outcome, msssim: quality.hard.value } });
      },
    );
  }

  /** One frame's training: the setup on the first run, then steps for about FRAME_BUDGET_MS. */
  function stepCodec(): void {
    const { lesson, lab, codec } = useAppStore.getState();
    if (codec.status !== 'training') {
      // stopped (or done): the trainer goes
      disposeSession();
      return;
    }
    if (session?.run !== codec.run) {
      // a fresh run asked for, or the sweep's next target
      disposeSession();
      if (!lab.image) return;
      session = {
        run: codec.run,
        stages: null,
        trainer: null,
        parts: null,
        image: lab.image,
        targetBpp: currentTarget(),
        startedAt: performance.now(),
      };
    }
    const current = session;
    if (lab.image !== current.image) {
      disposeSession();
      stopCodec();
      return;
    }
    try {
      if (!current.trainer) {
        // the setup in parts, one per run, so the page draws between them
        const { rgba, width, height } = current.image.lab;
        const options = { targetBpp: current.targetBpp, estimator: lesson.codecEstimator, steps: lesson.codecSteps };
        if (!current.stages) {
          const analysis = analyse(rgba, width, height);
          current.stages = { analysis, setup: setUpTraining(analysis, { ...DEFAULT_TRAIN_OPTIONS, ...options }) };
          return;
        }
        const next = current.stages.setup.next();
        if (next.done) current.trainer = new CodecTrainer(current.stages.analysis, rgba, options, next.value);
        return;
      }
      const trainer = current.trainer;
      // a refresh or the file: one part per run
      if (current.parts) {
        if (current.parts.next().done) current.parts = null;
        return;
      }
      const start = performance.now();
      let progress = null;
      do progress = trainer.gradientStep();
      while (!trainer.done && !trainer.refreshDue && performance.now() - start < FRAME_BUDGET_MS);
      setCodec({ progress: { ...progress, ms: performance.now() - current.startedAt } });
      if (trainer.refreshDue) current.parts = trainer.refreshInParts();
      else if (trainer.done) current.parts = finishInParts(current, trainer);
    } catch (error) {
      disposeSession();
      setCodec({
        status: 'idle',
        sweep: null,
        error: message('lab:codec.failed', { reason: errorMessage(error) }),
      });
    }
  }

  return {
    name: message('app:job.codec'),
    inputs: (state) => [state.codec.status, state.codec.run, state.codec.sweep?.index ?? -1, state.backendEpoch],
    // also when a stopped run's trainer is still to be disposed of
    ready: (state) =>
      state.backend !== null &&
      (state.codec.status === 'training' || (session !== null && state.codec.status !== 'paused')),
    timing: 'frame',
    run: stepCodec,
    again: (state) => state.codec.status === 'training',
  };
}
