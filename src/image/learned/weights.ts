/**
 * The block codec's weights file: JSON holding the architecture, the quantizer, the training
 * setting and every parameter, and the checks that turn a bad file into a clear message.
 */
import {
  LEARNED_ESTIMATORS,
  PARAMETER_NAMES,
  checkModelConfig,
  createBlockModel,
  parameterShapes,
  readParameters,
} from './model';
import type { BlockModel, BlockModelConfig, LearnedEstimator, ParameterName } from './model';

export const WEIGHTS_FORMAT = 'quantization-playground/learned-block-codec';
export const WEIGHTS_VERSION = 1;

/** The file's content, as JSON.parse gives it back. */
export interface WeightsFile {
  format: typeof WEIGHTS_FORMAT;
  version: typeof WEIGHTS_VERSION;
  architecture: 'block-mlp';
  blockSize: number;
  hidden: number;
  channels: number;
  centers: number[];
  temperature: number;
  distance: BlockModelConfig['distance'];
  seed: number;
  estimator: LearnedEstimator;
  lambda: number;
  steps: number;
  /** each parameter row-major, with its shape */
  weights: Record<ParameterName, { shape: number[]; values: number[] }>;
}

/** What the file records besides the model itself. */
export interface TrainingRecord {
  temperature: number;
  estimator: LearnedEstimator;
  lambda: number;
  steps: number;
}

/** The model and its training record as a JSON string (float32 values written exactly). */
export function weightsToJson(model: BlockModel, record: TrainingRecord): string {
  const parameters = readParameters(model);
  const shapes = parameterShapes(model.config);
  const weights = {} as WeightsFile['weights'];
  for (const name of PARAMETER_NAMES) weights[name] = { shape: shapes[name], values: Array.from(parameters[name]) };
  const { blockSize, hidden, channels, centers, distance, seed } = model.config;
  const file: WeightsFile = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    architecture: 'block-mlp',
    blockSize,
    hidden,
    channels,
    centers: Array.from(centers),
    temperature: record.temperature,
    distance,
    seed,
    estimator: record.estimator,
    lambda: record.lambda,
    steps: record.steps,
    weights,
  };
  return JSON.stringify(file);
}

function fail(message: string): never {
  throw new Error(`not a learned codec weights file: ${message}`);
}

function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(`${name} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Reads a weights file back: a new model (the caller disposes it) and its training record.
 * Throws an Error whose message names the first thing wrong with the file.
 */
export function weightsFromJson(text: string): { model: BlockModel; record: TrainingRecord } {
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
  if (file['architecture'] !== 'block-mlp')
    fail(`architecture must be "block-mlp", got ${JSON.stringify(file['architecture'])}`);
  const centers = file['centers'];
  if (!Array.isArray(centers) || centers.some((c) => typeof c !== 'number' || !Number.isFinite(c))) {
    fail('centers must be an array of finite numbers');
  }
  const distance = file['distance'];
  if (distance !== 'l1' && distance !== 'l2') fail(`distance must be "l1" or "l2", got ${JSON.stringify(distance)}`);
  const config: BlockModelConfig = {
    blockSize: finiteNumber(file['blockSize'], 'blockSize'),
    hidden: finiteNumber(file['hidden'], 'hidden'),
    channels: finiteNumber(file['channels'], 'channels'),
    centers: centers as number[],
    distance,
    seed: finiteNumber(file['seed'], 'seed'),
  };
  try {
    checkModelConfig(config);
  } catch (error) {
    fail((error as Error).message);
  }
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
  const weights = file['weights'];
  if (typeof weights !== 'object' || weights === null) fail('weights must be an object');
  const shapes = parameterShapes(config);
  const parameters = {} as Record<ParameterName, Float32Array>;
  for (const name of PARAMETER_NAMES) {
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
  return { model: createBlockModel(config, parameters), record };
}
