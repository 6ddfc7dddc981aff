// npx vitest run --config bench/vitest.learned.config.ts: the learned codec's step time in node
// (vitest loads tfjs in node where a plain ESM import of its dist cannot). Not a unit test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/learnedStep.run.ts'], environment: 'node', testTimeout: 600_000 },
});
