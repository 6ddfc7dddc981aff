/**
 * The learned codecs' weights file: JSON holding the model's kind ('block' or 'conv'), its
 * architecture, the quantizer, the training setting and every parameter, and the checks that
 * turn a bad file into a clear message. A file without a `model` field holds a block model (the
 * first files had none, and still load).
 */
import { DEFAULT_ENGINE, type Engine } from '../../model/choices';
import { CONV_PARAMETER_NAMES, checkConvConfig, convParameterShapes } from './conv';
import type { ConvModelConfig, ConvParameterName } from './conv';
import { LEARNED_ESTIMATORS, PARAMETER_NAMES, checkModelConfig, parameterShapes } from './model';
import type { BlockModelConfig, LearnedEstimator, ParameterName } from './model';
import { LEARNED_ARCHITECTURES } from './plan';

export const WEIGHTS_FORMAT = 'quantization-playground/learned-block-codec';
export const WEIGHTS_VERSION = 1;

/** Which learned model a file holds; the block one first (the default). */
export { LEARNED_MODEL_KINDS, type LearnedModelKind } from '../choices';

/** Each parameter row-major, with its shape. */
type ParameterTable<Name extends string> = Record<Name, { shape: number[]; values: number[] }>;

/** What every weights file holds besides its architecture and parameters. */
interface CommonFields {
  format: typeof WEIGHTS_FORMAT;
  version: typeof WEIGHTS_VERSION;
  centers: number[];
  temperature: number;
  distance: BlockModelConfig['distance'];
  seed: number;
  estimator: LearnedEstimator;
  lambda: number;
  steps: number;
}

/** A block model's file, as JSON.parse gives it back; `model` may be absent (the first files). */
export interface BlockWeightsFile extends CommonFields {
  model?: 'block';
  architecture: 'block-mlp';
  blockSize: number;
  hidden: number;
  channels: number;
  weights: ParameterTable<ParameterName>;
}

/** A conv model's file, as JSON.parse gives it back. */
export interface ConvWeightsFile extends CommonFields {
  model: 'conv';
  architecture: 'strided-conv';
  channels: number;
  filters: number;
  kernelSize: number;
  weights: ParameterTable<ConvParameterName>;
}

/** What the file records besides the model itself. */
export interface TrainingRecord {
  temperature: number;
  estimator: LearnedEstimator;
  lambda: number;
  steps: number;
}

/** A file read back as plain data: the kind's config and parameters (codecs.ts makes the model). */
export type ParsedWeights =
  | { kind: 'block'; config: BlockModelConfig; parameters: Record<ParameterName, Float32Array>; record: TrainingRecord }
  | {
      kind: 'conv';
      config: ConvModelConfig;
      parameters: Record<ConvParameterName, Float32Array>;
      record: TrainingRecord;
    };

/**
 * A learned model and its training record as a weights file's JSON (float32 values written
 * exactly): the common fields, then the kind's architecture `fields` (model, architecture, sizes),
 * then every parameter with its shape, in `shapes`' order.
 */
export function weightsToJson<Name extends string>(
  config: Pick<BlockModelConfig, 'centers' | 'distance' | 'seed'>,
  fields: Record<string, string | number>,
  shapes: Record<Name, number[]>,
  parameters: Record<Name, Float32Array>,
  record: TrainingRecord,
): string {
  const weights = {} as ParameterTable<Name>;
  for (const name of Object.keys(shapes) as Name[]) {
    weights[name] = { shape: shapes[name], values: Array.from(parameters[name]) };
  }
  const common: CommonFields = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    centers: Array.from(config.centers),
    temperature: record.temperature,
    distance: config.distance,
    seed: config.seed,
    estimator: record.estimator,
    lambda: record.lambda,
    steps: record.steps,
  };
  return JSON.stringify({ ...common, ...fields, weights });
}

/** A file that is not a weights file; `detail` names the first thing wrong with it. */
export class WeightsFileError extends Error {
  constructor(readonly detail: string) {
    super(`not a learned codec weights file: ${detail}`);
    this.name = 'WeightsFileError';
  }
}

function fail(detail: string): never {
  throw new WeightsFileError(detail);
}

