/**
 * What one learned run is made of, for the current state: the codec (any kind, codecs.ts), its
 * optimizer, its batches and its stop rule, and the key of the setup it was made for. Pure
 * functions of the state; learnedLoop.ts owns the session there is.
 */
import { learnedModelToTrain } from '../engine/learnedModelPlan';
import { blockSource, createBlockSampler, type BlockSampler } from '../image/learned/blocks';
import type { CodecConfig, LearnedCodec } from '../image/learned/codec';
import { LEARNED_CODECS } from '../image/learned/codecs';
import { LEARNED_DEFAULTS } from '../image/learned/plan';
import { createStopper, createTrainer, type StopReason, type Trainer } from '../image/learned/train';
import type { LearnedModelKind } from '../image/learned/weights';
import { MessageError } from '../i18n/messageText';
import { makeCenters } from '../model/centers';
import type { LoadedImage } from './labState';
import type { AppState } from './store';

/** The codec, its optimizer, its batches and its stop rule: replaced together, never shared. */
export interface Session {
  codec: LearnedCodec;
  /** the side of the sampled blocks or crops */
  sampleSide: number;
  trainer: Trainer;
  sampler: BlockSampler;
  stop: (step: number, loss: number) => StopReason;
  image: LoadedImage;
  /** the setup key it was made for (setupKey) */
  setup: string;
}

/** The quantizer, channels and seed the fields ask for: what every kind's config starts from. */
export function codecSetting(state: Pick<AppState, 'params' | 'lesson' | 'engine'>): CodecConfig {
  const { params, lesson, engine } = state;
  return {
    channels: lesson.learnedChannels,
    centers: Array.from(makeCenters(params.centerCount, params.spacing)),
    distance: params.distance,
    seed: lesson.learnedSeed,
    engine,
  };
}

/** Which model trains now: the link's choice where the backend allows it (convAvailability.ts). */
export function learnedKind(state: Pick<AppState, 'lesson' | 'backend'>): LearnedModelKind {
  return learnedModelToTrain(state.lesson.learnedModel, state.backend).kind;
}

/** λ the run trains now: the sweep's current one, or the field's. */
export function currentLambda(state: AppState): number {
  const sweep = state.learned.sweep;
  return sweep ? (sweep.lambdas[sweep.index] as number) : state.lesson.learnedLambda;
}

/** Everything a run depends on, as text; λ is the sweep's when one is running. */
export function setupKey(state: AppState): string {
  const { lesson, params } = state;
  const kind = learnedKind(state);
  return JSON.stringify([
    kind,
    LEARNED_CODECS[kind].labConfig(codecSetting(state)),
    currentLambda(state),
    lesson.learnedEstimator,
    lesson.learnedAnneal,
    lesson.learnedSteps,
    params.temperature,
    state.backendEpoch,
  ]);
}

/** The model the current state asks for, seeded (the caller disposes it). */
export function createCodec(state: AppState, image: LoadedImage): LearnedCodec {
  const kind = LEARNED_CODECS[learnedKind(state)];
  const sampling = kind.sampling(image.lab.width, image.lab.height);
  if ('problem' in sampling) throw new MessageError(sampling.problem);
  return kind.create(codecSetting(state));
}

/** A session around `codec` for the current state (seeded batches from the lab's image). */
export function openSession(codec: LearnedCodec, state: AppState, image: LoadedImage): Session {
  const { width, height, rgba } = image.lab;
  const kind = LEARNED_CODECS[codec.kind];
  const sampling = kind.sampling(width, height);
  if ('problem' in sampling) throw new MessageError(sampling.problem);
  const source = blockSource([{ name: image.name, image: { data: rgba, width, height } }], image.name);
  const seed = state.lesson.learnedSeed;
  return {
    codec,
    sampleSide: sampling.side,
    trainer: createTrainer({ optimizer: 'adam', learningRate: kind.learningRate, seed }),
    sampler: createBlockSampler(source, sampling.side, seed),
    stop: createStopper({ maxSteps: state.lesson.learnedSteps, patience: LEARNED_DEFAULTS.patience }),
    image,
    setup: setupKey(state),
  };
}
