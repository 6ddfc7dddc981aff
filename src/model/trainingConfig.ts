import { checkCenters } from './centers';
import { DEFAULT_ENGINE, ENGINES, type Engine } from './choices';
import { ESTIMATORS, type EstimatorName } from './estimators';
import { DISTRIBUTIONS, type Distribution } from './population';
import { DISTANCES, TEMPERATURE_LIMITS, type Distance } from './quantizer';
import type { ObjectiveSetting } from './trainingObjective';

/** The largest population the demo trains. */
export const MAX_TRAINING_COUNT = 4096;

/** How T moves over a run: constant, or annealed exponentially to a floor. */
export const SCHEDULES = ['constant', 'anneal'] as const;
export type TemperatureSchedule = (typeof SCHEDULES)[number];

/** What a run trains and how. The state holds what it trains on; this, how each step goes. */
export interface TrainingConfig {
  /** seeds the targets and the initial values */
  seed: number;
  /** N, the population size, 1..4096 */
  count: number;
  distribution: Distribution;
  /** what the forward and backward pass of quantization are */
  estimator: EstimatorName;
  /** rate weight: loss = D + lambda R, >= 0 */
  lambda: number;
  /** step size, > 0: y_i -= lr * N * dLoss/dy_i, c_j -= lr * dLoss/dc_j */
  learningRate: number;
  /** T0 in [1e-3, 1e3]; sigma = 1 / T */
  temperature: number;
  /** constant: T = T0; anneal: T_t = max(minTemperature, T0 * decay^t) (Agustsson et al. 2017) */
  schedule: TemperatureSchedule;
  /** per-step factor of the anneal, in (0, 1] */
  decay: number;
  /** the anneal's floor, in [1e-3, 1e3]; a floor above T0 holds T at the floor */
  minTemperature: number;
  /** whether gradient descent moves the centers too (Mentzer et al. 2018) */
  learnCenters: boolean;
  /** [L >= 2] the initial centers; their span S = max - min scales the population */
  centers: ArrayLike<number>;
  distance: Distance;
  /** the soft assignment's implementation (quantizer.ts Context); DEFAULT_ENGINE when absent */
  engine?: Engine;
}

/**
 * The demo's defaults (all but the centers, which come from the quantizer's params). Tuned on
 * 256 normal targets and centers -2..2: lr 0.005 makes the STE's loss fall over about 300 steps
 * (1.02 at step 0, 0.40 at 100, 0.32 at 300), slow enough to watch; lambda 0.1 prices the rate
 * visibly without emptying cells (R 1.87 bits at step 300 against 1.90 for lambda 0; lambda 0.3
 * keeps 3 cells, R 1.32; lambda 0.5 keeps 1 to 2; lambda 1 puts every value on one center).
 */
export const DEFAULT_TRAINING: Readonly<Omit<TrainingConfig, 'centers'>> = {
  seed: 1,
  count: 256,
  distribution: 'normal',
  estimator: 'ste',
  lambda: 0.1,
  learningRate: 0.005,
  temperature: 1,
  schedule: 'constant',
  decay: 0.99,
  minTemperature: 0.05,
  learnCenters: false,
  distance: 'l1',
};

function inRange(value: number, low: number, high: number): boolean {
  return Number.isFinite(value) && value >= low && value <= high;
}

function checkChoice<T>(name: string, value: T, choices: readonly T[]): void {
  if (!choices.includes(value)) {
    throw new RangeError(`${name} must be one of ${choices.join(', ')}, got ${String(value)}`);
  }
}

/** Throws a RangeError naming the broken rule and the value; returns the centers as float32. */
export function checkTrainingConfig(config: TrainingConfig): Float32Array {
  const { count, lambda, learningRate, temperature, minTemperature, decay } = config;
  const { min, max } = TEMPERATURE_LIMITS;
  if (!Number.isInteger(config.seed)) throw new RangeError(`seed must be an integer, got ${config.seed}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRAINING_COUNT) {
    throw new RangeError(`count must be an integer in 1..${MAX_TRAINING_COUNT}, got ${count}`);
  }
  if (!inRange(lambda, 0, Infinity)) throw new RangeError(`lambda must be finite and >= 0, got ${lambda}`);
  if (!inRange(learningRate, Number.MIN_VALUE, Infinity)) {
    throw new RangeError(`learning rate must be finite and > 0, got ${learningRate}`);
  }
  if (!inRange(temperature, min, max)) {
    throw new RangeError(`temperature must be in [${min}, ${max}], got ${temperature}`);
  }
  if (!inRange(minTemperature, min, max)) {
    throw new RangeError(`minimum temperature must be in [${min}, ${max}], got ${minTemperature}`);
  }
  if (!inRange(decay, Number.MIN_VALUE, 1)) throw new RangeError(`decay must be in (0, 1], got ${decay}`);
  checkChoice('distribution', config.distribution, DISTRIBUTIONS);
  checkChoice('estimator', config.estimator, ESTIMATORS);
  checkChoice('schedule', config.schedule, SCHEDULES);
  checkChoice('distance', config.distance, DISTANCES);
  checkChoice('engine', config.engine ?? DEFAULT_ENGINE, ENGINES);
  if (config.centers.length < 2) {
    throw new RangeError(`training needs at least 2 centers, got ${config.centers.length}`);
  }
  const centers = checkCenters(config.centers);
  if (Math.min(...centers) === Math.max(...centers)) {
    throw new RangeError(`the centers must span a range > 0, got all equal to ${centers[0]}`);
  }
  return centers;
}

/** T_t: T0, or with annealing max(minTemperature, T0 * decay^t). */
export function temperatureAt(config: TrainingConfig, step: number): number {
  if (config.schedule === 'constant') return config.temperature;
  return Math.max(config.minTemperature, config.temperature * config.decay ** step);
}

/** The objective's setting at a step: the config's estimator, distance, lambda and engine, sigma = 1 / T_t. */
export function settingAt(config: TrainingConfig, step: number): ObjectiveSetting {
  const { estimator, distance, lambda, engine = DEFAULT_ENGINE } = config;
  return { estimator, distance, lambda, engine, sigma: 1 / temperatureAt(config, step) };
}
