/**
 * The quantizers with blocking readbacks, for tests in node: each is the product's own readback
 * generator (the page drives it with readAsync) driven by readBlocking.
 */
import type { QuantizedValues } from '../src/image/labCompute';
import { summaryReadbacks, type TfQuantizerSettings } from '../src/image/tfImageQuantizer';
import { quantizerReadbacks, type QuantizerBatch, type QuantizerResult } from '../src/model/quantizer';
import { readBlocking } from '../src/model/readback';
import { trainingReadbacks, type TrainingConfig, type TrainingState } from '../src/model/training';
import { relaxationReadbacks, type RelaxationParams, type RelaxationResult } from '../src/model/relaxations';

/** A batch, read at once. Throws RangeError on bad params. */
export function quantizeBatchSync(batch: QuantizerBatch): QuantizerResult[] {
  return readBlocking(quantizerReadbacks(batch));
}

/** The image lab's tfjs engine, read at once. */
export function tfImageQuantizerSync(settings: TfQuantizerSettings): (inputs: Float32Array) => QuantizedValues {
  return (inputs) => readBlocking(summaryReadbacks(inputs, settings));
}

/** The relaxations, read at once. */
export function compareRelaxationsSync(params: RelaxationParams): RelaxationResult {
  return readBlocking(relaxationReadbacks(params));
}

/** Training steps, read at once. */
export function trainStepsSync(state: TrainingState, config: TrainingConfig, steps: number): TrainingState {
  return readBlocking(trainingReadbacks(state, config, steps));
}
