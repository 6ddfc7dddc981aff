import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

/**
 * Every component's visible text goes through i18next (src/i18n): a literal string in JSX is an
 * error (tests/i18nLiterals.test.ts runs this rule too, so `npm test` fails on one).
 */
const TRANSLATED = ['src/**/*.tsx'];

export default tseslint.config(
  {
    ignores: ['dist', 'dist-*', 'bench/dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results.json'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: TRANSLATED,
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          // the attributes a person reads or hears; other props (names, test ids) are code
          'jsx-attributes': { include: ['aria-label', 'title', 'alt', 'placeholder', 'label', 'aria-description'] },
          // marks and symbols are not words
          words: { exclude: ['[\\s\\d.,:;·×=+\\-–—()/%✕…→←|]+'] },
        },
      ],
    },
  },
);
