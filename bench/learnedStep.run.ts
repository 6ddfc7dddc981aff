// Prints the learned codec's step times; see bench/learnedStep.ts. Asserts nothing about speed.
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { measure } from './learnedStep';

it('learned codec step time (cpu, wasm)', async () => {
  const wasm = fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));
  for (const line of await measure(wasm)) console.log(line);
});
