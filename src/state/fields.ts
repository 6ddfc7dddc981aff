import { MAX_CENTERS } from '../model/centers';
import { ESTIMATORS } from '../model/choices';
import { MAX_SAMPLES } from '../model/grid';
import { DISTANCES, TEMPERATURE_LIMITS } from '../model/quantizer';
import { ALPHA_LIMITS } from '../model/relaxations';
import { DEFAULT_TRAINING, DISTRIBUTIONS, SCHEDULES } from '../model/training';
import { DCT_COLOURS, LAB_TRANSFORMS, LEARNED_ESTIMATORS, LEARNED_MODEL_KINDS } from '../image/choices';
import { LEARNED_DEFAULTS } from '../image/learned/plan';
import { LANGUAGE_CHOICES } from '../i18n/languages';
import { message } from '../i18n/message';
import { BUNDLED_IMAGES, SEED_LINES, SEED_STEP_COUNT, type Lesson } from './lesson';
import {
  checkNumber,
  checkProbes,
  checkRange,
  parseProbes,
  parseRange,
  PROBE_LIMIT,
  readDecimal,
  SEED_PROBES,
  type NumberRule,
  type Params,
  type Parsed,
} from './params';

/** Which part of the store a field lives in: the quantizer's inputs, or the teaching state. */
export type FieldGroup = 'params' | 'lesson';

/**
 * A slider for a number field. `log` sliders move in log10 units. The slider keeps `digits`
 * significant digits, so a drag writes short values into the link.
 */
export interface SliderSpec {
  scale: 'linear' | 'log';
  min: number;
  max: number;
  /** in slider units: log10 units for a log slider */
  step: number;
  digits: number;
}

/**
 * One field of a view: its names, default, rule, how it reads from and writes to the link, and
 * the control's settings. The link, the store, the export and the controls all read this row.
 */
export interface Field<V> {
  group: FieldGroup;
  /** the name in links and in the export; links already shared depend on it, never rename it */
  link: string;
  defaultValue: V;
  /** reads text from a link or a text field: never throws, falls back or clamps with a notice */
  parse: (text: string) => Parsed<V>;
  /** checks a value from a control or a preset against the same rule as `parse` */
  check: (value: V) => Parsed<V>;
  /** the link's text; format-then-parse returns every valid value exactly */
  format: (value: V) => string;
  /** a number field's rule */
  rule?: NumberRule;
  /** a number field's slider; its bounds lie inside the rule */
  slider?: SliderSpec;
  /** a choice field's values */
  choices?: readonly V[];
}

/** Everything a link can hold besides the backend: the quantizer's params and the lesson. */
export type ViewFields = Params & Lesson;
export type FieldName = keyof ViewFields;

function numberField(
  group: FieldGroup,
  link: string,
  defaultValue: number,
  rule: NumberRule,
  slider?: Omit<SliderSpec, 'min' | 'max'> & Partial<Pick<SliderSpec, 'min' | 'max'>>,
): Field<number> {
  const check = (value: number) => checkNumber(link, value, rule, defaultValue);
  return {
    group,
    link,
    defaultValue,
    // String(number) is the shortest text that reads back as the same double
    format: (value) => String(value),
    parse: (text) => check(readDecimal(text)),
    check,
    rule,
    ...(slider ? { slider: { min: rule.min, max: rule.max, ...slider } } : {}),
  };
}

function choiceField<V extends string>(
  group: FieldGroup,
  link: string,
  defaultValue: V,
  choices: readonly V[],
): Field<V> {
  const check = (value: V): Parsed<V> =>
    choices.includes(value)
      ? { value, notice: null }
      : {
          value: defaultValue,
          notice: message('app:notice.choice', { name: link, choices: choices.join(', '), used: defaultValue }),
        };
  return {
    group,
    link,
    defaultValue,
    format: (value) => value,
    parse: (text) => {
      const found = choices.find((choice) => choice.toLowerCase() === text.trim().toLowerCase());
      return check(found ?? (text as V));
    },
    check,
    choices,
  };
}

function flagField(group: FieldGroup, link: string, defaultValue: boolean): Field<boolean> {
  return {
    group,
    link,
    defaultValue,
    format: (value) => (value ? '1' : '0'),
    parse: (text) => {
      const value = text.trim().toLowerCase();
      if (value === '1' || value === 'true') return { value: true, notice: null };
      if (value === '0' || value === 'false') return { value: false, notice: null };
      return {
        value: defaultValue,
        notice: message('app:notice.flag', { name: link, used: defaultValue ? '1' : '0' }),
      };
    },
    check: (value) => ({ value, notice: null }),
  };
}

const DEFAULT_RANGE: [number, number] = [-3, 3];

