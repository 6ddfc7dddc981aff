import * as tf from '@tensorflow/tfjs-core';
import { drawPopulation } from './population';
import { readAsync, readBlocking, type Readbacks } from './readback';
import { checkTrainingConfig, settingAt, temperatureAt, type TrainingConfig } from './trainingConfig';
import { objectiveGradients, objectiveTerms } from './trainingObjective';

export { DISTRIBUTIONS, type Distribution } from './population';
export {
  DEFAULT_TRAINING,
  MAX_TRAINING_COUNT,
  SCHEDULES,
  checkTrainingConfig,
  temperatureAt,
  type TemperatureSchedule,
  type TrainingConfig,
} from './trainingConfig';

/** A run stops itself here. */
export const MAX_TRAINING_STEPS = 5000;
/** A step is still when no value or center moves more than this... */
export const STILL_MOVE = 1e-7;
/** ...and a run has converged after this many still steps in a row. */
export const STILL_STEPS = 10;

/** One state's numbers. */
export interface TrainingMetrics {
  /** steps taken to reach this state */
  step: number;
  /** D + lambda R */
  loss: number;
  /** D = mean_i (yhat_i - x_i)^2 */
  distortion: number;
  /** R, bits per value */
  rate: number;
  /** T used for this state's loss and its step */
  temperature: number;
  /** max |delta y_i| and |delta c_j| of the step that led here; 0 at step 0 */
  maxMove: number;
}

/** A run at one step: plain arrays, never mutated (each step makes a new state). */
export interface TrainingState {
  step: number;
  /** [N] x_i */
  targets: Float32Array;
  /** [N] y_i, the trained values */
  values: Float32Array;
  /** [L] the centers (move only with learnCenters) */
  centers: Float32Array;
  /** [N] yhat_i, the estimator's forward value of each y_i */
  quantized: Float32Array;
  /** [L] how many values have each center as nearest (the hard symbol histogram) */
  counts: Int32Array;
  /** [L] P_j, the symbol frequencies the rate measures (= counts / N except for soft) */
  frequencies: Float32Array;
  /** one entry per state from step 0 to `step` */
  history: TrainingMetrics[];
  /** why the run stopped itself, or null (the page puts it into words in its language) */
  stopped: StopReason | null;
}

type Run = Pick<TrainingState, 'step' | 'targets' | 'values' | 'centers'>;
/** Per state: loss, distortion, rate, maxMove, all values and centers finite (1 or 0). */
const ROW = 5;

/** What a run's readback gives: the numbers of every state (ROW each) and the last state's arrays. */
interface StepsRead {
  rows: Float32Array;
  arrays: Pick<TrainingState, 'values' | 'centers' | 'quantized' | 'counts' | 'frequencies'>;
}

/**
 * `steps` gradient steps from `run` in one tidy with one readback, with the numbers of every
 * state from run.step to run.step + steps (ROW each) and the last state's arrays.
 */
function* runSteps(run: Run, config: TrainingConfig, steps: number): Readbacks<StepsRead> {
  const count = run.values.length;
  const centerCount = run.centers.length;
  const packed = tf.tidy(() => {
    const targets = tf.tensor1d(run.targets);
    let values = tf.tensor1d(run.values);
    let centers = tf.tensor1d(run.centers);
    const allFinite = (y: tf.Tensor, c: tf.Tensor) => tf.cast(tf.all(tf.isFinite(tf.concat([y, c]))), 'float32');
    const terms: tf.Tensor[] = [];
    const moves: tf.Tensor[] = [tf.scalar(0)];
    const finite: tf.Tensor[] = [allFinite(values, centers)];
    for (let k = 0; k < steps; k++) {
      const next = tf.tidy(() => {
        const g = objectiveGradients(values, centers, targets, settingAt(config, run.step + k));
        // value i's own share of the mean: lr * N * dLoss/dy_i
        const nextValues: tf.Tensor1D = tf.sub(values, tf.mul(g.valueGradient, config.learningRate * count));
        const nextCenters: tf.Tensor1D = config.learnCenters
          ? tf.sub(centers, tf.mul(g.centerGradient, config.learningRate))
          : centers;
        const move = tf.max(tf.abs(tf.concat([tf.sub(nextValues, values), tf.sub(nextCenters, centers)])));
        return {
          terms: g.terms,
          values: nextValues,
          centers: nextCenters,
          move,
          finite: allFinite(nextValues, nextCenters),
        };
      });
      // the previous state is no longer needed: keep memory flat over long batches
      values.dispose();
      if (next.centers !== centers) centers.dispose();
      ({ values, centers } = next);
      terms.push(next.terms);
      moves.push(next.move);
      finite.push(next.finite);
    }
    const last = objectiveTerms(values, centers, targets, settingAt(config, run.step + steps));
    terms.push(tf.stack([last.loss, last.distortion, last.rate]));
    const rows = tf.concat(
      [tf.stack(terms), tf.stack(moves), tf.stack(finite)].map((t) => tf.reshape(t, [steps + 1, -1])),
      1,
    );
    return tf.concat([
      tf.reshape(rows, [-1]),
      values,
      centers,
      last.quantized,
      tf.sum(last.nearest, 0),
      last.frequencies,
    ]);
  });
  const data = yield packed;
  let offset = (steps + 1) * ROW;
  const take = (length: number) => data.slice(offset, (offset += length));
  const rows = data.subarray(0, offset);
  const arrays: Pick<TrainingState, 'values' | 'centers' | 'quantized' | 'counts' | 'frequencies'> = {
    values: take(count),
    centers: take(centerCount),
    quantized: take(count),
    counts: Int32Array.from(take(centerCount)),
    frequencies: take(centerCount),
  };
  return { rows, arrays };
}

