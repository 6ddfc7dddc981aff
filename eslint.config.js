import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

/**
 * Files whose visible text all goes through i18next (src/i18n): a literal string in their JSX
 * is an error. Every component file belongs here once it is translated.
 */
const TRANSLATED = [
  'src/App.tsx',
  'src/i18n/**/*.tsx',
  'src/layout/**/*.tsx',
  'src/controls/**/*.tsx',
  'src/lab/ImageLab.tsx',
  'src/lab/LearnedPanel.tsx',
  'src/viz/LearnedCharts.tsx',
  'src/teach/LearnedExplain.tsx',
  'src/viz/ImageViews.tsx',
  'src/viz/RateDistortionPlot.tsx',
  'src/viz/ArrowsFigure.tsx',
  'src/viz/Axis.tsx',
  'src/viz/CurvesFigure.tsx',
  'src/viz/EmbedButton.tsx',
  'src/viz/FigureExport.tsx',
  'src/viz/HeatmapFigure.tsx',
  'src/viz/ImageViews.tsx',
  'src/viz/ProbeTable.tsx',
  'src/viz/RateDistortionPlot.tsx',
  'src/viz/RelaxationsFigure.tsx',
  'src/viz/TrainingCharts.tsx',
  'src/teach/FigureNotes.tsx',
  'src/teach/CompareRelaxations.tsx',
  'src/teach/EstimatorGuide.tsx',
  'src/teach/Formula.tsx',
  'src/teach/Intro.tsx',
  'src/teach/LearnSections.tsx',
  'src/teach/RoundPitfall.tsx',
  'src/teach/SeedWalkthrough.tsx',
  'src/teach/StepNumbers.tsx',
  'src/teach/StepText.tsx',
  'src/teach/Term.tsx',
  'src/teach/terms.tsx',
  'src/teach/TrainingDemo.tsx',
];

export default tseslint.config(
  {
    ignores: ['dist', 'bench/dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results.json'],
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
