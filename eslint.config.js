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

/**
 * The layers (docs/architecture.md): pure maths (src/model, src/image) -> src/engine ->
 * src/state -> the UI (viz, controls, teach, lab, layout) -> the composition root (main.tsx,
 * App.tsx). A folder imports only from the layers below it; src/i18n (messages and language
 * resolution) imports none of them, and pure maths takes from it only the message descriptors
 * (i18n/message.ts, no i18next). src/browser holds the DOM adapters (downloads, image decoding)
 * that state may call. Within the UI, src/viz (the figures) imports no other UI folder.
 * tests/layers.test.ts shows this rule firing.
 */
const folder = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;
const UI = ['viz', 'controls', 'teach', 'lab', 'layout'];
const ROOT = { regex: '^(\\.\\./)+(App|main|entry)$', message: 'Only the composition root imports App and main.' };
const NO_REACT = ['react', 'react-dom', 'react-dom/client', 'react-i18next', 'i18next', 'zustand', 'zustand/*'];
const layer = (files, below, banned, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: folder(banned),
            message: `Layers: ${files[0].split('/')[1]} imports only from ${below} (docs/architecture.md).`,
          },
          ROOT,
          ...extra,
        ],
      },
    ],
  },
});
const PURE_EXTRA = [
  {
    regex: '^(\\.\\./)+i18n/(?!message$)',
    message: 'Pure maths names messages with i18n/message.ts only; translating is for the UI.',
  },
  { group: NO_REACT, message: 'Pure maths is free of React, i18next and the store.' },
];
const LAYERS = [
  layer(['src/model/**'], 'src/model', ['image', 'engine', 'state', 'browser', ...UI], PURE_EXTRA),
  layer(['src/image/**'], 'src/model and src/image', ['engine', 'state', 'browser', ...UI], PURE_EXTRA),
  layer(
    ['src/engine/**'],
    'pure maths and src/i18n',
    ['state', 'browser', ...UI],
    [{ group: ['react', 'react-dom', 'zustand', 'zustand/*'], message: 'The engine is free of React and the store.' }],
  ),
  layer(['src/i18n/**'], 'itself', ['model', 'image', 'engine', 'state', 'browser', ...UI]),
  layer(['src/browser/**'], 'itself and src/i18n', ['model', 'image', 'engine', 'state', ...UI]),
  layer(['src/state/**'], 'pure maths, src/engine, src/i18n and src/browser', UI),
  // the figures are the UI's base: the text, the controls and the lab use them, never the reverse
  layer(['src/viz/**'], 'the layers below the UI', ['controls', 'teach', 'lab', 'layout']),
  ...UI.filter((name) => name !== 'viz').map((name) => ({
    files: [`src/${name}/**`],
    rules: { 'no-restricted-imports': ['error', { patterns: [ROOT] }] },
  })),
];

/**
 * Time has one owner (docs/architecture.md, "Who owns time"): the app's delays, idle callbacks,
 * intervals and frames are started by the scheduler (src/state/scheduler/: jobs, watchSetup and
 * the Timers owner), so whoever started a piece of work can stop all of it. Elsewhere in src/state,
 * the UI folders and offline.ts a bare timer is an error. Left to their own owners: src/browser's
 * DOM utilities (a download's URL revoke, whenPaintedAndIdle), and in src/viz canvas drawing's
 * requestAnimationFrame (canvasMarks.ts paints once per frame: the frame is the drawing's own).
 * tests/ownership.test.ts shows these rules firing.
 */
const TIMERS = ['setTimeout', 'setInterval', 'requestIdleCallback', 'requestAnimationFrame'];
const timerRules = (names) => {
  const message = 'Timers belong to the scheduler: use a job or a Timers owner (src/state/scheduler).';
  return {
    'no-restricted-globals': ['error', ...names.map((name) => ({ name, message }))],
    'no-restricted-properties': [
      'error',
      ...['window', 'globalThis', 'self'].flatMap((object) => names.map((property) => ({ object, property, message }))),
    ],
  };
};
const TIME_OWNERSHIP = [
  {
    files: ['src/state/**', 'src/layout/**', 'src/lab/**', 'src/controls/**', 'src/teach/**', 'src/offline.ts'],
    ignores: ['src/state/scheduler/**'],
    rules: timerRules(TIMERS),
  },
  { files: ['src/viz/**'], rules: timerRules(TIMERS.filter((name) => name !== 'requestAnimationFrame')) },
  {
    // the app's state lives in the store or in an owner's closure, never in a module's variable
    files: ['src/state/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > VariableDeclaration[kind!="const"], Program > ExportNamedDeclaration > VariableDeclaration[kind!="const"]',
          message:
            'No module-level mutable state in src/state: keep it in the store (through an action) or in the closure of its owner (a job, a Timers owner, a start function).',
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'bench/dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/results.json',
    ],
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
  ...LAYERS,
  ...TIME_OWNERSHIP,
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
