import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps every visible string a key (eslint.config.js, i18next/no-literal-string)
// as a test, so that `npm test` fails on a string in the UI that is not a key.
// one linter running only that rule (the whole config is `npm run lint`'s)
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string',
});

describe('the UI strings', () => {
  it('are all keys: no literal text or labels in any component', async () => {
    const results = await eslint.lintFiles(['src/**/*.tsx']);
    const literals = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === 'i18next/no-literal-string')
        .map((m) => `${result.filePath.replace(/.*\/src\//, 'src/')}:${m.line} ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(40);
    expect(literals).toEqual([]);
  }, 120_000);
  it('the rule does find a literal string', async () => {
    const [result] = await eslint.lintText(
      'export function A() {\n  return <p title="Hover me">Temperature</p>;\n}\n',
      {
        filePath: new URL('../src/Probe.tsx', import.meta.url).pathname,
      },
    );
    expect(result?.messages.filter((m) => m.ruleId === 'i18next/no-literal-string')).toHaveLength(2);
  }, 60_000);
});