/**
 * Every field, in the order links list them: the quantizer's params, then the lesson. The
 * in-memory names say what a value is (`centerCount`); the link names are version 1's.
 */
export const FIELDS: { [K in FieldName]: Field<ViewFields[K]> } = {
  temperature: numberField(
    'params',
    'temperature',
    1,
    { min: TEMPERATURE_LIMITS.min, max: TEMPERATURE_LIMITS.max, integer: false },
    { scale: 'log', step: 0.05, digits: 4 },
  ),
  centerCount: numberField(
    'params',
    'centers',
    5,
    { min: 2, max: MAX_CENTERS, integer: true },
    { scale: 'linear', step: 1, digits: 2 },
  ),
  spacing: numberField(
    'params',
    'spacing',
    1,
    { min: 0.01, max: 100, integer: false },
    { scale: 'log', step: 0.01, digits: 3 },
  ),
  distance: choiceField('params', 'distance', 'l1', DISTANCES),
  probes: {
    group: 'params',
    link: 'probes',
    defaultValue: [...SEED_PROBES],
    format: (value) => value.map(String).join(','),
    parse: parseProbes,
    check: checkProbes,
  },
  range: {
    group: 'params',
    link: 'range',
    defaultValue: DEFAULT_RANGE,
    format: (value) => value.map(String).join(','),
    parse: (text) => parseRange(text, DEFAULT_RANGE),
    check: (value) => checkRange(value[0], value[1], DEFAULT_RANGE),
  },
  samples: numberField(
    'params',
    'samples',
    512,
    { min: 16, max: MAX_SAMPLES, integer: true },
    // the slider stops at the grid cap; a link or the field may ask for more (the grid says it is capped)
    { scale: 'log', step: 0.05, digits: 3, max: 16_384 },
  ),
  target: numberField('params', 'target', 0.3, { min: -PROBE_LIMIT, max: PROBE_LIMIT, integer: false }),
  step: numberField('lesson', 'step', 0, { min: 0, max: SEED_STEP_COUNT, integer: true }),
  seedline: choiceField('lesson', 'seedline', 'both', SEED_LINES),
  alpha: numberField(
    'lesson',
    'alpha',
    4,
    { min: ALPHA_LIMITS.min, max: ALPHA_LIMITS.max, integer: false },
    { scale: 'log', step: 0.01, digits: 3 },
  ),
  estimator: choiceField('lesson', 'estimator', DEFAULT_TRAINING.estimator, ESTIMATORS),
  lambda: numberField(
    'lesson',
    'lambda',
    DEFAULT_TRAINING.lambda,
    { min: 0, max: 10, integer: false },
    { scale: 'linear', step: 0.01, digits: 3 },
  ),
  learningRate: numberField(
    'lesson',
    'lr',
    DEFAULT_TRAINING.learningRate,
    { min: 1e-4, max: 10, integer: false },
    { scale: 'log', step: 0.05, digits: 3 },
  ),
  data: choiceField('lesson', 'data', DEFAULT_TRAINING.distribution, DISTRIBUTIONS),
  seed: numberField('lesson', 'seed', DEFAULT_TRAINING.seed, { min: 0, max: 2 ** 31 - 1, integer: true }),
  schedule: choiceField('lesson', 'schedule', DEFAULT_TRAINING.schedule, SCHEDULES),
  learnCenters: flagField('lesson', 'learncenters', false),
  // the image lab (it teaches with the quantizer's own T, centers and distance)
  image: choiceField('lesson', 'image', 'astronaut', BUNDLED_IMAGES),
  transform: choiceField('lesson', 'transform', 'pixels', LAB_TRANSFORMS),
  dctStep: numberField(
    'lesson',
    'dctstep',
    4,
    { min: 0.1, max: 256, integer: false },
    { scale: 'log', step: 0.02, digits: 3 },
  ),
  dctColour: choiceField('lesson', 'dctcolour', 'ycbcr420', DCT_COLOURS),
  // the lab's view: zoom and the image point at the centre of every view, and the swipe's cut
  labZoom: numberField('lesson', 'zoom', 1, { min: 0.1, max: 256, integer: false }),
  labFocusX: numberField('lesson', 'focusx', 0.5, { min: 0, max: 1, integer: false }),
  labFocusY: numberField('lesson', 'focusy', 0.5, { min: 0, max: 1, integer: false }),
  labSwipe: numberField(
    'lesson',
    'swipe',
    0.5,
    { min: 0, max: 1, integer: false },
    { scale: 'linear', step: 0.01, digits: 2 },
  ),
  lang: choiceField('lesson', 'lang', 'auto', LANGUAGE_CHOICES),
  // the lab's learned codec (link names distinct from the training demo's lambda, estimator, seed)
  learnedLambda: numberField(
    'lesson',
    'llambda',
    LEARNED_DEFAULTS.lambda,
    { min: 0, max: 0.1, integer: false },
    // the slider covers the useful range (MSE of [0, 1] values is ~0.003 at 25 dB); the exact field and the link reach 0.1
    { scale: 'linear', step: 0.0002, digits: 3, max: 0.02 },
  ),
  learnedChannels: numberField(
    'lesson',
    'channels',
    LEARNED_DEFAULTS.channels,
    { min: 1, max: 32, integer: true },
    { scale: 'linear', step: 1, digits: 2 },
  ),
  learnedEstimator: choiceField('lesson', 'lestimator', LEARNED_DEFAULTS.estimator, LEARNED_ESTIMATORS),
  learnedSeed: numberField('lesson', 'lseed', LEARNED_DEFAULTS.seed, { min: 0, max: 2 ** 31 - 1, integer: true }),
  learnedAnneal: flagField('lesson', 'lanneal', false),
  learnedSteps: numberField(
    'lesson',
    'lsteps',
    LEARNED_DEFAULTS.steps,
    { min: 1, max: 20_000, integer: true },
    { scale: 'log', step: 0.05, digits: 2 },
  ),
  learnedModel: choiceField('lesson', 'lmodel', 'block', LEARNED_MODEL_KINDS),
  // the codec trained in the lab (src/image/codec)
  codecBpp: numberField(
    'lesson',
    'cbpp',
    0.25,
    { min: 0.05, max: 2, integer: false },
    { scale: 'log', step: 0.02, digits: 3 },
  ),
  codecEstimator: choiceField('lesson', 'cestimator', 'ste', ESTIMATORS),
  // the default is DEFAULT_TRAIN_OPTIONS.steps (src/image/codec/train.ts), which the bench trains
  codecSteps: numberField(
    'lesson',
    'csteps',
    120,
    { min: 1, max: 2000, integer: true },
    { scale: 'log', step: 0.05, digits: 2 },
  ),
};

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
export const PARAM_NAMES = FIELD_NAMES.filter((name) => FIELDS[name].group === 'params') as Array<keyof Params>;
export const LESSON_NAMES = FIELD_NAMES.filter((name) => FIELDS[name].group === 'lesson') as Array<keyof Lesson>;