function metricsOf(rows: Float32Array, k: number, step: number, config: TrainingConfig): TrainingMetrics {
  const at = (column: number) => rows[k * ROW + column] as number;
  return {
    step,
    loss: at(0),
    distortion: at(1),
    rate: at(2),
    temperature: temperatureAt(config, step),
    maxMove: at(3),
  };
}

/**
 * Why a run stopped itself, as data: the kind and the numbers that say when and by what rule.
 * The page words it (`teach:training.stop.<kind>`), so the model stays free of any language.
 */
export type StopReason =
  | { kind: 'divergedLoss'; loss: number; step: number }
  | { kind: 'divergedValue'; step: number }
  | { kind: 'converged'; move: number; steps: number }
  | { kind: 'stepLimit'; limit: number };

const STEP_LIMIT_REASON: StopReason = { kind: 'stepLimit', limit: MAX_TRAINING_STEPS };

/** Why the run stops at row k (state `step`), or null. `still` counts still steps before it. */
function stopReason(rows: Float32Array, k: number, step: number, still: number): StopReason | null {
  const loss = rows[k * ROW] as number;
  if (!Number.isFinite(loss)) return { kind: 'divergedLoss', loss, step };
  if (rows[k * ROW + 4] !== 1) return { kind: 'divergedValue', step };
  if (still >= STILL_STEPS) return { kind: 'converged', move: STILL_MOVE, steps: STILL_STEPS };
  if (step >= MAX_TRAINING_STEPS) return STEP_LIMIT_REASON;
  return null;
}

function isStill(metrics: TrainingMetrics): boolean {
  return metrics.step > 0 && metrics.maxMove < STILL_MOVE;
}

/** Step 0: draws the population and measures it (one tidy, one readback). Throws on a bad config. */
export function startTraining(config: TrainingConfig): TrainingState {
  const centers = checkTrainingConfig(config);
  const { targets, values } = drawPopulation(config.seed, config.count, config.distribution, centers);
  const { rows, arrays } = readBlocking(runSteps({ step: 0, targets, values, centers }, config, 0));
  const history = [metricsOf(rows, 0, 0, config)];
  return { step: 0, targets, ...arrays, history, stopped: stopReason(rows, 0, 0, 0) };
}

function checkCompatible(state: TrainingState, config: TrainingConfig): void {
  if (state.centers.length !== config.centers.length) {
    throw new RangeError(`the run has ${state.centers.length} centers but the config ${config.centers.length}`);
  }
}

/**
 * Up to `steps` plain gradient-descent steps, y_i -= lr * N * dLoss/dy_i (value i's own share
 * of the mean loss) and, with learnCenters, c_j -= lr * dLoss/dc_j, gradients by tfjs autodiff.
 * One tidy, one readback. Stops early, and says why in `stopped`, when the loss or a value is
 * not finite, when nothing moved more than 1e-7 for 10 steps, or at MAX_TRAINING_STEPS; the
 * state returned is the one at that step. A stopped state comes back as it is.
 * @returns a new state; the input is not changed
 */
export function trainSteps(state: TrainingState, config: TrainingConfig, steps: number): Promise<TrainingState> {
  return readAsync(trainingReadbacks(state, config, steps));
}

/** trainSteps as a readback generator (tests drive it with readBlocking). */
export function* trainingReadbacks(
  state: TrainingState,
  config: TrainingConfig,
  steps: number,
): Readbacks<TrainingState> {
  checkTrainingConfig(config);
  checkCompatible(state, config);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be an integer >= 0, got ${steps}`);
  const planned = Math.min(steps, MAX_TRAINING_STEPS - state.step);
  if (state.stopped !== null || steps === 0) return state;
  if (planned <= 0) return { ...state, stopped: STEP_LIMIT_REASON };
  let still = 0;
  for (let i = state.history.length - 1; i >= 0 && isStill(state.history[i] as TrainingMetrics); i--) still++;
  let result = yield* runSteps(state, config, planned);
  const history: TrainingMetrics[] = [];
  let stopped: StopReason | null = null;
  for (let k = 1; k <= planned && stopped === null; k++) {
    const metrics = metricsOf(result.rows, k, state.step + k, config);
    still = isStill(metrics) ? still + 1 : 0;
    history.push(metrics);
    stopped = stopReason(result.rows, k, metrics.step, still);
  }
  // Stopped inside the batch: the same steps again, deterministically, up to the stopping step.
  if (history.length < planned) result = yield* runSteps(state, config, history.length);
  return {
    step: state.step + history.length,
    targets: state.targets,
    ...result.arrays,
    history: [...state.history, ...history],
    stopped,
  };
}

/**
 * dLoss/dy [N] and dLoss/dc [L] at a state, by the same autodiff trainSteps steps with (dc is
 * computed even when the centers are fixed). For tests and for showing the gradient.
 */
export function lossGradients(
  state: TrainingState,
  config: TrainingConfig,
): { values: Float32Array; centers: Float32Array } {
  checkTrainingConfig(config);
  checkCompatible(state, config);
  const packed = tf.tidy(() => {
    const g = objectiveGradients(
      tf.tensor1d(state.values),
      tf.tensor1d(state.centers),
      tf.tensor1d(state.targets),
      settingAt(config, state.step),
    );
    return tf.concat([g.valueGradient, g.centerGradient]);
  });
  const data = packed.dataSync() as Float32Array;
  packed.dispose();
  return { values: data.slice(0, state.values.length), centers: data.slice(state.values.length) };
}
