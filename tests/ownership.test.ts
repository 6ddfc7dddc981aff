import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Who owns time and state (eslint.config.js, TIME_OWNERSHIP; docs/architecture.md) as a test: a
// bare timer or a module-level `let` where they are refused fails `npm run lint` and `npm test`.
const root = new URL('..', import.meta.url).pathname;
const RULES = ['no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax'];
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => RULES.includes(ruleId) });

/** The ownership rules' findings for `source` as if it were the file `path` (relative to the repo). */
async function ownershipErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => RULES.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('one owner for every timer and every piece of state', () => {
  it.each([
    ['src/state/probe.ts', 'export const stop = setTimeout(() => {}, 10);'],
    ['src/state/probe.ts', 'export const stop = window.setTimeout(() => {}, 10);'],
    ['src/state/probe.ts', 'export const stop = globalThis.setInterval(() => {}, 10);'],
    ['src/layout/probe.ts', 'export const stop = requestIdleCallback(() => {});'],
    ['src/lab/probe.ts', 'export const stop = requestAnimationFrame(() => {});'],
    ['src/controls/probe.ts', 'export const stop = setInterval(() => {}, 10);'],
    ['src/teach/probe.ts', 'export const stop = setTimeout(() => {}, 10);'],
    ['src/offline.ts', 'export const stop = setTimeout(() => {}, 10);'],
    ['src/viz/probe.ts', 'export const stop = setTimeout(() => {}, 10);'],
    ['src/state/probe.ts', 'let count = 0;\nexport const next = () => ++count;'],
    ['src/state/probe.ts', 'export let count = 0;'],
  ])('refuse %s: %s', async (path, source) => {
    expect(await ownershipErrors(path, source)).toHaveLength(1);
  });

  it.each([
    // the scheduler is the owner
    ['src/state/scheduler/probe.ts', 'export const stop = setTimeout(() => {}, 10);'],
    // canvas drawing owns its frames; DOM utilities their own clean-up
    ['src/viz/probe.ts', 'export const frame = requestAnimationFrame(() => {});'],
    ['src/browser/probe.ts', 'export const stop = setTimeout(() => {}, 10);'],
    // a `let` inside a function, and a module's constant cache
    ['src/state/probe.ts', 'export function next() {\n  let count = 0;\n  return ++count;\n}'],
    ['src/state/probe.ts', 'export const cache = new WeakMap<object, number>();'],
  ])('allow %s: %s', async (path, source) => {
    expect(await ownershipErrors(path, source)).toEqual([]);
  });

  it('hold in src/', async () => {
    const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
    const against = results.flatMap((result) =>
      result.messages
        .filter((m) => RULES.includes(m.ruleId ?? ''))
        .map((m) => `${result.filePath.replace(/.*\/src\//, 'src/')}:${m.line} ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(100);
    expect(against).toEqual([]);
  }, 120_000);
});
