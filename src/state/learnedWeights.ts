/**
 * The learned codec's weights as a file: download the model on screen, or load one back. A file
 * sets the fields it was trained with (channels, seed, λ, estimator, T, the centers, the
 * distance), so the run on screen is the file's and links describe it.
 */
import { downloadBlob } from '../browser/download';
import { BLOCK_SIZE } from '../image/learned/blocks';
import { LEARNED_DEFAULTS } from '../image/learned/plan';
import { learnedModelToTrain } from '../engine/learnedModelPlan';
import { CONV_DEFAULTS } from '../image/learned/plan';
import {
  convWeightsToJson,
  readWeightsFile,
  WeightsFileError,
  weightsToJson,
  type LoadedWeights,
} from '../image/learned/weights';
import { message, messageList, type Message } from '../i18n/message';
import { errorMessage } from '../i18n/messageText';
import { makeCenters } from '../model/centers';
import { fieldOf } from './fields';
import { adoptLearnedModel, learnedModel } from './learnedLoop';
import type { LearnedRun } from './learnedState';
import { useAppStore, type AppState } from './store';

export const WEIGHTS_FILE_NAME = 'quantization-playground-learned-codec.json';

const setLearned = (changes: Partial<Pick<LearnedRun, 'error' | 'note'>>) =>
  useAppStore.setState((state) => ({ learned: { ...state.learned, ...changes } }));

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
  const json = codec.kind === 'conv' ? convWeightsToJson(codec.model, record) : weightsToJson(codec.model, record);
  downloadBlob(new Blob([json], { type: 'application/json' }), WEIGHTS_FILE_NAME);
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
 * Why a file's model cannot run on this page, in words, or null: a conv model where the backend
 * cannot train it, or an architecture other than the one the page trains.
 */
function architectureProblem(loaded: LoadedWeights, backend: AppState['backend']): Message | null {
  if (loaded.model === 'conv') {
    const here = learnedModelToTrain('conv', backend);
    if (here.kind !== 'conv') {
      const reason = here.passedOver ?? message('lab:conv.other', { backend: '—' });
      return message('lab:messages.convFileHere', { reason });
    }
    const { filters, kernelSize } = loaded.codec.config;
    if (filters === CONV_DEFAULTS.filters && kernelSize === CONV_DEFAULTS.kernelSize) return null;
    return message('lab:messages.convArchitecture', {
      filters: CONV_DEFAULTS.filters,
      size: CONV_DEFAULTS.kernelSize,
      fileFilters: filters,
      fileSize: kernelSize,
    });
  }
  const { blockSize, hidden } = loaded.codec.config;
  if (blockSize === BLOCK_SIZE && hidden === LEARNED_DEFAULTS.hidden) return null;
  return message('lab:messages.blockArchitecture', {
    block: BLOCK_SIZE,
    hidden: LEARNED_DEFAULTS.hidden,
    fileBlock: blockSize,
    fileHidden: hidden,
  });
}

/**
 * Reads a weights file and makes its model the one on screen. A bad file leaves the run as it
 * was and says what is wrong with it.
 */
export async function loadLearnedWeights(file: Blob & { name?: string }): Promise<void> {
  const name = file.name ?? message('lab:messages.theFile');
  let loaded: LoadedWeights;
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
  const { record } = loaded;
  const { config } = loaded.codec;
  const centers = centersSetting(config.centers);
  const architecture = architectureProblem(loaded, useAppStore.getState().backend);
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
    loaded.codec.dispose();
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
    learnedModel: loaded.model,
    learnedChannels: config.channels,
    learnedSeed: config.seed,
    learnedLambda: record.lambda,
    learnedEstimator: record.estimator,
  });
  try {
    adoptLearnedModel(
      loaded.model === 'conv' ? { kind: 'conv', model: loaded.codec } : { kind: 'block', model: loaded.codec },
      record.steps,
      record.lambda,
    );
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
