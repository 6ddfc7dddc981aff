/**
 * The learned codec's weights as a file: download the model on screen, or load one back. A file
 * sets the fields it was trained with (channels, seed, λ, estimator, T, the centers, the
 * distance), so the run on screen is the file's and links describe it.
 */
import { downloadBlob } from '../browser/download';
import { learnedModelToTrain } from '../engine/learnedModelPlan';
import type { LearnedCodec } from '../image/learned/codec';
import { readWeightsFile } from '../image/learned/codecs';
import { WeightsFileError } from '../image/learned/weights';
import { message, messageList, type Message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { makeCenters } from '../model/centers';
import { fieldOf } from './fields';
import { adoptLearnedModel, learnedModel } from './learnedLoop';
import type { LearnedRun } from './learnedState';
import { useAppStore, type AppState } from './store';

export const WEIGHTS_FILE_NAME = 'quantization-playground-learned-codec.json';

const setLearned = (changes: Partial<Pick<LearnedRun, 'error' | 'note'>>) =>
  useAppStore.getState().updateLearned(changes);

/** Offers the model on screen as a JSON weights file (weights.ts's format). */
export function downloadLearnedWeights(): void {
  const codec = learnedModel();
  if (!codec) return;
  const { params, lesson, learned } = useAppStore.getState();
  const record = {
    temperature: params.temperature,
    estimator: lesson.learnedEstimator,
    lambda: learned.lambda,
    steps: learned.step,
  };
  downloadBlob(new Blob([codec.weightsJson(record)], { type: 'application/json' }), WEIGHTS_FILE_NAME);
}

/** The centers' count and spacing when they are the page's evenly spaced ones (makeCenters), else null. */
export function centersSetting(centers: readonly number[]): { count: number; spacing: number } | null {
  const count = centers.length;
  if (count < 2) return null;
  const spacing = Math.fround((centers[1] as number) - (centers[0] as number));
  if (!(spacing > 0)) return null;
  const made = makeCenters(count, Number(spacing.toPrecision(6)));
  return made.every((c, j) => Math.abs(c - (centers[j] as number)) <= 1e-6 * Math.max(1, Math.abs(c)))
    ? { count, spacing: Number(spacing.toPrecision(6)) }
    : null;
}

/**
 * Why a file's model cannot run on this page, in words, or null: the backend trains another kind
 * in its place (a conv model without hardware WebGL), or its architecture is not the one the page
 * trains.
 */
function architectureProblem(codec: LearnedCodec, backend: AppState['backend']): Message | null {
  const here = learnedModelToTrain(codec.kind, backend);
  if (here.kind !== codec.kind) {
    const reason = here.passedOver ?? message('lab:conv.other', { backend: '—' });
    return message('lab:messages.convFileHere', { reason });
  }
  return codec.labMismatch();
}

/**
 * Reads a weights file and makes its model the one on screen. A bad file leaves the run as it
 * was and says what is wrong with it.
 */
export async function loadLearnedWeights(file: Blob & { name?: string }): Promise<void> {
  const name = file.name ?? message('lab:messages.theFile');
  let loaded: ReturnType<typeof readWeightsFile>;
  try {
    loaded = readWeightsFile(await file.text(), useAppStore.getState().engine);
  } catch (error) {
    setLearned({
      error:
        error instanceof WeightsFileError
          ? message('lab:messages.notWeights', { name, detail: error.detail })
          : message('lab:messages.fileFailed', { name, error: errorMessage(error) }),
      note: null,
    });
    return;
  }
  const { record, codec } = loaded;
  const { config } = codec;
  const centers = centersSetting(config.centers);
  const architecture = architectureProblem(codec, useAppStore.getState().backend);
  const problem = architecture
    ? architecture
    : centers === null
      ? message('lab:messages.centersUneven', { centers: messageList(config.centers) })
      : [
          fieldOf('learnedChannels').check(config.channels).notice,
          fieldOf('centerCount').check(centers.count).notice,
          fieldOf('spacing').check(centers.spacing).notice,
          fieldOf('learnedLambda').check(record.lambda).notice,
          fieldOf('temperature').check(record.temperature).notice,
          fieldOf('learnedSeed').check(config.seed).notice,
        ].find((notice) => notice !== null);
  if (problem || !centers) {
    codec.dispose();
    setLearned({
      error: message('lab:messages.cannotUse', { name, problem: problem ?? message('lab:messages.centersDoNotFit') }),
      note: null,
    });
    return;
  }
  const { setParam, setLesson } = useAppStore.getState();
  setParam('centerCount', centers.count);
  setParam('spacing', centers.spacing);
  setParam('distance', config.distance);
  setParam('temperature', record.temperature);
  setLesson({
    transform: 'learned',
    learnedModel: codec.kind,
    learnedChannels: config.channels,
    learnedSeed: config.seed,
    learnedLambda: record.lambda,
    learnedEstimator: record.estimator,
  });
  try {
    adoptLearnedModel(codec, record.steps, record.lambda);
  } catch (error) {
    setLearned({ error: message('lab:messages.fileFailed', { name, error: errorMessage(error) }), note: null });
    return;
  }
  setLearned({
    error: null,
    note: message('lab:messages.loaded', {
      name,
      channels: config.channels,
      steps: record.steps,
      estimator: record.estimator,
      lambda: record.lambda,
    }),
  });
}