function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(`${name} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

/** Runs a config check, turning its RangeError into the file's message. */
function checked<Config>(config: Config, check: (config: Config) => void): Config {
  try {
    check(config);
  } catch (error) {
    fail((error as Error).message);
  }
  return config;
}

function readParameterTable<Name extends string>(
  weights: unknown,
  names: readonly Name[],
  shapes: Record<Name, number[]>,
): Record<Name, Float32Array> {
  if (typeof weights !== 'object' || weights === null) fail('weights must be an object');
  const parameters = {} as Record<Name, Float32Array>;
  for (const name of names) {
    const entry = (weights as Record<string, unknown>)[name] as { shape?: unknown; values?: unknown } | undefined;
    if (entry === undefined || typeof entry !== 'object' || entry === null) fail(`weights.${name} is missing`);
    const shape = shapes[name];
    if (!Array.isArray(entry.shape) || entry.shape.join(',') !== shape.join(',')) {
      fail(`weights.${name} must have shape [${shape.join(', ')}], got ${JSON.stringify(entry.shape)}`);
    }
    const values = entry.values;
    const size = shape.reduce((a, b) => a * b, 1);
    if (!Array.isArray(values) || values.length !== size) fail(`weights.${name} must hold ${size} values`);
    if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
      fail(`weights.${name} holds a value that is not a finite number`);
    parameters[name] = Float32Array.from(values as number[]);
  }
  return parameters;
}

/**
 * Reads a weights file of either model back as plain data, its quantizer to be run by `engine`.
 * Throws a WeightsFileError whose message names the first thing wrong with the file.
 */
export function parseWeightsFile(text: string, engine: Engine = DEFAULT_ENGINE): ParsedWeights {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(`it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('it is not a JSON object');
  const file = raw as Record<string, unknown>;
  if (file['format'] !== WEIGHTS_FORMAT)
    fail(`format must be "${WEIGHTS_FORMAT}", got ${JSON.stringify(file['format'])}`);
  if (file['version'] !== WEIGHTS_VERSION)
    fail(`version ${JSON.stringify(file['version'])} is not supported (only ${WEIGHTS_VERSION})`);
  const kind = file['model'] ?? 'block';
  if (kind !== 'block' && kind !== 'conv') fail(`model must be "block" or "conv", got ${JSON.stringify(kind)}`);
  const architecture = LEARNED_ARCHITECTURES[kind].name;
  if (file['architecture'] !== architecture)
    fail(`a ${kind} model's architecture must be "${architecture}", got ${JSON.stringify(file['architecture'])}`);
  const centers = file['centers'];
  if (!Array.isArray(centers) || centers.some((c) => typeof c !== 'number' || !Number.isFinite(c))) {
    fail('centers must be an array of finite numbers');
  }
  const distance = file['distance'];
  if (distance !== 'l1' && distance !== 'l2') fail(`distance must be "l1" or "l2", got ${JSON.stringify(distance)}`);
  const quantizer: Pick<BlockModelConfig, 'centers' | 'distance' | 'seed' | 'engine'> = {
    centers: centers as number[],
    distance,
    seed: finiteNumber(file['seed'], 'seed'),
    engine,
  };
  const estimator = file['estimator'];
  if (!(LEARNED_ESTIMATORS as readonly unknown[]).includes(estimator)) {
    fail(`estimator must be one of ${LEARNED_ESTIMATORS.join(', ')}, got ${JSON.stringify(estimator)}`);
  }
  const temperature = finiteNumber(file['temperature'], 'temperature');
  if (temperature <= 0) fail(`temperature must be > 0, got ${temperature}`);
  const record: TrainingRecord = {
    temperature,
    estimator: estimator as LearnedEstimator,
    lambda: finiteNumber(file['lambda'], 'lambda'),
    steps: finiteNumber(file['steps'], 'steps'),
  };
  if (kind === 'conv') {
    const config = checked<ConvModelConfig>(
      {
        channels: finiteNumber(file['channels'], 'channels'),
        filters: finiteNumber(file['filters'], 'filters'),
        kernelSize: finiteNumber(file['kernelSize'], 'kernelSize'),
        ...quantizer,
      },
      checkConvConfig,
    );
    const parameters = readParameterTable(file['weights'], CONV_PARAMETER_NAMES, convParameterShapes(config));
    return { kind: 'conv', config, parameters, record };
  }
  const config = checked<BlockModelConfig>(
    {
      blockSize: finiteNumber(file['blockSize'], 'blockSize'),
      hidden: finiteNumber(file['hidden'], 'hidden'),
      channels: finiteNumber(file['channels'], 'channels'),
      ...quantizer,
    },
    checkModelConfig,
  );
  const parameters = readParameterTable(file['weights'], PARAMETER_NAMES, parameterShapes(config));
  return { kind: 'block', config, parameters, record };
}
