import { tfImageQuantizer, type TfQuantizerSettings } from './image/tfImageQuantizer';
import { learnedModel } from './state/learnedLoop';

// The console handle's lab parts (main.tsx), loaded on first use: the first view loads no lab code.

/** The image lab's quantizer on any inputs, under either engine: [w_soft, w_hard, index, entropy bits]. */
export async function labSummary(inputs: number[], settings: TfQuantizerSettings): Promise<number[][]> {
  const q = await tfImageQuantizer(settings)(Float32Array.from(inputs));
  return [q.soft, q.hard, q.index, q.assignmentEntropy].map((row) => Array.from(row));
}

/** The lab's learned codec's parameters now, by name, or null before it has a model. */
export function learnedParameters(): Record<string, number[]> | null {
  const codec = learnedModel();
  if (!codec) return null;
  return Object.fromEntries(Object.entries(codec.readParameters()).map(([name, values]) => [name, Array.from(values)]));
}
