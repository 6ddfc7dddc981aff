import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers of eslint.config.js (docs/architecture.md) as a test: an import against them fails
// `npm run lint` and `npm test`.
const root = new URL('..', import.meta.url).pathname;

// one linter for every case, running only the layer rule (the whole config is `npm run lint`'s)
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' });

/** The layer rule's findings for `source` as if it were the file `path` (relative to the repo). */
async function layerErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers', () => {
  it.each([
    ['src/model/probe.ts', "import { useAppStore } from '../state/store';"],
    ['src/model/probe.ts', "import { i18n } from '../i18n/i18n';"],
    ['src/image/learned/probe.ts', "import { isSoftwareRenderer } from '../../engine/backendPlan';"],
    ['src/image/probe.ts', "import { createElement } from 'react';"],
    ['src/engine/probe.ts', "import { useAppStore } from '../state/store';"],
    ['src/i18n/probe.ts', "import { useAppStore } from '../state/store';"],
    ['src/state/probe.ts', "import { shownMark } from '../teach/linking';"],
    ['src/state/probe.ts', "import { CurvesFigure } from '../viz/CurvesFigure';"],
    ['src/viz/probe.ts', "import { startLinking } from '../teach/linking';"],
    ['src/layout/probe.ts', "import { App } from '../App';"],
  ])('refuse an import against them: %s: %s', async (path, source) => {
    expect(await layerErrors(path, `${source}\nexport const used = [${source.match(/\{ (\w+)/)![1]}];\n`)).toHaveLength(
      1,
    );
  });

  it.each([
    ['src/image/probe.ts', "import { message } from '../i18n/message';"],
    ['src/image/probe.ts', "import { makeCenters } from '../model/centers';"],
    ['src/engine/probe.ts', "import { convAvailable } from '../image/learned/convAvailability';"],
    ['src/state/probe.ts', "import { bootBackend } from '../engine/backend';"],
    ['src/teach/probe.ts', "import { curveMarks } from '../viz/curveMarks';"],
  ])('allow an import down the layers: %s: %s', async (path, source) => {
    expect(await layerErrors(path, `${source}\nexport const used = [${source.match(/\{ (\w+)/)![1]}];\n`)).toEqual([]);
  });

  it('hold in src/', async () => {
    const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
    const against = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => `${result.filePath.replace(/.*\/src\//, 'src/')}:${m.line} ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(100);
    expect(against).toEqual([]);
  }, 120_000);
});
