import { ESTIMATORS, type EstimatorName } from '../model/estimators';
import { ALPHA_LIMITS } from '../model/relaxations';
import {
  DEFAULT_TRAINING,
  DISTRIBUTIONS,
  SCHEDULES,
  type Distribution,
  type TemperatureSchedule,
} from '../model/training';
import { checkNumber, readDecimal, type NumberRule, type Parsed } from './params';

/** Where the seed walkthrough is: 0 closed, 1..SEED_STEP_COUNT a step. */
export const SEED_STEP_COUNT = 7;

/** Which form of the seed's last line the figures show: both, only as written (with tf.round), or corrected. */
export const SEED_LINES = ['both', 'written', 'corrected'] as const;
export type SeedLine = (typeof SEED_LINES)[number];

/**
 * The teaching part of a view: the walkthrough step, the round-pitfall toggle, the soft-rounding
 * sharpness and the training demo's setup. Shared by URL like the quantizer's params, but the
 * quantizer's figures never depend on it. The names are the URL's: keep them stable.
 */
export interface Lesson {
  /** the seed walkthrough's step, 0 when closed */
  step: number;
  seedline: SeedLine;
  /** soft rounding's sharpness α (Agustsson and Theis 2020) */
  alpha: number;
  /** the estimator the training demo trains through */
  estimator: EstimatorName;
  /** rate weight of the training objective D + λ R */
  lambda: number;
  /** the training demo's learning rate */
  lr: number;
  /** the distribution the training targets are drawn from */
  data: Distribution;
  /** the training demo's random seed */
  seed: number;
  schedule: TemperatureSchedule;
  /** whether the training demo learns the centers too (Mentzer et al. 2018) */
  learncenters: boolean;
}

export const DEFAULT_LESSON: Readonly<Lesson> = {
  step: 0,
  seedline: 'both',
  alpha: 4,
  estimator: DEFAULT_TRAINING.estimator,
  lambda: DEFAULT_TRAINING.lambda,
  lr: DEFAULT_TRAINING.learningRate,
  data: DEFAULT_TRAINING.distribution,
  seed: DEFAULT_TRAINING.seed,
  schedule: DEFAULT_TRAINING.schedule,
  learncenters: false,
};

export const LESSON_RULES = {
  step: { min: 0, max: SEED_STEP_COUNT, integer: true },
  alpha: { min: ALPHA_LIMITS.min, max: ALPHA_LIMITS.max, integer: false },
  lambda: { min: 0, max: 10, integer: false },
  lr: { min: 1e-4, max: 10, integer: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
} as const satisfies Record<string, NumberRule>;

type LessonNumber = keyof typeof LESSON_RULES;

function numberField<K extends LessonNumber>(name: K): LessonField<K> {
  return {
    parse: (text) => checkNumber(name, readDecimal(text), LESSON_RULES[name], DEFAULT_LESSON[name]),
    format: (value) => String(value),
  };
}

function choiceField<K extends keyof Lesson>(name: K, choices: readonly Lesson[K][]): LessonField<K> {
  return {
    parse: (text) => {
      const value = text.trim().toLowerCase();
      const found = choices.find((choice) => String(choice).toLowerCase() === value);
      if (found !== undefined) return { value: found, notice: null };
      const fallback = DEFAULT_LESSON[name];
      return { value: fallback, notice: `${name} must be one of ${choices.join(', ')}; used ${String(fallback)}` };
    },
    format: (value) => String(value),
  };
}

export interface LessonField<K extends keyof Lesson> {
  parse: (text: string) => Parsed<Lesson[K]>;
  format: (value: Lesson[K]) => string;
}

/** Every lesson field, in the order the URL lists them (after the quantizer's params). */
export const LESSON_SCHEMA: { [K in keyof Lesson]: LessonField<K> } = {
  step: numberField('step'),
  seedline: choiceField('seedline', SEED_LINES),
  alpha: numberField('alpha'),
  estimator: choiceField('estimator', ESTIMATORS),
  lambda: numberField('lambda'),
  lr: numberField('lr'),
  data: choiceField('data', DISTRIBUTIONS),
  seed: numberField('seed'),
  schedule: choiceField('schedule', SCHEDULES),
  learncenters: {
    parse: (text) => {
      const value = text.trim().toLowerCase();
      if (value === '1' || value === 'true') return { value: true, notice: null };
      if (value === '0' || value === 'false') return { value: false, notice: null };
      return { value: DEFAULT_LESSON.learncenters, notice: 'learncenters must be 1 or 0; used 0' };
    },
    format: (value) => (value ? '1' : '0'),
  },
};

export const LESSON_NAMES = Object.keys(LESSON_SCHEMA) as Array<keyof Lesson>;

export function defaultLesson(): Lesson {
  return { ...DEFAULT_LESSON };
}