/** A row, typed by its name (TypeScript cannot narrow the mapped table by a generic key). */
export function fieldOf<K extends FieldName>(name: K): Field<ViewFields[K]> {
  return FIELDS[name] as Field<ViewFields[K]>;
}

function defaultsOf<T>(names: ReadonlyArray<keyof T & FieldName>): T {
  const entries = names.map((name) => {
    const value = FIELDS[name].defaultValue;
    return [name, Array.isArray(value) ? [...value] : value];
  });
  return Object.fromEntries(entries) as T;
}

export const DEFAULT_PARAMS: Readonly<Params> = defaultsOf<Params>(PARAM_NAMES);
export const DEFAULT_LESSON: Readonly<Lesson> = defaultsOf<Lesson>(LESSON_NAMES);

/** A fresh copy of the quantizer's defaults (arrays are not shared). */
export function defaultParams(): Params {
  return defaultsOf<Params>(PARAM_NAMES);
}

export function defaultLesson(): Lesson {
  return defaultsOf<Lesson>(LESSON_NAMES);
}

/** Two values of a field are the same when they format the same. */
export function sameValue<K extends FieldName>(name: K, a: ViewFields[K], b: ViewFields[K]): boolean {
  const field = fieldOf(name);
  return field.format(a) === field.format(b);
}

/** A value as a slider positions it (log10 for a log slider). */
export function sliderPosition(slider: SliderSpec, value: number): number {
  const position = slider.scale === 'log' ? Math.log10(value) : value;
  const [low, high] =
    slider.scale === 'log' ? [Math.log10(slider.min), Math.log10(slider.max)] : [slider.min, slider.max];
  return Math.min(high, Math.max(low, position));
}

/** The value at a slider position, kept to the slider's significant digits. */
export function sliderValue(slider: SliderSpec, position: number): number {
  const value = slider.scale === 'log' ? 10 ** position : position;
  return Number(value.toPrecision(slider.digits));
}

/** A group's values under their link names, as links and the export spell them (`centers`, `lr`). */
export function byLinkName(values: Partial<ViewFields>): Record<string, ViewFields[FieldName]> {
  const named: Record<string, ViewFields[FieldName]> = {};
  for (const name of Object.keys(values) as FieldName[]) {
    const value = values[name] as ViewFields[FieldName];
    named[FIELDS[name].link] = Array.isArray(value) ? ([...value] as ViewFields[FieldName]) : value;
  }
  return named;
}
